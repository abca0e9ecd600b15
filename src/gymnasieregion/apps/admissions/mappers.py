"""From the stored admission year to the engine's `Problem` (domain §5.6 step 0–2).

Applicants appear in the problem by their application id, never by name or identity
number, so a problem file can be handed out for re-running. The grades of the round give
the merit value and eligibility (`applicants.selectors.assessments_for`); the decisions on
each line (fri kvot, dispens, tillstyrkan, färdighetsprov, rangordning) and its hand and
lateness come from the line itself. In a reserve round each applicant's secured place is
the place of the previous published run, with their answer (no answer: accept and stay
reserve, Storsthlm's rule).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from gymnasieregion.apps.admissions.models import (
    AdmissionRun,
    ChoiceLine,
    CooperationArea,
    LineResult,
    OfferAnswer,
)
from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.applicants.selectors import assessments_for
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering, OfferingKind
from gymnasieregion.core.admission import problem as core
from gymnasieregion.core.admission.outcome import Status
from gymnasieregion.core.admission.problem import Hand
from gymnasieregion.core.admission.reception import Statement, reception_hand
from gymnasieregion.core.grades.assessment import Assessment
from gymnasieregion.core.grades.rule_set import rule_set_by_version
from gymnasieregion.core.grades.skill_test import SkillTest

# Offering kinds where a line competes only when the organiser endorsed it (domain §5.9).
ENDORSEMENT_REQUIRED = frozenset({OfferingKind.SPORTS})
ZERO = Decimal(0)
ELIGIBILITY_AS = {"IB": "SA"}

Progress = Callable[[str], None]
# The steps of a run, in order, as `progress` is told them (the command's progress bar).
STEPS = (
    "Valrader lästa",
    "Meritvärden och behörighet",
    "Problemfil skriven",
    "Antagningen beräknad",
    "Resultatet kontrollerat",
    "Resultatet sparat",
)


def no_progress(step: str) -> None:
    """The default: nobody is watching."""


@dataclass(frozen=True)
class BuiltProblem:
    """The problem and, for storing the result, the choice line id of each (applicant, offering)."""

    problem: core.Problem
    line_ids: dict[tuple[str, str], int]


def cooperation_area_codes() -> frozenset[str]:
    """The municipality codes of the cooperation areas (Storsthlm: the 26 and Håbo)."""
    return frozenset(
        CooperationArea.objects.values_list("municipalities__code", flat=True).exclude(
            municipalities__code=None
        )
    )


def line_hand(
    *,
    person: Person,
    offering: Offering,
    area: frozenset[str],
    statement: str = "",
    special_reasons_accepted: bool = False,
) -> Hand:
    """The reception hand of a line (`core.admission.reception`) from stored rows."""
    school = offering.school_unit
    return reception_hand(
        independent_school=school.is_independent_school,
        school_municipality=school.municipality.code if school.municipality else "",
        home_municipality=person.home_municipality.code,
        cooperation_area=area,
        statement=Statement(statement) if statement else None,
        special_reasons_accepted=special_reasons_accepted,
    )


def problem_build(
    *,
    year: AdmissionYear,
    round_: core.Round,
    previous: AdmissionRun | None = None,
    progress: Progress = no_progress,
) -> BuiltProblem:
    """Build the problem of one run of `year` from the database.

    `previous` is the published run whose places are secured in a reserve round.
    """
    offerings = {o.pk: o for o in Offering.objects.filter(admission_year=year)}
    lines = list(
        ChoiceLine.objects.filter(application__admission_year=year)
        .order_by("application_id", "rank")
        .values(
            "id",
            "application_id",
            "application__person_id",
            "offering_id",
            "hand",
            "late",
            "free_quota",
            "english_waiver",
            "endorsed",
            "skill_test_points",
            "school_rank",
        )
    )
    progress("Valrader lästa")
    person_ids = {line["application__person_id"] for line in lines}
    rules = rule_set_by_version(year.rules_version)
    final = round_ is not core.Round.PRELIMINARY
    assessments = assessments_for(
        person_ids=person_ids,
        rules=rules,
        round_=round_,
        start_date=year.study_start,
    )
    waived = {line["application__person_id"] for line in lines if final and line["english_waiver"]}
    waived_assessments = (
        assessments_for(
            person_ids=waived,
            rules=rules,
            round_=round_,
            start_date=year.study_start,
            english_waiver_ids=frozenset(waived),
        )
        if waived
        else {}
    )
    progress("Meritvärden och behörighet")
    foreign = set(
        Person.objects.filter(pk__in=person_ids, foreign_grades=True).values_list("pk", flat=True)
    )
    secured, declined = _answers(year, previous) if round_ is core.Round.RESERVE else ({}, set())

    by_application: dict[int, list[core.ChoiceLine]] = defaultdict(list)
    line_ids: dict[tuple[str, str], int] = {}
    for line in lines:
        offering = offerings[line["offering_id"]]
        person_id = line["application__person_id"]
        waiver = final and line["english_waiver"]
        assessment = (waived_assessments if waiver else assessments)[person_id]
        by_application[line["application_id"]].append(
            _choice(
                line,
                offering,
                assessment,
                foreign=person_id in foreign,
                free_quota=final and line["free_quota"],
                declined=line["id"] in declined,
            )
        )
        line_ids[(str(line["application_id"]), str(offering.pk))] = line["id"]
    applicants = tuple(
        core.Applicant(
            id=str(application_id),
            choices=tuple(choices),
            secured=secured.get(application_id),
        )
        for application_id, choices in by_application.items()
    )
    problem = core.Problem(
        round=round_,
        rules=core.Rules(version=year.rules_version, seed=year.seed),
        offerings=tuple(_offering(o) for o in offerings.values()),
        applicants=applicants,
    )
    return BuiltProblem(problem, line_ids)


def _offering(offering: Offering) -> core.Offering:
    return core.Offering(
        id=str(offering.pk),
        capacity=offering.places,
        cancelled=offering.cancelled,
        minimum_size=offering.minimum_size,
        selection=core.Selection(offering.selection),
    )


def _eligible(assessment: Assessment, offering: Offering) -> bool:
    """Eligibility for the offering's programme by the year's grade rules.

    IB asks for the eligibility of a preparatory programme; it is tried as SA's [I].
    Offerings outside the rules' catalogue (anpassad gymnasieskola) are decided by the
    school's ranking, so every line there may compete for a rank.
    """
    code = ELIGIBILITY_AS.get(offering.programme_code, offering.programme_code)
    try:
        return assessment.for_programme(code).eligible
    except KeyError:
        return offering.selection == core.Selection.RANKING


def _choice(
    line: Mapping[str, object],
    offering: Offering,
    assessment: Assessment,
    *,
    foreign: bool,
    free_quota: bool,
    declined: bool,
) -> core.ChoiceLine:
    """One line: merit with skill-test points (domain §4.2), eligibility with the decisions.

    Foreign grades give no merit value: such a line competes only when the organiser
    admitted it in fri kvot (GyF 7 kap 3 §).
    """
    merit = assessment.merit
    grade_sum = merit.grade_sum if merit is not None else ZERO
    total = grade_sum
    points = line["skill_test_points"]
    if offering.skill_test and isinstance(points, Decimal):
        test = SkillTest(
            multiplier=offering.skill_test_multiplier or Decimal(1),
            max_points=offering.skill_test_max_points or points,
        )
        total = grade_sum + test.merit_points(points)
    eligible = _eligible(assessment, offering)
    if offering.kind in ENDORSEMENT_REQUIRED and line["endorsed"] is not True:
        eligible = False
    # Fri kvot needs an eligible applicant at a merit-selected offering (GyF 7 kap 3 §);
    # a decision that no longer holds (grades changed) is not applied.
    free_quota = free_quota and eligible and offering.selection == core.Selection.MERIT
    if foreign and not free_quota:
        eligible = False
    rank = line["school_rank"]
    return core.ChoiceLine(
        offering=str(offering.pk),
        merit=total,
        grade_sum=grade_sum,
        grade_count=merit.grade_count if merit is not None else 0,
        eligible=eligible,
        hand=core.Hand(str(line["hand"])),
        late=bool(line["late"]),
        free_quota=free_quota,
        declined=declined,
        school_rank=rank if isinstance(rank, int) else None,
    )


def _answers(
    year: AdmissionYear, previous: AdmissionRun | None
) -> tuple[dict[int, core.SecuredPlace], set[int]]:
    """Secured places of the previous published run, and every line declined so far."""
    declined = set(
        OfferAnswer.objects.filter(
            application__admission_year=year, answer=core.Answer.DECLINE
        ).values_list("line_id", flat=True)
    )
    if previous is None:
        return {}, declined
    answers = dict(OfferAnswer.objects.filter(run=previous).values_list("line_id", "answer"))
    secured: dict[int, core.SecuredPlace] = {}
    admitted: Iterable[tuple[int, int, int, bool]] = LineResult.objects.filter(
        run=previous, status=Status.ADMITTED
    ).values_list(
        "line_id", "line__application_id", "line__offering_id", "line__offering__cancelled"
    )
    for line_id, application_id, offering_id, cancelled in admitted:
        answer = core.Answer(answers.get(line_id, core.Answer.ACCEPT_STAY_RESERVE))
        if answer is core.Answer.DECLINE or cancelled:
            continue
        secured[application_id] = core.SecuredPlace(offering=str(offering_id), answer=answer)
    return secured, declined
