"""The audit event: append-only, written in the same transaction as the change it records.

The model refuses updates and deletes, and database triggers (migration 0002) refuse
them too, so neither a page, an admin screen, the API nor raw SQL through the
application's connection can change history.
"""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError

    def delete(self) -> NoReturn:
        raise AppendOnlyError


class AppendOnlyError(RuntimeError):
    def __init__(self) -> None:
        super().__init__("Granskningsloggen kan inte ändras eller raderas.")


class AuditEvent(models.Model):
    """Who did what, when, to which subject, with a JSON payload."""

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    actor_label = models.CharField(max_length=150, help_text="Username then, or 'system'.")
    action = models.CharField(max_length=80, db_index=True)
    subject_type = models.CharField(max_length=80, db_index=True)
    subject_id = models.CharField(max_length=80, blank=True, db_index=True)
    payload = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = "granskningshändelse"
        verbose_name_plural = "granskningshändelser"

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError
