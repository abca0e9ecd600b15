"""Reading memberships and roles."""

from django.db.models import QuerySet

from gymnasieregion.apps.accounts.access import Actor
from gymnasieregion.apps.accounts.models import Membership, Role, User


def membership_list(*, actor: Actor) -> QuerySet[Membership]:
    """The actor's own memberships (everyone may see their own roles)."""
    if not isinstance(actor, User):
        return Membership.objects.none()
    return Membership.objects.filter(user=actor).select_related("role", "organisation")


def role_by_code(code: str) -> Role:
    return Role.objects.get(code=code)
