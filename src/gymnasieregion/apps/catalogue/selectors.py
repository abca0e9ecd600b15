"""Reading the catalogue: the public catalogue and cut-offs, and the offerings an actor manages.

The public catalogue needs no sign-in; it shows the offerings with places and the
cancelled ones (*startar ej*) of an admission year. Everything else is scoped to the
actor: the office sees every offering, school staff and principals those of their own
school units (or of the organiser they belong to); missing and forbidden are one 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404

from gymnasieregion.apps.accounts.access import Actor, access_permission, actor_scope
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering
from gymnasieregion.apps.organisations.models import Municipality, Organisation, OrganisationKind
from gymnasieregion.database.compiled_query import STAND_IN_IDS, CompiledQuery

MANAGE = "catalogue.manage"
EDIT_OWN = "catalogue.offerings_edit"
RELATED = ("admission_year", "school_unit", "school_unit__municipality", "school_unit__parent")


def admission_year_list() -> QuerySet[AdmissionYear]:
    """Every admission year, newest first (the calendar is public)."""
    return AdmissionYear.objects.order_by("-year")


def admission_year_get(*, year: int) -> AdmissionYear:
    try:
        return AdmissionYear.objects.get(year=year)
    except AdmissionYear.DoesNotExist:
        raise Http404 from None


def admission_year_for_catalogue(*, year: int | None = None) -> AdmissionYear | None:
    """The year asked for (404 if missing), else the newest year that has offerings, else
    the newest year (`catalogue_year_and_version` makes the choice)."""
    return catalogue_year_and_version(year=year)[1]


# The public catalogue asks these on every request, so they are compiled once (ADR 0105).
_YEARS = CompiledQuery(lambda: AdmissionYear.objects.order_by("-year"), ())
_VERSION = CompiledQuery(
    lambda year_id: (
        Offering.objects.filter(admission_year_id=year_id)
        .order_by()
        .values("admission_year_id")
        .annotate(count=Count("pk"), changed=Max("updated_at"))
        .values_list("count", "changed")
    ),
    STAND_IN_IDS[:1],
)


def catalogue_version(*, admission_year: AdmissionYear) -> tuple[int, str]:
    """The year's number of offerings and their last change: new whenever an offering is
    added, removed or saved (also by the bulk updates, which set `updated_at`)."""
    rows = _VERSION.rows(admission_year.pk)
    count, changed = rows[0] if rows else (0, None)
    return count, "" if changed is None else str(changed)


def catalogue_year_and_version(
    *, year: int | None = None
) -> tuple[list[AdmissionYear], AdmissionYear | None, tuple[int, str]]:
    """Every year (newest first), the year the public catalogue shows and its version.

    The year asked for (404 if missing), else the newest year that has offerings, else
    the newest year; found while reading the version the catalogue's cache needs: two
    queries when the newest year has offerings.
    """
    years = list(_YEARS.objects(AdmissionYear))
    if year is not None:
        chosen = next((y for y in years if y.year == year), None)
        if chosen is None:
            raise Http404
        return years, chosen, catalogue_version(admission_year=chosen)
    for candidate in years:
        version = catalogue_version(admission_year=candidate)
        if version[0]:
            return years, candidate, version
    return years, (years[0] if years else None), (0, "")


@dataclass(frozen=True)
class OfferingFilters:
    """The public catalogue's search. Empty values do not filter."""

    q: str = ""
    programme: str = ""
    orientation: str = ""
    municipality: str = ""  # municipality code
    school: int | None = None  # school unit id
    organiser_type: str = ""
    max_cutoff: Decimal | None = None
    kind: str = ""


def _public(admission_year: AdmissionYear) -> QuerySet[Offering]:
    return (
        Offering.objects.filter(admission_year=admission_year)
        .filter(Q(places__gt=0) | Q(cancelled=True))
        .select_related(*RELATED)
    )


def offering_list_public(
    *, admission_year: AdmissionYear, filters: OfferingFilters
) -> QuerySet[Offering]:
    """The public catalogue of a year, filtered and ordered by programme, school and name.

    `max_cutoff` keeps offerings whose last published cut-off is at most that value and
    those where every eligible applicant was admitted; offerings with nothing published
    yet are left out by that filter.
    """
    offerings = _public(admission_year)
    if filters.q:
        text = filters.q.strip()
        offerings = offerings.filter(
            Q(name__icontains=text)
            | Q(school_unit__name__icontains=text)
            | Q(orientation__icontains=text)
            | Q(profile__icontains=text)
            | Q(programme_code__iexact=text)
            | Q(code__iexact=text)
            | Q(school_unit__municipality__name__icontains=text)
        )
    if filters.programme:
        offerings = offerings.filter(programme_code=filters.programme)
    if filters.orientation:
        offerings = offerings.filter(orientation__icontains=filters.orientation.strip())
    if filters.municipality:
        offerings = offerings.filter(school_unit__municipality__code=filters.municipality)
    if filters.school is not None:
        offerings = offerings.filter(school_unit_id=filters.school)
    if filters.organiser_type:
        offerings = offerings.filter(school_unit__parent__organiser_type=filters.organiser_type)
    if filters.max_cutoff is not None:
        offerings = offerings.filter(
            Q(published_cutoff__lte=filters.max_cutoff) | Q(published_all_admitted=True)
        )
    if filters.kind:
        offerings = offerings.filter(kind=filters.kind)
    return offerings.order_by("programme_code", "school_unit__name", "name", "code")


def offering_get_public(*, admission_year: AdmissionYear, key: str) -> Offering:
    """An offering of the public catalogue by its code in the year, or by its id."""
    found = _public(admission_year).filter(code=key).first()
    if found is not None:
        return found
    if key.isdigit():
        return offering_get_public_by_id(pk=int(key))
    raise Http404


def _public_any_year() -> QuerySet[Offering]:
    return Offering.objects.filter(Q(places__gt=0) | Q(cancelled=True)).select_related(*RELATED)


def offering_get_public_by_id(*, pk: int) -> Offering:
    found = _public_any_year().filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def offering_cutoff_list(
    *, admission_year: AdmissionYear, programme: str = ""
) -> QuerySet[Offering]:
    """Offerings with a published cut-off or 'alla behöriga antogs', by programme and school."""
    offerings = _public(admission_year).filter(
        Q(published_cutoff__isnull=False) | Q(published_all_admitted=True)
    )
    if programme:
        offerings = offerings.filter(programme_code=programme)
    return offerings.order_by("programme_code", "school_unit__name", "name", "code")


@dataclass(frozen=True)
class FilterChoices:
    """The options of the catalogue's filter form (reference data, not personal)."""

    programmes: list[str]
    municipalities: list[Municipality]
    schools: list[Organisation]


def offering_filter_choices(*, admission_year: AdmissionYear) -> FilterChoices:
    """Programmes, municipalities and schools that have offerings in the year (three queries)."""
    public = _public(admission_year)
    programmes = sorted(set(public.values_list("programme_code", flat=True)))
    unit_ids = public.values("school_unit_id")
    schools = list(Organisation.objects.filter(pk__in=unit_ids).only("id", "name").order_by("name"))
    municipalities = list(
        Municipality.objects.filter(organisations__pk__in=unit_ids).distinct().order_by("name")
    )
    return FilterChoices(programmes=programmes, municipalities=municipalities, schools=schools)


def may_manage_school_unit(actor: Actor, school_unit: Organisation) -> bool:
    """The office, or staff of the school unit or of its organiser."""
    scope = actor_scope(actor)
    if MANAGE in scope.permissions:
        return True
    own = scope.organisation_ids
    return EDIT_OWN in scope.permissions and (
        school_unit.pk in own
        or (school_unit.parent_id is not None and school_unit.parent_id in own)
    )


def offering_list_for_actor(
    *, actor: Actor, admission_year: AdmissionYear | None = None
) -> QuerySet[Offering]:
    """The offerings the actor manages: all for the office, their own schools' for staff."""
    scope = actor_scope(actor)
    offerings = Offering.objects.select_related(*RELATED)
    if admission_year is not None:
        offerings = offerings.filter(admission_year=admission_year)
    if MANAGE not in scope.permissions:
        access_permission(actor, EDIT_OWN)
        own = scope.organisation_ids
        offerings = offerings.filter(Q(school_unit_id__in=own) | Q(school_unit__parent_id__in=own))
    return offerings.order_by("school_unit__name", "programme_code", "name", "code")


def access_offering(*, actor: Actor, pk: int) -> Offering:
    """An offering the actor manages; the same 404 whether missing or forbidden."""
    try:
        return offering_list_for_actor(actor=actor).get(pk=pk)
    except Offering.DoesNotExist:
        raise Http404 from None


def school_unit_list_for_actor(*, actor: Actor) -> QuerySet[Organisation]:
    """The school units the actor may add offerings to."""
    scope = actor_scope(actor)
    units = Organisation.objects.filter(kind=OrganisationKind.SCHOOL_UNIT).order_by("name")
    if MANAGE in scope.permissions:
        return units
    access_permission(actor, EDIT_OWN)
    own = scope.organisation_ids
    return units.filter(Q(pk__in=own) | Q(parent_id__in=own))
