"""Who may do what: permissions and organisations of an actor, derived from memberships.

Every view and API endpoint asks these helpers, and a refusal is the same 404 as a
missing object (architecture guide §3.3), so nobody learns what exists outside
their reach.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from gymnasieregion.apps.accounts.models import Membership, Permission, User
from gymnasieregion.database.compiled_query import STAND_IN_IDS, CompiledQuery


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


# One row per membership and permission of its role (the role's permissions joined in).
# Asked on every signed-in request, so compiled once (ADR 0105).
_SCOPE_ROWS = CompiledQuery(
    lambda user_id: (
        Membership.objects.filter(user_id=user_id)
        .order_by()
        .values_list(
            "role__code",
            "role__requires_second_factor",
            "organisation_id",
            "organisation__municipality_id",
            "role__permissions__code",
        )
    ),
    STAND_IN_IDS[:1],
)


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
    rows = _SCOPE_ROWS.rows(actor.pk)
    roles: set[str] = set()
    organisation_ids: set[int] = set()
    municipality_ids: set[int] = set()
    permission_codes: set[str] = set()
    second_factor = False
    for role, requires_second_factor, organisation_id, municipality_id, code in rows:
        roles.add(role)
        second_factor = second_factor or bool(requires_second_factor)
        if organisation_id is not None:
            organisation_ids.add(organisation_id)
        if municipality_id is not None:
            municipality_ids.add(municipality_id)
        if code is not None:
            permission_codes.add(code)
    permissions = frozenset(permission_codes)
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
