"""Who may do what: permissions and organisations of an actor, derived from memberships.

Every view and API endpoint asks these helpers, and a refusal is the same 404 as a
missing object (architecture guide §3.3), so nobody learns what exists outside
their reach.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from gymnasieregion.apps.accounts.models import Membership, Permission, User


class SystemActor:
    """The operator at the command line (`gymnasieregion ...`): every permission, no person.

    Commands run by someone with shell access to the server, who could read the
    database anyway; their writes are audited as 'system'.
    """

    is_authenticated = True
    is_active = True
    pk = None

    def get_username(self) -> str:
        return "system"


SYSTEM = SystemActor()
Actor = User | AnonymousUser | SystemActor


@dataclass(frozen=True)
class ActorScope:
    """What an actor may see: role codes, permission codes and organisation ids."""

    roles: frozenset[str]
    permissions: frozenset[str]
    organisation_ids: frozenset[int]
    municipality_ids: frozenset[int]
    requires_second_factor: bool


SCOPE_CACHE = "_gymnasieregion_scope"
EMPTY_SCOPE = ActorScope(frozenset(), frozenset(), frozenset(), frozenset(), False)


def actor_scope(actor: Actor) -> ActorScope:
    """The actor's scope, computed once per user object (one query)."""
    if isinstance(actor, SystemActor):
        codes = frozenset(Permission.objects.values_list("code", flat=True))
        return ActorScope(frozenset(), codes, frozenset(), frozenset(), False)
    if not actor.is_authenticated or not actor.is_active:
        return EMPTY_SCOPE
    cached: ActorScope | None = getattr(actor, SCOPE_CACHE, None)
    if cached is not None:
        return cached
    memberships = Membership.objects.filter(user=actor).select_related("role", "organisation")
    roles: set[str] = set()
    organisation_ids: set[int] = set()
    municipality_ids: set[int] = set()
    second_factor = False
    role_ids: set[int] = set()
    for membership in memberships:
        roles.add(membership.role.code)
        role_ids.add(membership.role_id)
        second_factor = second_factor or membership.role.requires_second_factor
        if membership.organisation is not None:
            organisation_ids.add(membership.organisation.pk)
            if membership.organisation.municipality_id is not None:
                municipality_ids.add(membership.organisation.municipality_id)
    permissions = frozenset(
        Permission.objects.filter(roles__id__in=role_ids).values_list("code", flat=True)
    )
    scope = ActorScope(
        roles=frozenset(roles),
        permissions=permissions,
        organisation_ids=frozenset(organisation_ids),
        municipality_ids=frozenset(municipality_ids),
        requires_second_factor=second_factor,
    )
    setattr(actor, SCOPE_CACHE, scope)
    return scope


def actor_has_permission(actor: Actor, code: str) -> bool:
    return code in actor_scope(actor).permissions


def access_permission(actor: Actor, code: str) -> None:
    """Raise 404 unless the actor holds the permission `code`."""
    if not actor_has_permission(actor, code):
        raise Http404


def second_factor_verified(actor: Actor) -> bool:
    """Whether django-otp's middleware marked this request's user as verified."""
    return bool(getattr(actor, "is_verified", lambda: False)())


def user_of(actor: Actor | None) -> User | None:
    """The signed-in user behind an actor, for `…_by` fields; None for the system."""
    return actor if isinstance(actor, User) else None
