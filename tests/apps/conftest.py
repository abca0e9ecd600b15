"""Shared fixtures: reference data, users in roles, signed-in clients."""

from collections.abc import Callable

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from gymnasieregion.apps.accounts.demo_users import demo_organisations
from gymnasieregion.apps.accounts.models import Role, User
from gymnasieregion.apps.accounts.services import membership_grant, user_create
from gymnasieregion.apps.organisations.models import Organisation
from gymnasieregion.apps.reference_data.loading import load_reference_data


@pytest.fixture
def reference_data(db: None) -> None:
    load_reference_data()


@pytest.fixture
def organisations(reference_data: None) -> dict[str, Organisation]:
    """One organisation of each kind that a role attaches to (invented, in Stockholm)."""
    return demo_organisations()


@pytest.fixture
def make_user(organisations: dict[str, Organisation]) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(role_code: str, organisation: Organisation | None = None) -> User:
        role = Role.objects.get(code=role_code)
        if organisation is None and role.organisation_kind:
            organisation = organisations[role.organisation_kind]
        user = user_create(
            actor=None, username=f"{role_code}-{next(counter)}", password="x-Lösen-123"
        )
        membership_grant(actor=None, user=user, role=role, organisation=organisation)
        return user

    return make


def sign_in(client: Client, user: User) -> Client:
    """Sign in with a confirmed second factor, as the real flow leaves the session."""
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_as(make_user: Callable[..., User]) -> Callable[..., Client]:
    def make(role_code: str, organisation: Organisation | None = None) -> Client:
        return sign_in(Client(), make_user(role_code, organisation))

    return make
