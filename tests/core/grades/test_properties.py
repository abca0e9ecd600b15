"""Properties of merit value and eligibility over generated grade sets."""

from dataclasses import replace
from decimal import Decimal
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.eligibility import ApplicantFacts, eligibility_all
from gymnasieregion.core.grades.grade import Grade
from gymnasieregion.core.grades.merit import merit_value
from gymnasieregion.core.grades.programmes import ProgrammeKind
from gymnasieregion.core.grades.rule_set import RULES_2026
from gymnasieregion.core.grades.subject_grade import SubjectGrade
from gymnasieregion.core.grades.subjects import COMPULSORY_SUBJECTS, Slot

from .grade_sets import HT_2026, YEAR_9

LADDER = (Grade.F, Grade.E, Grade.D, Grade.C, Grade.B, Grade.A)
LANGUAGE_SLOTS = (
    (Slot.M1, "MSP", "DEU"),
    (Slot.M2, "MSP", "SPA"),
    (Slot.ML, "MDM", "ARA"),
    (Slot.EX1, "MSP", "FRA"),
)
VOCATIONAL = {p.code for p in RULES_2026.programmes if p.kind is ProgrammeKind.VOCATIONAL}
NATIONAL = {p.code for p in RULES_2026.programmes if p.kind is not ProgrammeKind.INTRODUCTION}
any_grade = st.sampled_from(list(Grade))


@st.composite
def grade_sets(draw: st.DrawFn) -> tuple[SubjectGrade, ...]:
    result = []
    for subject in COMPULSORY_SUBJECTS:
        if draw(st.integers(0, 9)) > 0:
            result.append(SubjectGrade(subject.code, draw(any_grade)))
    for slot, code, language in LANGUAGE_SLOTS:
        if draw(st.booleans()):
            result.append(SubjectGrade(code, draw(any_grade), slot, language))
    return tuple(result)


facts = st.builds(
    ApplicantFacts,
    birth_date=st.just(YEAR_9.birth_date),
    nordic=st.booleans(),
    foreign_grades=st.booleans(),
    english_waiver=st.booleans(),
    dancer=st.booleans(),
)


def eligible(grade_set: tuple[SubjectGrade, ...], applicant: ApplicantFacts) -> set[str]:
    found = eligibility_all(
        grade_set, rules=RULES_2026, facts=applicant, round_=Round.FINAL, start_date=HT_2026
    )
    return {r.programme for r in found if r.eligible}


def raised(grade_set: tuple[SubjectGrade, ...], index: int, steps: int) -> tuple[SubjectGrade, ...]:
    """One grade moved `steps` up the ladder F → A (a dash becomes F first)."""
    old = grade_set[index]
    start = LADDER.index(old.grade) if old.grade is not Grade.DASH else 0
    new = replace(old, grade=LADDER[min(start + steps, len(LADDER) - 1)])
    return (*grade_set[:index], new, *grade_set[index + 1 :])


@given(grade_sets(), st.booleans())
def test_the_merit_value_without_a_skill_test_lies_between_0_and_340(
    grade_set: tuple[SubjectGrade, ...], dancer: bool
) -> None:
    total = merit_value(grade_set, rules=RULES_2026, dancer=dancer).total
    assert Decimal(0) <= total <= Decimal(340)


@given(grade_sets(), st.data(), st.booleans())
def test_raising_one_grade_never_lowers_the_merit_value(
    grade_set: tuple[SubjectGrade, ...], data: st.DataObject, dancer: bool
) -> None:
    if not grade_set:
        return
    index = data.draw(st.integers(0, len(grade_set) - 1))
    if dancer and grade_set[index].grade is Grade.DASH:
        return  # a dancer's new grade adds to the count scaled by; see the next test
    steps = data.draw(st.integers(1, 5))
    before = merit_value(grade_set, rules=RULES_2026, dancer=dancer).total
    after = merit_value(raised(grade_set, index, steps), rules=RULES_2026, dancer=dancer).total
    assert after >= before


def test_a_dancers_merit_value_can_fall_when_a_dash_becomes_a_low_grade() -> None:
    """The dancer rule scales by the number of grades (GyF 7 kap 4 §): a new E among As
    lowers the average. This is the rule, not a fault; the property above excludes it."""
    codes = [s.code for s in COMPULSORY_SUBJECTS if s.code != "SVA"]
    dancer = (*(SubjectGrade(c, Grade.A) for c in codes[:14]), SubjectGrade("TK", Grade.DASH))
    before = merit_value(dancer, rules=RULES_2026, dancer=True).total
    after = merit_value(raised(dancer, 14, 1), rules=RULES_2026, dancer=True).total
    assert (before, after) == (Decimal(320), Decimal("309.33"))


@given(grade_sets(), st.data(), facts)
def test_raising_one_grade_never_removes_an_eligibility(
    grade_set: tuple[SubjectGrade, ...], data: st.DataObject, applicant: ApplicantFacts
) -> None:
    if not grade_set:
        return
    index = data.draw(st.integers(0, len(grade_set) - 1))
    before = eligible(grade_set, applicant)
    after = eligible(raised(grade_set, index, data.draw(st.integers(1, 5))), applicant)
    assert before & NATIONAL <= after
    # IMY and IMA are for those without a vocational programme, IMV for those without
    # every programme: they close only because a national programme opened.
    if {"IMY", "IMA"} & before - after:
        assert VOCATIONAL & after
    if "IMV" in before - after:
        assert after >= NATIONAL


@given(grade_sets(), st.randoms(use_true_random=False), facts)
def test_the_result_does_not_depend_on_the_order_of_the_grades(
    grade_set: tuple[SubjectGrade, ...], rng: Random, applicant: ApplicantFacts
) -> None:
    shuffled = list(grade_set)
    rng.shuffle(shuffled)
    for dancer in (False, True):
        assert merit_value(shuffled, rules=RULES_2026, dancer=dancer) == merit_value(
            grade_set, rules=RULES_2026, dancer=dancer
        )
    for round_ in Round:
        assert eligibility_all(
            shuffled, rules=RULES_2026, facts=applicant, round_=round_, start_date=HT_2026
        ) == eligibility_all(
            grade_set, rules=RULES_2026, facts=applicant, round_=round_, start_date=HT_2026
        )
