"""Sign in, sign out and the second factor (TOTP)."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from gymnasieregion.apps.accounts.forms import SignInForm, TokenForm
from gymnasieregion.apps.accounts.services import totp_device_confirm, totp_device_create


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm


def _next_url(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    return (
        target
        if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        else "/"
    )


@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Verify a code from a confirmed authenticator app; without one, enrol first."""
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not devices:
        return redirect(f"/konto/tvastegsverifiering/aktivera/?next={_next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error(
            "token", "Koden stämmer inte. Kontrollera klockan i telefonen och försök igen."
        )
    return TemplateResponse(
        request, "accounts/second_factor.html", {"form": form, "next": _next_url(request)}
    )


@login_required
def second_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Show a QR code for an authenticator app and confirm it with a first code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None or request.method == "GET":
        device = totp_device_create(actor=request.user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(actor=request.user, device=device, token=form.cleaned_data["token"]):  # type: ignore[arg-type]
            otp_login(request, device)
            messages.success(request, "Tvåstegsverifieringen är aktiverad.")
            return redirect(_next_url(request))
        form.add_error("token", "Koden stämmer inte. Skanna QR-koden igen och ange en ny kod.")
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    qr_data = "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
    secret = base64.b32encode(device.bin_key).decode()
    return TemplateResponse(
        request,
        "accounts/second_factor_enrol.html",
        {"form": form, "qr_data": qr_data, "secret": secret, "next": _next_url(request)},
    )
