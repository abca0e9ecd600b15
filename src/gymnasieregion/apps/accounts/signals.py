"""Sign-ins and sign-outs go into the audit trail."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest

from gymnasieregion.apps.accounts.models import User
from gymnasieregion.apps.audit.services import audit_event_record


@receiver(user_logged_in)
def _record_sign_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    with transaction.atomic():
        audit_event_record(actor=user, action="user.sign_in", subject=user)


@receiver(user_logged_out)
def _record_sign_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        with transaction.atomic():
            audit_event_record(actor=user, action="user.sign_out", subject=user)
