"""Writing audit events. Called by every service that changes state, inside its transaction."""

from typing import Any

from django.db import models, transaction

from gymnasieregion.apps.accounts.access import Actor
from gymnasieregion.apps.accounts.models import User
from gymnasieregion.apps.audit.models import AuditEvent


class AuditOutsideTransactionError(RuntimeError):
    """An audit event must be written in the same transaction as the change."""


def audit_event_record(
    *,
    actor: Actor | None,
    action: str,
    subject: models.Model | tuple[str, str],
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. `subject` is a model instance or a (type, id) pair.

    Refuses to run outside a transaction, so a change and its record commit together.
    """
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransactionError(action)
    if isinstance(subject, models.Model):
        subject_type, subject_id = subject._meta.label_lower, str(subject.pk)
    else:
        subject_type, subject_id = subject
    user = actor if isinstance(actor, User) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=user.get_username() if user is not None else "system",
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        payload=payload or {},
    )
