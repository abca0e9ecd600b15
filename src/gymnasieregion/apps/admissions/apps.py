from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class AdmissionsConfig(AppConfig):
    """Admission years' applications, rounds, results, answers and letters."""

    name = "gymnasieregion.apps.admissions"
    label = "admissions"
    verbose_name = "Antagning"

    def ready(self) -> None:
        from gymnasieregion.apps.admissions.models import AdmissionRun
        from gymnasieregion.apps.admissions.year_state import year_state_forget
        from gymnasieregion.apps.catalogue.models import AdmissionYear

        for model in (AdmissionYear, AdmissionRun):
            for signal in (post_save, post_delete):
                signal.connect(
                    year_state_forget, sender=model, dispatch_uid=f"year-state-{model.__name__}"
                )
