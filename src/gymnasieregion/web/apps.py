from django.apps import AppConfig


class WebConfig(AppConfig):
    """Base templates, navigation per role, static files and error pages."""

    name = "gymnasieregion.web"
    label = "web"
    verbose_name = "Webb"
