"""Writing users, memberships and second-factor devices. Every change is audited."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from gymnasieregion.apps.accounts.access import SCOPE_CACHE, Actor
from gymnasieregion.apps.accounts.models import Membership, Role, User
from gymnasieregion.apps.audit.services import audit_event_record
from gymnasieregion.apps.organisations.models import Organisation


class MembershipError(ValueError):
    """The role cannot be given in that organisation."""


@transaction.atomic
def user_create(
    *, actor: Actor | None, username: str, password: str, first_name: str = "", last_name: str = ""
) -> User:
    user = User.objects.create_user(
        username=username, password=password, first_name=first_name, last_name=last_name
    )
    audit_event_record(
        actor=actor, action="user.create", subject=user, payload={"username": username}
    )
    return user


@transaction.atomic
def membership_grant(
    *, actor: Actor | None, user: User, role: Role, organisation: Organisation | None
) -> Membership:
    """Give `user` the `role` in `organisation`; the organisation must be of the role's kind."""
    expected = role.organisation_kind
    if expected and (organisation is None or organisation.kind != expected):
        raise MembershipError(
            f"Rollen {role.name} kan bara ges i en organisation av typen {expected}."
        )
    if not expected and organisation is not None:
        raise MembershipError(f"Rollen {role.name} hör inte till någon organisation.")
    membership, _ = Membership.objects.get_or_create(
        user=user, role=role, organisation=organisation
    )
    audit_event_record(
        actor=actor,
        action="membership.grant",
        subject=membership,
        payload={
            "user": user.username,
            "role": role.code,
            "organisation": organisation.pk if organisation else None,
        },
    )
    user.__dict__.pop(SCOPE_CACHE, None)
    return membership


@transaction.atomic
def totp_device_create(*, actor: User) -> TOTPDevice:
    """Start enrolling an authenticator app: an unconfirmed TOTP device for the actor."""
    TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=actor, name="Autentiseringsapp", confirmed=False)
    audit_event_record(actor=actor, action="second_factor.enrol", subject=actor)
    return device


@transaction.atomic
def totp_device_confirm(*, actor: User, device: TOTPDevice, token: str) -> bool:
    """Confirm the device if `token` is right; returns whether it was."""
    if not device.verify_token(token):
        audit_event_record(actor=actor, action="second_factor.confirm_failed", subject=actor)
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_event_record(actor=actor, action="second_factor.confirm", subject=actor)
    return True
