"""Signing in: argon2 hashes, lockout after repeated failures, the second factor for staff."""

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from gymnasieregion.apps.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "x-Lösen-123"


def post_login(client: Client, username: str, password: str, next_url: str = "/"):
    return client.post(
        "/konto/logga-in/", {"username": username, "password": password, "next": next_url}
    )


def test_passwords_are_hashed_with_argon2_outside_tests():
    from gymnasieregion.config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_wrong_password_gives_a_swedish_message(make_user):
    user = make_user("applicant")
    response = post_login(Client(), user.username, "fel")
    assert "Fel användarnamn eller lösenord." in response.content.decode()


def test_the_account_is_locked_after_five_failed_sign_ins(make_user):
    user = make_user("applicant")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, user.username, "fel")
    response = post_login(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "Kontot är tillfälligt spärrat" in response.content.decode()


def test_an_applicant_signs_in_without_a_second_factor(make_user):
    user = make_user("applicant")
    client = Client()
    response = post_login(client, user.username, PASSWORD, "/organisationer/")
    assert response.status_code == 302 and response["Location"] == "/organisationer/"
    assert client.get("/organisationer/").status_code == 200
    assert AuditEvent.objects.filter(action="user.sign_in", actor=user).exists()


def test_a_staff_role_must_enrol_and_verify_a_second_factor(make_user):
    user = make_user("finance_officer")
    client = Client()
    post_login(client, user.username, PASSWORD)
    response = client.get("/avgifter/2026/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/tvastegsverifiering/")
    assert client.get("/api/v1/me/").status_code == 403
    enrol = client.get("/konto/tvastegsverifiering/aktivera/?next=/avgifter/2026/")
    assert "Skanna QR-koden" in enrol.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(
        "/konto/tvastegsverifiering/aktivera/?next=/avgifter/2026/", {"token": "000000"}
    )
    assert "Koden stämmer inte" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes the next try wait after a failure
    token = f"{TOTP(device.bin_key).token():06d}"
    response = client.post(
        "/konto/tvastegsverifiering/aktivera/?next=/avgifter/2026/", {"token": token}
    )
    assert response.status_code == 302 and response["Location"] == "/avgifter/2026/"
    assert client.get("/avgifter/2026/").status_code == 200


def test_a_staff_user_with_a_device_verifies_with_a_code(make_user):
    user = make_user("auditor")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    post_login(client, user.username, PASSWORD)
    assert client.get("/granskning/")["Location"].startswith("/konto/tvastegsverifiering/")
    token = f"{TOTP(device.bin_key).token():06d}"
    response = client.post("/konto/tvastegsverifiering/?next=/granskning/", {"token": token})
    assert response["Location"] == "/granskning/"
    assert client.get("/granskning/").status_code == 200


def test_a_verification_page_does_not_redirect_to_another_site(make_user):
    user = make_user("auditor")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    post_login(client, user.username, PASSWORD)
    token = f"{TOTP(device.bin_key).token():06d}"
    response = client.post(
        "/konto/tvastegsverifiering/?next=https://evil.example/", {"token": token}
    )
    assert response["Location"] == "/"


@override_settings(REQUIRE_SECOND_FACTOR=False, DEMO=True)
def test_the_demo_switches_the_second_factor_off_and_says_so(make_user):
    user = make_user("finance_officer")
    client = Client()
    post_login(client, user.username, PASSWORD)
    response = client.get("/avgifter/2026/")
    assert response.status_code == 200
    assert "Demoläge." in response.content.decode()
