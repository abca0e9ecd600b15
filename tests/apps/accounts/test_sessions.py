"""The session store and the sign-in backend of every request (ADR 0105): an expired
session and a deactivated user sign the visitor out, as with Django's own."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db
PAGE = "/organisationer/"  # any page that needs a sign-in


@pytest.fixture
def signed_in(make_user) -> tuple[Client, object]:
    user = make_user("applicant")
    client = Client()
    client.force_login(user)
    assert client.get(PAGE).status_code == 200
    return client, user


def test_an_expired_session_signs_the_visitor_out(signed_in):
    client, _ = signed_in
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")


def test_a_deactivated_user_is_signed_out_on_the_next_request(signed_in):
    client, user = signed_in
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get(PAGE).status_code == 302


def test_signing_out_ends_the_session_in_the_database(signed_in):
    client, _ = signed_in
    client.post("/konto/logga-ut/")
    assert not Session.objects.exists()
    assert client.get(PAGE).status_code == 302
