"""Sign-in by username and password: Django's model backend, with the user that every
signed-in request loads found by a query compiled once (ADR 0105)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from gymnasieregion.apps.accounts.models import User
from gymnasieregion.database.compiled_query import STAND_IN_IDS, CompiledQuery

_USER = CompiledQuery(lambda pk: User.objects.filter(pk=pk).order_by(), STAND_IN_IDS[:1])


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        """The active user with this id, or None (as `ModelBackend.get_user`)."""
        user = _USER.first(User, int(user_id))
        return user if user is not None and self.user_can_authenticate(user) else None
