"""Reading admissions for schools and municipalities, scoped to the actor (issues 5 and 6).

Row-level access (architecture guide §3.3), by permission:

- `admissions.school_view` (school staff, principal): the offerings whose school unit is
  one of the actor's organisations, their applicants and the admitted and reserve lists;
- `admissions.manage` (the admission office): every offering;
- `admissions.municipal_view` (municipal administration): the residents of the actor's
  municipalities (applications, results, statements) and the choice lines at the
  municipal schools in them (special reasons).

Missing and forbidden are the same 404. Every list that shows persons' applications,
results or contact data writes ONE audit event per view or export, naming the offering
or municipality and the number of persons (ADR 0102); opening one choice line is a
`person.read` like the pupil card.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gymnasieregion.apps.accounts.access import Actor, actor_scope
from gymnasieregion.apps.admissions.models import (
    AdmissionRun,
    Application,
    ChoiceLine,
    Decision,
    DecisionKind,
    LineResult,
    OfferingResult,
    RunKind,
    RunStatus,
    SchoolAdmissionDone,
)
from gymnasieregion.apps.admissions.permissions import MANAGE, may_decide
from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.audit.services import audit_event_record
from gymnasieregion.apps.catalogue.models import (
    AdmissionYear,
    Offering,
    OfferingKind,
    OfferingSelection,
)
from gymnasieregion.apps.organisations.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    OrganiserType,
)
from gymnasieregion.core.admission.outcome import Status
from gymnasieregion.core.admission.problem import Hand

SCHOOL_VIEW = "admissions.school_view"
SCHOOL_DONE = "admissions.school_done"
MUNICIPAL_VIEW = "admissions.municipal_view"

# Offering kinds whose lines the organiser endorses or rejects (domain §5.9).
ENDORSED_KINDS = frozenset(
    {
        OfferingKind.SPORTS,
        OfferingKind.INTRODUCTION_GROUP,
        OfferingKind.INTRODUCTION_INDIVIDUAL,
        OfferingKind.ADAPTED,
    }
)
# The decisions a school records, in the order the line page shows them. Foreign-grade
# assessments are left out until `services.decision_record` can store one.
SCHOOL_DECISION_KINDS = (
    DecisionKind.SKILL_TEST,
    DecisionKind.SCHOOL_RANK,
    DecisionKind.ENDORSEMENT,
    DecisionKind.FREE_QUOTA,
    DecisionKind.FOREIGN_GRADES,
    DecisionKind.ENGLISH_WAIVER,
)
MUNICIPAL_DECISION_KINDS = (DecisionKind.STATEMENT, DecisionKind.SPECIAL_REASONS)

HAND_LABELS = {
    Hand.FIRST.value: "Förstahand",
    Hand.SECOND.value: "Andrahand",
    Hand.NONE.value: "Fristående skola",
}
STATUS_LABELS = {
    Status.ADMITTED.value: "Antagen",
    Status.RESERVE.value: "Reserv",
    Status.STRUCK.value: "Struken",
    Status.NOT_ELIGIBLE.value: "Ej behörig",
    Status.CANCELLED.value: "Startar ej",
    Status.DECLINED.value: "Avböjd",
    Status.NOT_OFFERED.value: "Ej erbjuden plats",
}
LINE_RELATED = (
    "application__person__home_municipality",
    "application__admission_year",
    "offering__school_unit__municipality",
    "offering__school_unit__parent",
    "offering__admission_year",
)


class ListKind(StrEnum):
    """The two lists a school exports from a published run."""

    ADMITTED = "admitted"
    RESERVES = "reserves"


LIST_LABELS = {ListKind.ADMITTED: "Antagna", ListKind.RESERVES: "Reserver"}


def _record_list_read(
    actor: Actor,
    action: str,
    subject: Offering | tuple[str, str],
    count: int,
    **payload: object,
) -> None:
    """One audit event for a whole list (ADR 0102), not one per person."""
    with transaction.atomic():
        audit_event_record(
            actor=actor, action=action, subject=subject, payload={"count": count, **payload}
        )


def _record_line_read(actor: Actor, line: ChoiceLine, via: str) -> None:
    with transaction.atomic():
        audit_event_record(
            actor=actor,
            action="person.read",
            subject=line.application.person,
            payload={"via": via, "choice_line": line.pk},
        )


RUN_FILES = ("manifest", "violations")


def published_run_shown(*, year: AdmissionYear) -> AdmissionRun | None:
    """The newest published run (`selectors.published_run_latest`) without its stored files,
    which are megabytes for a region and never needed by these pages."""
    return (
        AdmissionRun.objects.filter(admission_year=year, published_at__isnull=False)
        .defer(*RUN_FILES)
        .order_by("-published_at", "-pk")
        .first()
    )


def run_with_results_latest(*, year: AdmissionYear) -> AdmissionRun | None:
    """The newest run of the year that has result rows, simulations included.

    Schools see merit values and eligibility from it (simulations are planning runs that
    principals may view, domain §7.3); admitted and reserve lists come only from the
    newest *published* run.
    """
    return (
        AdmissionRun.objects.filter(admission_year=year, status=RunStatus.SUCCEEDED)
        .defer(*RUN_FILES)
        .order_by("-finished_at", "-pk")
        .first()
    )


# --- School units -------------------------------------------------------------------


def _school_scope(actor: Actor) -> frozenset[int] | None:
    """The school units whose offerings the actor sees; None for every one (the office)."""
    scope = actor_scope(actor)
    if MANAGE in scope.permissions:
        return None
    if SCHOOL_VIEW not in scope.permissions:
        raise Http404
    return scope.organisation_ids


def school_offering_list(*, actor: Actor, year: AdmissionYear | None) -> QuerySet[Offering]:
    """The actor's offerings of the year with their number of applicants (one query)."""
    units = _school_scope(actor)
    if year is None:
        return Offering.objects.none()
    offerings = Offering.objects.filter(admission_year=year).select_related("school_unit")
    if units is not None:
        offerings = offerings.filter(school_unit_id__in=units)
    return offerings.annotate(applicant_count=Count("choice_lines")).order_by(
        "school_unit__name", "programme_code", "name", "code"
    )


def access_school_offering(*, actor: Actor, pk: int) -> Offering:
    """An offering of the actor's school units (any for the office); else 404."""
    units = _school_scope(actor)
    offerings = Offering.objects.select_related(
        "admission_year", "school_unit__municipality", "school_unit__parent"
    )
    if units is not None:
        offerings = offerings.filter(school_unit_id__in=units)
    offering = offerings.filter(pk=pk).first()
    if offering is None:
        raise Http404
    return offering


def offering_results_for(
    *, run: AdmissionRun | None, offerings: Iterable[Offering]
) -> dict[int, OfferingResult]:
    """The run's figures of the given offerings, by offering id (one query)."""
    if run is None:
        return {}
    ids = [o.pk for o in offerings]
    return {r.offering_id: r for r in OfferingResult.objects.filter(run=run, offering_id__in=ids)}


@dataclass(frozen=True)
class ApplicantRow:
    """A choice line to the offering with its outcome in the run shown."""

    line: ChoiceLine
    result: LineResult | None

    @property
    def person(self) -> Person:
        return self.line.application.person

    @property
    def merit(self) -> Decimal | None:
        return self.result.merit if self.result is not None else None

    @property
    def eligible(self) -> bool | None:
        if self.result is None:
            return None
        return self.result.status != Status.NOT_ELIGIBLE

    @property
    def hand_label(self) -> str:
        return HAND_LABELS.get(self.line.hand, self.line.hand)


@dataclass(frozen=True)
class SchoolApplicants:
    offering: Offering
    run: AdmissionRun | None
    rows: tuple[ApplicantRow, ...]


def _results_prefetch(run: AdmissionRun | None) -> Prefetch[Any]:
    results = LineResult.objects.filter(run=run) if run is not None else LineResult.objects.none()
    return Prefetch("results", queryset=results, to_attr="run_results")


def _result_of(line: ChoiceLine) -> LineResult | None:
    results: list[LineResult] = getattr(line, "run_results", [])
    return results[0] if results else None


def school_applicant_list(
    *, actor: Actor, offering: Offering, via: str = "web"
) -> SchoolApplicants:
    """Everyone who chose the offering, best merit first, as in the newest run (logged).

    `offering` must come from `access_school_offering`. Three queries and the audit event.
    """
    run = run_with_results_latest(year=offering.admission_year)
    lines = (
        ChoiceLine.objects.filter(offering=offering)
        .select_related("application__person")
        .prefetch_related(_results_prefetch(run))
    )
    rows = [ApplicantRow(line, _result_of(line)) for line in lines]
    rows.sort(
        key=lambda r: (
            r.merit is None,
            -(r.merit or 0),
            r.person.family_name,
            r.person.given_name,
            r.person.pk,
        )
    )
    _record_list_read(
        actor,
        "admissions.applicants.read",
        offering,
        len(rows),
        via=via,
        run=run.pk if run else None,
    )
    return SchoolApplicants(offering=offering, run=run, rows=tuple(rows))


@dataclass(frozen=True)
class ListRow:
    """One admitted or reserve applicant with contact data.

    A person with protected identity (*skyddad identitet*) gets no address, e-mail or
    phone, in pages, files and the API alike: the school contacts them through the
    admission office.
    """

    position: int | None
    line: ChoiceLine
    merit: Decimal | None

    @property
    def person(self) -> Person:
        return self.line.application.person

    @property
    def protected(self) -> bool:
        return self.person.protected_identity

    @property
    def email(self) -> str:
        return "" if self.protected else self.person.email

    @property
    def phone(self) -> str:
        return "" if self.protected else self.person.phone

    @property
    def postal_address(self) -> str:
        return "" if self.protected else self.person.postal_address

    @property
    def hand_label(self) -> str:
        return HAND_LABELS.get(self.line.hand, self.line.hand)


@dataclass(frozen=True)
class SchoolList:
    offering: Offering
    kind: ListKind
    run: AdmissionRun | None
    rows: tuple[ListRow, ...]

    @property
    def label(self) -> str:
        return LIST_LABELS[self.kind]


def school_list_read(
    *, actor: Actor, offering: Offering, kind: ListKind, via: str = "web"
) -> SchoolList:
    """The admitted (by name) or reserves (in order) of the newest published run (logged).

    `offering` must come from `access_school_offering`. Two queries and the audit event,
    whatever the length of the list; without a published run the list is empty.
    """
    run = published_run_shown(year=offering.admission_year)
    rows: list[ListRow] = []
    if run is not None:
        status = Status.ADMITTED if kind is ListKind.ADMITTED else Status.RESERVE
        results = LineResult.objects.filter(run=run, line__offering=offering, status=status)
        order = (
            ("line__application__person__family_name", "line__application__person__given_name")
            if kind is ListKind.ADMITTED
            else ("reserve_position",)
        )
        rows = [
            ListRow(r.reserve_position, r.line, r.merit)
            for r in results.select_related("line__application__person").order_by(
                *order, "line__application__person__identity_number"
            )
        ]
    _record_list_read(
        actor,
        "admissions.school_list.read",
        offering,
        len(rows),
        list=kind.value,
        via=via,
        run=run.pk if run else None,
    )
    return SchoolList(offering=offering, kind=kind, run=run, rows=tuple(rows))


# The export file (docs/reference/school-lists.md): one header, then a row per person.
LIST_COLUMNS = (
    "Utbildningskod",
    "Reservplats",
    "Personnummer",
    "Efternamn",
    "Förnamn",
    "Skyddad identitet",
    "E-post",
    "Telefon",
    "Postadress",
    "Val",
    "Meritvärde",
    "Mottagning",
    "Sent val",
)


def school_list_table(
    school_list: SchoolList,
) -> tuple[tuple[str, ...], list[Sequence[str | int | Decimal | None]]]:
    """The header and rows of the CSV and XLSX export; reserves keep their order."""
    header: tuple[str, ...] = LIST_COLUMNS
    if school_list.kind is ListKind.ADMITTED:
        header = tuple(c for c in LIST_COLUMNS if c != "Reservplats")
    rows: list[Sequence[str | int | Decimal | None]] = []
    for row in school_list.rows:
        person = row.person
        cells: list[str | int | Decimal | None] = [school_list.offering.code]
        if school_list.kind is ListKind.RESERVES:
            cells.append(row.position)
        cells += [
            person.identity_display,
            person.family_name,
            person.given_name,
            "ja" if row.protected else "nej",
            row.email,
            row.phone,
            ", ".join(part.strip() for part in row.postal_address.splitlines() if part.strip()),
            row.line.rank,
            row.merit,
            row.hand_label,
            "ja" if row.line.late else "nej",
        ]
        rows.append(cells)
    return header, rows


def school_list_filename(school_list: SchoolList, file_format: str) -> str:
    name = "antagna" if school_list.kind is ListKind.ADMITTED else "reserver"
    code = "".join(c if c.isalnum() or c in "-_" else "-" for c in school_list.offering.code)
    return f"{name}-{code}.{file_format}"


def access_school_line(
    *, actor: Actor, offering: Offering, pk: int, via: str = "web"
) -> ChoiceLine:
    """A choice line to an offering the actor reaches, as a logged read of the person."""
    line = ChoiceLine.objects.select_related(*LINE_RELATED).filter(pk=pk, offering=offering).first()
    if line is None:
        raise Http404
    _record_line_read(actor, line, via)
    return line


def decision_history(*, line: ChoiceLine) -> QuerySet[Decision]:
    """The decisions recorded on a line, newest first (the line is already access-checked)."""
    return line.decisions.select_related("decided_by").order_by("-decided_at", "-pk")


def line_result_latest(*, line: ChoiceLine) -> LineResult | None:
    """The line's outcome in the newest run with results (see `run_with_results_latest`)."""
    run = run_with_results_latest(year=line.application.admission_year)
    if run is None:
        return None
    result = LineResult.objects.filter(run=run, line=line).first()
    if result is not None:
        result.run = run  # the run without its files (a join would read them)
    return result


def school_decision_kinds(*, actor: Actor, line: ChoiceLine) -> list[str]:
    """The school decisions that apply to the line's offering and that the actor records."""
    offering = line.offering
    applies = {
        DecisionKind.SKILL_TEST: offering.skill_test,
        DecisionKind.SCHOOL_RANK: offering.selection == OfferingSelection.RANKING,
        DecisionKind.ENDORSEMENT: offering.kind in ENDORSED_KINDS,
        DecisionKind.FREE_QUOTA: True,
        DecisionKind.FOREIGN_GRADES: True,
        DecisionKind.ENGLISH_WAIVER: True,
    }
    return [
        kind.value
        for kind in SCHOOL_DECISION_KINDS
        if applies[kind] and may_decide(actor, line, kind)
    ]


def municipal_decision_kinds(*, actor: Actor, line: ChoiceLine) -> list[str]:
    """Statement and special reasons, for lines at municipal and regional schools only."""
    if line.offering.school_unit.is_independent_school:
        return []
    return [kind.value for kind in MUNICIPAL_DECISION_KINDS if may_decide(actor, line, kind)]


# --- Marking the school's admission done --------------------------------------------


def may_mark_school_done(actor: Actor, school_unit: Organisation) -> bool:
    """The principal of the school unit (*rektor*, domain §7.2)."""
    scope = actor_scope(actor)
    return (
        SCHOOL_DONE in scope.permissions
        and school_unit.kind == OrganisationKind.SCHOOL_UNIT
        and school_unit.pk in scope.organisation_ids
    )


@dataclass(frozen=True)
class SchoolDoneState:
    school_unit: Organisation
    run: AdmissionRun | None
    mark: SchoolAdmissionDone | None
    may_mark: bool


def school_done_list(*, actor: Actor, year: AdmissionYear) -> list[SchoolDoneState]:
    """The actor's own school units and whether the newest published run is marked done."""
    scope = actor_scope(actor)
    if SCHOOL_VIEW not in scope.permissions:
        return []
    run = published_run_shown(year=year)
    units = Organisation.objects.filter(
        kind=OrganisationKind.SCHOOL_UNIT, pk__in=scope.organisation_ids
    ).order_by("name")
    marks = (
        {
            m.school_unit_id: m
            for m in SchoolAdmissionDone.objects.filter(run=run).select_related("marked_by")
        }
        if run is not None
        else {}
    )
    return [
        SchoolDoneState(unit, run, marks.get(unit.pk), may_mark_school_done(actor, unit))
        for unit in units
    ]


def access_school_unit_to_mark(*, actor: Actor, pk: int) -> Organisation:
    """A school unit the actor marks done as its principal; else 404."""
    unit = Organisation.objects.filter(pk=pk, kind=OrganisationKind.SCHOOL_UNIT).first()
    if unit is None or not may_mark_school_done(actor, unit):
        raise Http404
    return unit


# --- Municipalities -----------------------------------------------------------------


def _municipality_ids(actor: Actor) -> frozenset[int]:
    scope = actor_scope(actor)
    if MUNICIPAL_VIEW not in scope.permissions:
        raise Http404
    return scope.municipality_ids


def _municipality_subject(ids: Iterable[int]) -> tuple[str, str]:
    return ("organisations.municipality", ",".join(str(i) for i in sorted(ids)))


def municipality_list(*, actor: Actor) -> list[Municipality]:
    """The actor's municipalities (404 without the municipal permission)."""
    return list(Municipality.objects.filter(pk__in=_municipality_ids(actor)).order_by("name"))


@dataclass(frozen=True)
class MunicipalityFigures:
    """Per-youth figures of one municipality's residents (no person is shown)."""

    municipality: Municipality
    applicants: int  # applications of the year
    in_run: int  # applicants in the newest published run
    placed: int
    first_choice: int

    @property
    def placed_percent(self) -> Decimal:
        return _percent(self.placed, self.in_run)

    @property
    def first_choice_percent(self) -> Decimal:
        return _percent(self.first_choice, self.in_run)


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"))


def municipality_figures(
    *, actor: Actor, year: AdmissionYear
) -> tuple[AdmissionRun | None, list[MunicipalityFigures]]:
    """Applicants, placed and first-choice share per municipality of the actor (3 queries)."""
    municipalities = municipality_list(actor=actor)
    ids = [m.pk for m in municipalities]
    applications = dict(
        Application.objects.filter(admission_year=year, person__home_municipality_id__in=ids)
        .values_list("person__home_municipality_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    run = published_run_shown(year=year)
    figures: dict[int, tuple[int, int, int]] = {}
    if run is not None:
        rows = (
            LineResult.objects.filter(
                run=run, line__application__person__home_municipality_id__in=ids
            )
            .values("line__application__person__home_municipality_id")
            .annotate(
                in_run=Count("line__application", distinct=True),
                placed=Count("line__application", filter=Q(status=Status.ADMITTED), distinct=True),
                first=Count(
                    "line__application",
                    filter=Q(status=Status.ADMITTED, line__rank=1),
                    distinct=True,
                ),
            )
            .order_by()
        )
        figures = {
            r["line__application__person__home_municipality_id"]: (
                r["in_run"],
                r["placed"],
                r["first"],
            )
            for r in rows
        }
    return run, [
        MunicipalityFigures(
            municipality=m,
            applicants=applications.get(m.pk, 0),
            in_run=figures.get(m.pk, (0, 0, 0))[0],
            placed=figures.get(m.pk, (0, 0, 0))[1],
            first_choice=figures.get(m.pk, (0, 0, 0))[2],
        )
        for m in municipalities
    ]


@dataclass(frozen=True)
class ResidentLine:
    line: ChoiceLine
    result: LineResult | None

    @property
    def status_label(self) -> str:
        if self.result is None:
            return "–"
        label = STATUS_LABELS.get(self.result.status, self.result.status)
        if self.result.reserve_position is not None:
            return f"{label} nr {self.result.reserve_position}"
        return label

    @property
    def hand_label(self) -> str:
        return HAND_LABELS.get(self.line.hand, self.line.hand)


@dataclass(frozen=True)
class ResidentApplication:
    application: Application
    lines: tuple[ResidentLine, ...]

    @property
    def person(self) -> Person:
        return self.application.person


@dataclass(frozen=True)
class ResidentPage:
    run: AdmissionRun | None
    page: Page[Application]
    applications: tuple[ResidentApplication, ...]


def _person_search(search: str, prefix: str) -> Q:
    condition = Q()
    for word in search.split():
        digits = word.replace("-", "").replace("+", "")
        if digits.isdigit():
            condition &= Q(**{f"{prefix}identity_number__contains": digits})
        else:
            condition &= Q(**{f"{prefix}given_name__icontains": word}) | Q(
                **{f"{prefix}family_name__icontains": word}
            )
    return condition


def resident_application_page(
    *,
    actor: Actor,
    year: AdmissionYear,
    search: str = "",
    page: int | str | None = 1,
    size: int = 50,
    via: str = "web",
) -> ResidentPage:
    """One page of the residents' applications with every line's outcome (logged).

    The outcome is that of the newest published run. Four queries and the audit event,
    whatever the page size.
    """
    ids = _municipality_ids(actor)
    run = published_run_shown(year=year)
    lines = ChoiceLine.objects.select_related("offering__school_unit").prefetch_related(
        _results_prefetch(run)
    )
    applications = (
        Application.objects.filter(admission_year=year, person__home_municipality_id__in=ids)
        .filter(_person_search(search, "person__"))
        .select_related("person__home_municipality")
        .prefetch_related(Prefetch("lines", queryset=lines.order_by("rank")))
        .order_by("person__family_name", "person__given_name", "person__identity_number")
    )
    shown = Paginator(applications, size).get_page(page)
    rows = tuple(
        ResidentApplication(
            application,
            tuple(ResidentLine(line, _result_of(line)) for line in application.lines.all()),
        )
        for application in shown.object_list
    )
    _record_list_read(
        actor,
        "admissions.residents.read",
        _municipality_subject(ids),
        len(rows),
        via=via,
        page=shown.number,
        search=bool(search.strip()),
        run=run.pk if run else None,
    )
    return ResidentPage(run=run, page=shown, applications=rows)


def _not_independent(prefix: str) -> Q:
    independent = Q(**{f"{prefix}parent__organiser_type": OrganiserType.INDEPENDENT}) | Q(
        **{f"{prefix}parent__isnull": True, f"{prefix}organiser_type": OrganiserType.INDEPENDENT}
    )
    return ~independent


class CaseKind(StrEnum):
    """The municipality's two queues of reception cases (domain §5.3, §7.3)."""

    STATEMENTS = "statements"  # residents' second-hand lines elsewhere: yttrande
    SPECIAL_REASONS = "special_reasons"  # others' second-hand lines here: särskilda skäl


@dataclass(frozen=True)
class CaseList:
    kind: CaseKind
    lines: tuple[ChoiceLine, ...]


def reception_case_list(
    *, actor: Actor, year: AdmissionYear, kind: CaseKind, via: str = "web"
) -> CaseList:
    """Second-hand lines at municipal and regional schools, for a decision (logged).

    Statements: the actor's residents' lines at schools in other municipalities, that are
    second-hand or already have a statement. Special reasons: lines at schools in the
    actor's municipalities that are second-hand or were accepted on special reasons.
    One query and the audit event.
    """
    ids = _municipality_ids(actor)
    lines = ChoiceLine.objects.filter(application__admission_year=year).filter(
        _not_independent("offering__school_unit__")
    )
    if kind is CaseKind.STATEMENTS:
        lines = lines.filter(application__person__home_municipality_id__in=ids).exclude(
            offering__school_unit__municipality_id__in=ids
        )
        lines = lines.filter(Q(hand=Hand.SECOND) | ~Q(statement=""))
    else:
        lines = lines.filter(offering__school_unit__municipality_id__in=ids).filter(
            Q(hand=Hand.SECOND) | Q(special_reasons_accepted=True)
        )
    found = tuple(
        lines.select_related(
            "application__person__home_municipality", "offering__school_unit__municipality"
        ).order_by(
            "application__person__family_name",
            "application__person__given_name",
            "application__person__identity_number",
            "rank",
        )
    )
    _record_list_read(
        actor,
        f"admissions.{kind.value}.read",
        _municipality_subject(ids),
        len(found),
        via=via,
    )
    return CaseList(kind=kind, lines=found)


def access_municipal_line(*, actor: Actor, pk: int, via: str = "web") -> ChoiceLine:
    """A line of one of the actor's residents, or at a municipal or regional school in the
    actor's municipalities; a logged read of the person. Otherwise 404."""
    ids = _municipality_ids(actor)
    reach = Q(application__person__home_municipality_id__in=ids) | (
        Q(offering__school_unit__municipality_id__in=ids)
        & _not_independent("offering__school_unit__")
    )
    line = ChoiceLine.objects.select_related(*LINE_RELATED).filter(reach, pk=pk).first()
    if line is None:
        raise Http404
    _record_line_read(actor, line, via)
    return line


# --- The API's decision endpoint ----------------------------------------------------


def access_line_for_decision(*, actor: Actor, pk: int) -> ChoiceLine:
    """A line the actor reaches as school, municipality or office; else 404.

    Not logged as a read: the caller only records a decision, which `decision_record`
    audits, and whether the actor may record that kind of decision is its question
    (`permissions.may_decide`), with the same 404 for a refusal.
    """
    scope = actor_scope(actor)
    reach: Q | None = None
    if MANAGE in scope.permissions:
        reach = Q()
    else:
        reach = Q(pk__in=[])
        if SCHOOL_VIEW in scope.permissions:
            reach |= Q(offering__school_unit_id__in=scope.organisation_ids)
        if MUNICIPAL_VIEW in scope.permissions:
            ids = scope.municipality_ids
            reach |= Q(application__person__home_municipality_id__in=ids) | (
                Q(offering__school_unit__municipality_id__in=ids)
                & _not_independent("offering__school_unit__")
            )
    line = ChoiceLine.objects.select_related(*LINE_RELATED).filter(reach, pk=pk).first()
    if line is None:
        raise Http404
    return line


def run_label(run: AdmissionRun | None) -> str:
    """'Slutantagning (publicerad 2027-07-01)', or 'Simulering (inte publicerad)'."""
    if run is None:
        return "Ingen antagningsomgång ännu"
    name = run.get_kind_display()
    if run.kind == RunKind.RESERVE:
        name = f"{name} {run.number}"
    if run.published_at is not None:
        return f"{name} (publicerad {timezone.localdate(run.published_at):%Y-%m-%d})"
    return f"{name} {timezone.localdate(run.finished_at):%Y-%m-%d} (inte publicerad)"
