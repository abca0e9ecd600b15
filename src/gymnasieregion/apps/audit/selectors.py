"""Reading the audit trail: for the auditor role only."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from gymnasieregion.apps.accounts.access import Actor, access_permission
from gymnasieregion.apps.audit.models import AuditEvent


@dataclass(frozen=True)
class AuditFilter:
    """Filters of the auditor's list; empty values match everything."""

    actor: str = ""
    action: str = ""
    subject_type: str = ""
    subject_id: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_event_list(*, actor: Actor, filters: AuditFilter) -> QuerySet[AuditEvent]:
    """Events matching `filters`, newest first. The period includes both end dates."""
    access_permission(actor, "audit.view")
    events = AuditEvent.objects.all()
    if filters.actor:
        events = events.filter(actor_label__iexact=filters.actor)
    if filters.action:
        events = events.filter(action__startswith=filters.action)
    if filters.subject_type:
        events = events.filter(subject_type=filters.subject_type)
    if filters.subject_id:
        events = events.filter(subject_id=filters.subject_id)
    if filters.date_from:
        events = events.filter(occurred_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(occurred_at__lt=_start_of(filters.date_to + timedelta(days=1)))
    return events
