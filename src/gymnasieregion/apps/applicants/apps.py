from django.apps import AppConfig


class ApplicantsConfig(AppConfig):
    """Persons (applicants and pupils), their grades, grade import and grade corrections."""

    name = "gymnasieregion.apps.applicants"
    label = "applicants"
    verbose_name = "Sökande och betyg"
