from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    """The admission year with its calendar, and the offerings applicants choose."""

    name = "gymnasieregion.apps.catalogue"
    label = "catalogue"
    verbose_name = "Utbildningskatalog"
