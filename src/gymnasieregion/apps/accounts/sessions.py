"""Django's database sessions, with the lookup every signed-in request makes compiled
once (ADR 0105). `SESSION_ENGINE = "gymnasieregion.apps.accounts.sessions"`."""

from __future__ import annotations

import logging

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from gymnasieregion.database.compiled_query import CompiledQuery

# By key alone; the expiry is compared below, as Django's own store does in its query.
_SESSION = CompiledQuery(
    lambda key: Session.objects.filter(session_key=key).order_by(), ("stand-in-session-key",)
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        try:
            session = _SESSION.first(Session, self.session_key)
        except SuspiciousOperation as refused:
            logging.getLogger(f"django.security.{refused.__class__.__name__}").warning(str(refused))
            session = None
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        return session
