from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users, roles as data, memberships of users in organisations, second factor."""

    name = "gymnasieregion.apps.accounts"
    label = "accounts"
    verbose_name = "Konton och roller"

    def ready(self) -> None:
        from gymnasieregion.apps.accounts import signals  # noqa: F401
