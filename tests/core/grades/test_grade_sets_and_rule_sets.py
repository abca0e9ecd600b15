"""Which grades each round uses, grade subjects and slots, and the rule sets per year."""

import pytest

from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.grade import Grade, parse_grade
from gymnasieregion.core.grades.programmes import ProgrammeKind
from gymnasieregion.core.grades.rule_set import DEFAULT_YEAR, RULES_2026, rule_set
from gymnasieregion.core.grades.subject_grade import SubjectGrade
from gymnasieregion.core.grades.subjects import Slot
from gymnasieregion.core.grades.terms import GradeRecord, Term, grades_for_round

from .grade_sets import grades


def records(term: Term, spec: str) -> list[GradeRecord]:
    return [GradeRecord(term, grade) for grade in grades(spec)]


AUTUMN = records(Term.HT9, "MA:C EN:D")
FINAL = records(Term.SLUTBETYG, "MA:B EN:F KE:- BI:C")
SUPPLEMENT = records(Term.KOMPLETTERING, "EN:E KE:D BI:A")


def test_the_preliminary_round_uses_the_autumn_grades_of_year_9() -> None:
    assert grades_for_round(AUTUMN, Round.PRELIMINARY) == grades("EN:D MA:C")


def test_the_preliminary_round_uses_final_grades_of_an_older_applicant() -> None:
    assert grades_for_round(AUTUMN + FINAL, Round.PRELIMINARY) == grades("BI:C EN:F KE:- MA:B")


def test_the_final_round_uses_the_final_grades_only() -> None:
    assert grades_for_round(AUTUMN + FINAL + SUPPLEMENT, Round.FINAL) == grades(
        "BI:C EN:F KE:- MA:B"
    )


def test_a_reserve_round_takes_a_supplement_only_where_the_final_grade_is_f_or_a_dash() -> None:
    chosen = grades_for_round(FINAL + SUPPLEMENT, Round.RESERVE)
    assert chosen == grades("BI:C EN:E KE:D MA:B")


def test_a_subject_twice_in_one_term_is_refused() -> None:
    with pytest.raises(ValueError, match="två gånger"):
        grades_for_round(records(Term.HT9, "MA:C MA:D"), Round.PRELIMINARY)


@pytest.mark.parametrize("text", ["-", "–", " — ", "−"])
def test_every_dash_is_read_as_no_grade(text: str) -> None:
    assert parse_grade(text) is Grade.DASH
    assert not Grade.DASH.passed


def test_a_grade_subject_must_fit_its_slot() -> None:
    with pytest.raises(ValueError, match="språkplats"):
        SubjectGrade("MA", Grade.A, Slot.M1)
    with pytest.raises(ValueError, match="språkkod"):
        SubjectGrade("MSP", Grade.A, Slot.M2)
    with pytest.raises(ValueError, match="ogiltig språkkod"):
        SubjectGrade("MSP", Grade.A, Slot.M2, "spanska")


def test_2026_is_the_default_rule_set_and_has_a_version() -> None:
    assert DEFAULT_YEAR == 2026
    assert rule_set() is RULES_2026
    assert RULES_2026.version == "2026.1"


def test_a_year_without_rules_is_refused_rather_than_guessed() -> None:
    with pytest.raises(KeyError, match="2019"):
        rule_set(2019)


def test_the_2026_catalogue_has_six_preparatory_twelve_vocational_and_four_im_programmes() -> None:
    kinds = [p.kind for p in RULES_2026.programmes]
    assert kinds.count(ProgrammeKind.PREPARATORY) == 6
    assert kinds.count(ProgrammeKind.VOCATIONAL) == 12
    assert {p.code for p in RULES_2026.programmes if p.kind is ProgrammeKind.INTRODUCTION} == {
        "IMV",
        "IMY",
        "IMA",
        "IMS",
    }
    names = {p.name for p in RULES_2026.programmes}
    assert {"Frisör- och stylistprogrammet", "Försäljnings- och serviceprogrammet"} <= names
    assert len({p.code for p in RULES_2026.programmes}) == len(RULES_2026.programmes)


def test_an_unknown_programme_code_is_refused_in_swedish() -> None:
    with pytest.raises(KeyError, match="Programkoden 'HV'"):
        RULES_2026.programme("HV")
