"""Staff roles must pass a second factor (TOTP) before they reach any page or endpoint."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from gymnasieregion.apps.accounts.access import actor_scope, second_factor_verified

OPEN_PREFIXES = ("/konto/", "/static/")


class RequireSecondFactorMiddleware:
    """Send a signed-in staff user without a verified second factor to verification."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.REQUIRE_SECOND_FACTOR
            and user.is_authenticated
            and actor_scope(user).requires_second_factor  # known already: no query
            and not second_factor_verified(user)
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Tvåstegsverifiering krävs."}, status=403)
            return redirect(f"{reverse('accounts:second_factor')}?next={request.path}")
        return self.get_response(request)
