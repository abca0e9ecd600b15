"""Template context for every page: demo flag and navigation."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from gymnasieregion.apps.accounts.access import actor_scope
from gymnasieregion.web.navigation import navigation_for


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "demo_mode": settings.DEMO,
        "navigation": navigation_for(request.user),
        "actor_roles": sorted(actor_scope(request.user).roles),
    }
