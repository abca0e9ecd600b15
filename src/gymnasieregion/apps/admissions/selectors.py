"""Reading admission data, scoped to the actor (architecture guide §3.1, §3.3)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from gymnasieregion.apps.accounts.access import Actor, access_permission
from gymnasieregion.apps.admissions.models import (
    AdmissionRun,
    ChoiceLine,
    LineResult,
    OfferingResult,
)
from gymnasieregion.apps.admissions.permissions import MANAGE
from gymnasieregion.apps.catalogue.models import AdmissionYear
from gymnasieregion.core.admission.outcome import Status
from gymnasieregion.core.grades.programmes import ProgrammeKind
from gymnasieregion.core.grades.rule_set import RULE_SETS


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
    return (
        AdmissionRun.objects.filter(admission_year=year)
        .defer("problem_file", "result_file")
        .select_related("started_by", "published_by")
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
