from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    """Municipalities, school organisers, school units, sending schools, the association."""

    name = "gymnasieregion.apps.organisations"
    label = "organisations"
    verbose_name = "Organisationer"
