"""Reading organisations, scoped to the actor."""

from django.db.models import Q, QuerySet
from django.http import Http404

from gymnasieregion.apps.accounts.access import Actor, actor_scope
from gymnasieregion.apps.organisations.models import Municipality, Organisation


def organisation_list(*, actor: Actor) -> QuerySet[Organisation]:
    """All organisations for region-wide roles; otherwise the actor's own and their children."""
    scope = actor_scope(actor)
    organisations = Organisation.objects.select_related("municipality", "parent")
    if "organisations.view_all" in scope.permissions:
        return organisations
    own = scope.organisation_ids
    return organisations.filter(Q(pk__in=own) | Q(parent_id__in=own))


def access_organisation_by_id(*, actor: Actor, organisation_id: int) -> Organisation:
    """The organisation if the actor may see it; the same 404 whether missing or forbidden."""
    try:
        return organisation_list(actor=actor).get(pk=organisation_id)
    except Organisation.DoesNotExist:
        raise Http404 from None


def municipality_by_code() -> dict[str, Municipality]:
    """Municipalities keyed by code, for imports and tables (reference data, not personal)."""
    return {m.code: m for m in Municipality.objects.all()}
