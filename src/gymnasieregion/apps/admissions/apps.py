from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    """Admission rounds in the system; for now the command line around the core engine."""

    name = "gymnasieregion.apps.admissions"
    label = "admissions"
    verbose_name = "Antagning"
