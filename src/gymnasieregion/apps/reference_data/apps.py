from django.apps import AppConfig


class ReferenceDataConfig(AppConfig):
    """Reference data files in the repository and the command that loads them."""

    name = "gymnasieregion.apps.reference_data"
    label = "reference_data"
    verbose_name = "Referensdata"
