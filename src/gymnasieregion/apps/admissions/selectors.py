"""Reading admission data, scoped to the actor (architecture guide §3.1, §3.3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gymnasieregion.apps.accounts.access import Actor, access_permission
from gymnasieregion.apps.admissions import periods
from gymnasieregion.apps.admissions.models import (
    AdmissionRun,
    Application,
    ApplicationVersion,
    ChoiceLine,
    LineResult,
    OfferAnswer,
    OfferingResult,
    RunKind,
)
from gymnasieregion.apps.admissions.permissions import MANAGE
from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.catalogue.calendar import (
    Action,
    PhaseClosed,
    phase_is_open,
    phase_sentence,
)
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering
from gymnasieregion.core.admission.application_history import Version, current_late_flags
from gymnasieregion.core.admission.outcome import Status
from gymnasieregion.core.grades.programmes import ProgrammeKind
from gymnasieregion.core.grades.rule_set import RULE_SETS
from gymnasieregion.database.compiled_query import STAND_IN_IDS, CompiledQuery


def admission_year_latest(*, year: int | None = None) -> AdmissionYear | None:
    """The admission year `year`, or the newest one."""
    years = AdmissionYear.objects.order_by("-year")
    return years.filter(year=year).first() if year is not None else years.first()


def admission_run_get(*, pk: int) -> AdmissionRun | None:
    return AdmissionRun.objects.filter(pk=pk).first()


def published_run_latest(*, year: AdmissionYear) -> AdmissionRun | None:
    """The newest published run of the year (what applicants and schools see)."""
    return (
        AdmissionRun.objects.filter(admission_year=year, published_at__isnull=False)
        .order_by("-published_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class Cutoff:
    offering: str
    school: str
    cutoff: Decimal


@dataclass(frozen=True)
class RunFigures:
    """What the demo and the office's run page summarise (issue 5)."""

    applicants: int
    placed: int
    first_choice: int
    eligible_unplaced: int
    vocational: int
    highest_cutoffs: tuple[Cutoff, ...]

    @property
    def first_choice_share(self) -> float:
        return self.first_choice / self.applicants if self.applicants else 0.0

    @property
    def vocational_share(self) -> float:
        return self.vocational / self.placed if self.placed else 0.0


def _vocational_codes() -> set[str]:
    return {
        p.code
        for rules in RULE_SETS.values()
        for p in rules.programmes
        if p.kind is ProgrammeKind.VOCATIONAL
    }


def run_figures(*, run: AdmissionRun) -> RunFigures:
    """Counts of a run from its stored line results (a handful of queries)."""
    results: QuerySet[LineResult] = LineResult.objects.filter(run=run)
    per_application = results.values("line__application_id").annotate(
        admitted=Count("pk", filter=Q(status=Status.ADMITTED)),
        first=Count("pk", filter=Q(status=Status.ADMITTED, line__rank=1)),
        reserve=Count("pk", filter=Q(status=Status.RESERVE)),
    )
    applicants = placed = first = unplaced = 0
    for row in per_application:
        applicants += 1
        placed += row["admitted"] > 0
        first += row["first"] > 0
        unplaced += row["admitted"] == 0 and row["reserve"] > 0
    vocational = results.filter(
        status=Status.ADMITTED, line__offering__programme_code__in=_vocational_codes()
    ).count()
    highest = (
        OfferingResult.objects.filter(run=run, cutoff__isnull=False)
        .select_related("offering__school_unit")
        .order_by("-cutoff", "offering__code")[:10]
    )
    return RunFigures(
        applicants=applicants,
        placed=placed,
        first_choice=first,
        eligible_unplaced=unplaced,
        vocational=vocational,
        highest_cutoffs=tuple(
            Cutoff(r.offering.name, r.offering.school_unit.name, r.cutoff)
            for r in highest
            if r.cutoff is not None
        ),
    )


# The admission office (permission admissions.manage).


@dataclass(frozen=True)
class YearCounts:
    applications: int
    lines: int
    late_lines: int
    offerings: int
    cancelled: int


def admission_year_counts(*, year: AdmissionYear) -> YearCounts:
    """Counts for the office's dashboard (four queries)."""
    lines = ChoiceLine.objects.filter(application__admission_year=year)
    offerings = year.offerings.all()
    return YearCounts(
        applications=year.applications.count(),
        lines=lines.count(),
        late_lines=lines.filter(late=True).count(),
        offerings=offerings.count(),
        cancelled=offerings.filter(cancelled=True).count(),
    )


def admission_run_list(*, actor: Actor, year: AdmissionYear) -> QuerySet[AdmissionRun]:
    """Every run of the year, newest first; only for the office."""
    access_permission(actor, MANAGE)
    return AdmissionRun.objects.filter(admission_year=year).select_related(
        "started_by", "published_by"
    )


def access_admission_run(*, actor: Actor, pk: int) -> AdmissionRun:
    """One run, for the office; 404 for everyone else."""
    access_permission(actor, MANAGE)
    run = AdmissionRun.objects.select_related("admission_year").filter(pk=pk).first()
    if run is None:
        raise Http404
    return run


def offering_results(*, run: AdmissionRun) -> QuerySet[OfferingResult]:
    """Per-offering figures of a run, by code (one query)."""
    return (
        OfferingResult.objects.filter(run=run)
        .select_related("offering__school_unit")
        .order_by("offering__code")
    )


# The applicant's own application and results (the applicant's e-service, issue 6).


def admission_year_current(*, today: date) -> AdmissionYear | None:
    """The year an applicant works in on `today`: the newest whose applications have opened,
    else the next to open (so a year being planned does not hide the running one)."""
    opened = AdmissionYear.objects.filter(application_opens__lte=today).order_by("-year").first()
    return opened or AdmissionYear.objects.order_by("application_opens").first()


def applicant_person(*, actor: Actor) -> Person | None:
    """The person linked to the actor's sign-in; an applicant sees only themself."""
    user_id = getattr(actor, "pk", None)
    if user_id is None:
        return None
    return Person.objects.filter(user_id=user_id).first()


def application_own(*, person: Person, year: AdmissionYear) -> Application | None:
    """The person's application in `year`, if they have one (one query)."""
    application = Application.objects.filter(person=person, admission_year=year).first()
    if application is not None:
        application.person = person
        application.admission_year = year
    return application


# The result page's own lookups, compiled once (ADR 0105); both find at most one row.
_APPLICATION_OF_USER = CompiledQuery(
    lambda user_id, year_id: Application.objects.filter(
        person__user_id=user_id, admission_year_id=year_id
    ).order_by(),
    STAND_IN_IDS[:2],
)
_ANSWER = CompiledQuery(
    lambda application_id, run_id: OfferAnswer.objects.filter(
        application_id=application_id, run_id=run_id
    ).order_by(),
    STAND_IN_IDS[:2],
)


def application_of_actor(*, actor: Actor, year: AdmissionYear) -> Application | None:
    """The application in `year` of the person signed in as `actor` (one query)."""
    user_id = getattr(actor, "pk", None)
    if user_id is None:
        return None
    application = _APPLICATION_OF_USER.first(Application, user_id, year.pk)
    if application is not None:
        application.admission_year = year
    return application


def application_lines(*, application: Application | None) -> list[ChoiceLine]:
    """The saved lines best first, with offering, school, organiser and decisions (2 queries)."""
    if application is None:
        return []
    return list(
        ChoiceLine.objects.filter(application=application)
        .select_related("offering__school_unit__municipality", "offering__school_unit__parent")
        .prefetch_related("decisions")
        .order_by("rank")
    )


def offerings_of_year(*, year: AdmissionYear, offering_ids: Sequence[int]) -> dict[int, Offering]:
    """The offerings of `year` among `offering_ids`, by id (ids of other years are left out)."""
    return {
        o.pk: o
        for o in Offering.objects.filter(admission_year=year, pk__in=offering_ids).select_related(
            "school_unit__municipality", "school_unit__parent"
        )
    }


@dataclass(frozen=True)
class ApplicationPeriod:
    """Whether a list may be saved today, whether it is then in time, and a sentence saying so."""

    open: bool
    in_time: bool
    sentence: str


def application_period(*, year: AdmissionYear, today: date) -> ApplicationPeriod:
    """The state of the application and change periods on `today` (domain §5.2, §6)."""
    if periods.in_time(year, today):
        apply = phase_is_open(year=year, action=Action.APPLY, today=today)
        sentence = phase_sentence(year=year, action=Action.APPLY if apply else Action.CHANGE)
        return ApplicationPeriod(True, True, f"{sentence} Det du skickar nu är i tid.")
    try:
        periods.require_application_open(year, today)
    except PhaseClosed as closed:
        return ApplicationPeriod(False, False, str(closed))
    sentence = (
        "Ansökningsperioden är stängd. Du kan fortfarande ändra dina val, men nya val och val "
        "som du flyttar upp blir sena och prövas efter alla som har sökt i tid."
    )
    if today < year.change_opens:
        sentence += " " + phase_sentence(year=year, action=Action.CHANGE)
    return ApplicationPeriod(True, False, sentence)


def application_late_preview(
    *,
    year: AdmissionYear,
    application: Application | None,
    offering_ids: Sequence[int],
    now: datetime,
) -> tuple[bool, ...]:
    """Which lines of `offering_ids` would be late if the list were saved at `now`.

    The saved history plus a hypothetical version saved now, through the same rule as the
    save itself (`current_late_flags`, domain §5.2, EX-17). Reads only; one query.
    """
    versions = (
        [
            Version(saved_at, tuple(str(i) for i in ids), in_window)
            for saved_at, ids, in_window in ApplicationVersion.objects.filter(
                application=application
            ).values_list("saved_at", "offering_ids", "in_window")
        ]
        if application is not None
        else []
    )
    in_window = periods.in_time(year, timezone.localdate(now))
    latest = max([now, *(v.saved_at + timedelta(microseconds=1) for v in versions)])
    versions.append(Version(latest, tuple(str(i) for i in offering_ids), in_window))
    return current_late_flags(versions)


def offer_answer_current(*, application: Application, run: AdmissionRun) -> OfferAnswer | None:
    """The applicant's answer to the place of `run`, if they have answered."""
    return _ANSWER.first(OfferAnswer, application.pk, run.pk)


# A run's files are megabytes: what applicants see never loads them.
RUN_FILES = ("manifest", "violations", "summary")


def published_run_newest(*, year: AdmissionYear) -> AdmissionRun | None:
    """The newest published run of the year, without its files (the applicant's pages)."""
    run = (
        AdmissionRun.objects.filter(admission_year=year, published_at__isnull=False)
        .exclude(kind=RunKind.SIMULATION)
        .defer(*RUN_FILES)
        .order_by("-published_at", "-pk")
        .first()
    )
    if run is not None:
        run.admission_year = year
    return run


def published_run_get(*, pk: int) -> AdmissionRun | None:
    """A published run by id, without its files; None for a simulation or an unpublished run."""
    return (
        AdmissionRun.objects.filter(pk=pk, published_at__isnull=False)
        .exclude(kind=RunKind.SIMULATION)
        .defer(*RUN_FILES)
        .select_related("admission_year")
        .first()
    )
