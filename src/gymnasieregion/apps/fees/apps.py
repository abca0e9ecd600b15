from django.apps import AppConfig


class FeesConfig(AppConfig):
    """The association's member fees: service fee, per-youth fees, budget check."""

    name = "gymnasieregion.apps.fees"
    label = "fees"
    verbose_name = "Medlemsavgifter"
