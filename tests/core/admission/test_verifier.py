"""The verifier catches corrupted results: each test breaks one property of a correct result."""

from __future__ import annotations

from dataclasses import replace

from gymnasieregion.core.admission.outcome import ApplicantOutcome, Result, Status
from gymnasieregion.core.admission.problem_file import parse_problem
from gymnasieregion.core.admission.verifier import Check, verify
from tests.core.admission.adapter import scores_problem
from tests.core.admission.builders import placements, run, secure_all
from tests.core.admission.test_matching_instances import (
    SWEDEN_CAPACITIES,
    SWEDEN_LOTTERY,
    SWEDEN_SCORES,
    SWEDEN_STUDENTS,
)

DATA = scores_problem(SWEDEN_STUDENTS, SWEDEN_SCORES, SWEDEN_CAPACITIES, SWEDEN_LOTTERY)
PROBLEM = parse_problem(DATA)
RESULT = run(DATA)
# a NA, b NA, c SA, d -, e TE, f SA, g -, h TE; reserves NA f c d h, SA d g, TE g


def _edit(result: Result, who: str, placement: str | None, **status_of: Status) -> Result:
    """Set an applicant's placement and the status of the named offerings' lines."""

    def change(a: ApplicantOutcome) -> ApplicantOutcome:
        if a.applicant != who:
            return a
        choices = tuple(c._replace(status=status_of.get(c.offering, c.status)) for c in a.choices)
        return a._replace(placement=placement, choices=choices)

    return replace(result, applicants=tuple(change(a) for a in result.applicants))


def _checks(result: Result, problem=PROBLEM) -> set[Check]:  # type: ignore[no-untyped-def]
    return {v.check for v in verify(problem, result)}


def test_a_correct_result_has_no_violation() -> None:
    assert verify(PROBLEM, RESULT) == ()


def test_an_offering_over_capacity_is_caught() -> None:
    corrupted = _edit(RESULT, "d", "NA", NA=Status.ADMITTED, SA=Status.RESERVE)
    assert Check.CAPACITY in _checks(corrupted)


def test_an_applicant_admitted_twice_is_caught() -> None:
    corrupted = _edit(RESULT, "a", "NA", SA=Status.ADMITTED)
    assert Check.ADMITTED_TWICE in _checks(corrupted)


def test_justified_envy_is_caught() -> None:
    # swap: h (280) takes b's seat at NA, b falls to TE
    swapped = _edit(RESULT, "h", "NA", NA=Status.ADMITTED, TE=Status.STRUCK)
    corrupted = _edit(swapped, "b", "TE", NA=Status.RESERVE, TE=Status.ADMITTED)
    assert Check.JUSTIFIED_ENVY in _checks(corrupted)


def test_a_wasted_seat_is_caught() -> None:
    corrupted = _edit(RESULT, "e", None, TE=Status.RESERVE, NA=Status.RESERVE, SA=Status.RESERVE)
    assert Check.WASTE in _checks(corrupted)


def test_a_wrong_reserve_position_is_caught() -> None:
    def bump(a: ApplicantOutcome) -> ApplicantOutcome:
        if a.applicant != "f":
            return a
        return a._replace(
            choices=tuple(
                c._replace(reserve_position=3) if c.offering == "NA" else c for c in a.choices
            ),
        )

    corrupted = replace(RESULT, applicants=tuple(bump(a) for a in RESULT.applicants))
    assert _checks(corrupted) == {Check.RESERVE_LIST}


def test_a_wrong_status_is_caught() -> None:
    corrupted = _edit(RESULT, "f", "SA", TE=Status.STRUCK)
    assert _checks(corrupted) == {Check.STATUS}


def test_a_wrong_lottery_number_is_caught() -> None:
    def change(a: ApplicantOutcome) -> ApplicantOutcome:
        return a._replace(choices=tuple(c._replace(lottery=c.lottery + 1) for c in a.choices))

    corrupted = replace(RESULT, applicants=(change(RESULT.applicants[0]), *RESULT.applicants[1:]))
    assert _checks(corrupted) == {Check.LOTTERY}


def test_a_missing_applicant_is_caught() -> None:
    corrupted = replace(RESULT, applicants=RESULT.applicants[1:])
    assert Check.STRUCTURE in _checks(corrupted)


def test_figures_that_disagree_with_the_lines_are_caught() -> None:
    offerings = tuple(
        replace(o, admitted=o.admitted + 1) if o.offering == "TE" else o for o in RESULT.offerings
    )
    assert _checks(replace(RESULT, offerings=offerings)) == {Check.FIGURES}


def test_a_reserve_round_result_below_a_secured_place_is_caught() -> None:
    reserve_data = secure_all(DATA, RESULT)
    reserve_problem = parse_problem(reserve_data)
    reserve = run(reserve_data)
    assert placements(reserve) == placements(RESULT)
    # h held TE (choice 2); put h on SA (choice 3) instead
    corrupted = _edit(reserve, "h", "SA", TE=Status.STRUCK, SA=Status.ADMITTED)
    assert Check.SECURED_PLACE in _checks(corrupted, reserve_problem)


def test_every_violation_is_reported_not_only_the_first() -> None:
    corrupted = _edit(RESULT, "e", None, TE=Status.RESERVE, NA=Status.RESERVE, SA=Status.RESERVE)
    assert len(verify(PROBLEM, corrupted)) >= 3
