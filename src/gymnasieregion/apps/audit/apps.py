from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The append-only audit trail of every state change and every read of a person."""

    name = "gymnasieregion.apps.audit"
    label = "audit"
    verbose_name = "Granskningslogg"
