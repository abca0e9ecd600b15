"""Eligibility rule by rule (SL 16–17 kap, GyF 12 kap, domain §3), beyond the worked examples."""

from dataclasses import replace
from datetime import date

import pytest

from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.assessment import assess_applicant
from gymnasieregion.core.grades.eligibility import (
    FOREIGN_NOT_PRELIMINARY,
    MISSING_SWEDISH,
    NO_COMPULSORY_SCHOOL,
    NO_RESIDENCE_PERMIT,
    NOT_NEWLY_ARRIVED,
    UPPER_SECONDARY_DONE,
    ApplicantFacts,
    Eligibility,
    Route,
    eligibility,
)
from gymnasieregion.core.grades.rule_set import RULES_2026
from gymnasieregion.core.grades.subject_grade import SubjectGrade
from gymnasieregion.core.grades.terms import GradeRecord, Term

from .grade_sets import HT_2026, YEAR_9, grades, sixteen

ALL_C = grades(sixteen("C" * 16))


def one(
    grade_set: tuple[SubjectGrade, ...],
    code: str,
    facts: ApplicantFacts = YEAR_9,
    round_: Round = Round.FINAL,
    target: str | None = None,
) -> Eligibility:
    return eligibility(
        grade_set,
        code,
        rules=RULES_2026,
        facts=facts,
        round_=round_,
        start_date=HT_2026,
        target_programme=target,
    )


def test_swedish_as_a_second_language_meets_the_swedish_requirement() -> None:
    sva = grades(sixteen("FCCCCCCCCCCCCCCC") + " SVA:C")
    assert one(sva, "NA").eligible


def test_without_swedish_the_missing_requirement_is_named() -> None:
    assert one(grades(sixteen("FCCCCCCCCCCCCCCC")), "BA").missing == (MISSING_SWEDISH,)


def test_every_missing_requirement_is_named_not_only_the_first() -> None:
    result = one(grades("SV:C EN:F MA:F GE:C"), "SA")
    assert result.missing == (
        "Godkänt betyg saknas i engelska.",
        "Godkänt betyg saknas i matematik.",
        "Godkänt betyg krävs i minst 9 ämnen utöver svenska, engelska och matematik; det finns i 1.",
        "Godkänt betyg saknas i historia.",
        "Godkänt betyg saknas i religionskunskap.",
        "Godkänt betyg saknas i samhällskunskap.",
    )


def test_language_slots_count_as_other_subjects() -> None:
    five = grades("SV:C EN:C MA:C BI:C FY:C KE:C M2/MSP/SPA:E ML/MDM/ARA:E")
    assert one(five, "BA").eligible
    assert not one(five[:-1], "BA").eligible


def test_a_dash_is_not_a_pass() -> None:
    assert not one(grades("SV:C EN:C MA:C BI:C FY:C KE:C GE:C HI:-"), "BA").eligible


def test_a_nordic_applicant_still_needs_english_and_mathematics() -> None:
    result = one(grades("MA:C BI:C FY:C KE:C GE:C HI:C"), "BA", replace(YEAR_9, nordic=True))
    assert result.missing == ("Godkänt betyg saknas i engelska.",)


def test_foreign_grades_go_to_the_free_quota_without_a_merit_value() -> None:
    facts = replace(YEAR_9, foreign_grades=True)
    core_and_science = grades("SV:C EN:C MA:C BI:C FY:C KE:C")
    result = one(core_and_science, "NA", facts)
    assert (result.eligible, result.route) == (True, Route.FREE_QUOTA)
    assessment = assess_applicant(
        [GradeRecord(Term.SLUTBETYG, g) for g in core_and_science],
        rules=RULES_2026,
        facts=facts,
        round_=Round.FINAL,
        start_date=HT_2026,
    )
    assert assessment.merit is None
    assert assessment.for_programme("NA").route is Route.FREE_QUOTA


def test_foreign_grades_are_not_tried_in_the_preliminary_round() -> None:
    result = one(ALL_C, "NA", replace(YEAR_9, foreign_grades=True), Round.PRELIMINARY)
    assert result.missing == (FOREIGN_NOT_PRELIMINARY,)


def test_foreign_grades_still_need_the_named_subjects() -> None:
    result = one(grades("SV:C EN:C MA:C BI:C FY:C"), "NA", replace(YEAR_9, foreign_grades=True))
    assert result.missing == ("Godkänt betyg saknas i kemi.",)


def test_the_english_waiver_does_not_replace_swedish_or_mathematics() -> None:
    facts = replace(YEAR_9, english_waiver=True)
    assert one(grades(sixteen("CFFCCCCCCCCCCCCC")), "BA", facts).missing == (
        "Godkänt betyg saknas i matematik.",
    )


def test_the_english_waiver_is_not_needed_when_english_is_passed() -> None:
    assert one(ALL_C, "BA", replace(YEAR_9, english_waiver=True)).route is Route.GRADES


def test_the_english_waiver_does_not_apply_to_introduction_programmes() -> None:
    no_english = grades(sixteen("CFCCCCCCCCCCCCCC"))
    facts = replace(YEAR_9, english_waiver=True)
    assert not one(no_english, "IMY", facts).eligible
    assert one(no_english, "IMY", facts, Round.PRELIMINARY).eligible


def test_a_completed_upper_secondary_education_closes_every_programme() -> None:
    facts = replace(YEAR_9, upper_secondary_completed=True)
    assert one(ALL_C, "BA", facts).missing == (UPPER_SECONDARY_DONE,)
    assert UPPER_SECONDARY_DONE in one(ALL_C, "IMS", facts).missing


def test_an_applicant_who_has_not_left_compulsory_school_is_not_eligible() -> None:
    facts = replace(YEAR_9, compulsory_school=False)
    assert one(ALL_C, "BA", facts).missing == (NO_COMPULSORY_SCHOOL,)


@pytest.mark.parametrize(
    ("born", "start", "admissible"),
    [
        (date(2006, 12, 31), date(2026, 1, 12), True),  # spring term of the year turning 20
        (date(2006, 12, 31), date(2026, 6, 30), True),
        (date(2006, 1, 1), date(2026, 7, 1), False),
        (date(2007, 1, 1), date(2026, 8, 17), True),
    ],
)
def test_the_age_limit_is_the_spring_term_of_the_year_the_applicant_turns_20(
    born: date, start: date, admissible: bool
) -> None:
    result = eligibility(
        ALL_C,
        "BA",
        rules=RULES_2026,
        facts=ApplicantFacts(birth_date=born),
        round_=Round.FINAL,
        start_date=start,
    )
    assert result.eligible is admissible


def test_imv_is_for_those_not_eligible_for_its_target_programme() -> None:
    vocational_only = grades(sixteen("CCCCCCCCCFFFFFFF"))
    assert one(vocational_only, "IMV", target="NA").eligible
    closed = one(vocational_only, "IMV", target="BA")
    assert closed.missing == (
        "Behörig till Bygg- och anläggningsprogrammet; programinriktat val är för den som "
        "saknar behörighet till programmet.",
    )
    assert not one(ALL_C, "IMV").eligible


def test_imv_needs_six_passes_in_all() -> None:
    assert one(grades("SV:C MA:C BI:C FY:C KE:C GE:C"), "IMV").eligible
    result = one(grades("SV:C MA:C BI:C FY:C KE:C"), "IMV")
    assert result.missing == ("Godkänt betyg krävs i minst 6 ämnen; det finns i 5.",)


def test_imv_cannot_target_an_introduction_programme() -> None:
    with pytest.raises(ValueError, match="nationellt program"):
        one(ALL_C, "IMV", target="IMY")


def test_imy_and_ima_close_once_a_vocational_programme_is_open() -> None:
    assert not one(ALL_C, "IMY").eligible
    assert one(ALL_C, "IMA").missing == (
        "Behörig till yrkesprogram; individuellt alternativ är för den som saknar sådan "
        "behörighet.",
    )


def test_language_introduction_is_for_newly_arrived_youths() -> None:
    arrived = ApplicantFacts(birth_date=date(2009, 3, 1), newly_arrived=True)
    assert one((), "IMS", arrived).route is Route.TARGET_GROUP
    assert one((), "IMS", replace(arrived, newly_arrived=False)).missing == (NOT_NEWLY_ARRIVED,)


def test_language_introduction_needs_a_residence_permit_from_18() -> None:
    adult = ApplicantFacts(birth_date=date(2008, 1, 1), newly_arrived=True)
    assert one((), "IMS", adult).missing == (NO_RESIDENCE_PERMIT.format(age=18),)
    assert one((), "IMS", replace(adult, residence_permit=True)).eligible


def test_language_introduction_starts_the_year_the_applicant_turns_16() -> None:
    young = ApplicantFacts(birth_date=date(2011, 1, 1), newly_arrived=True)
    assert one((), "IMS", young).missing == (
        "Språkintroduktion är för ungdomar från det år de fyller 16 år.",
    )


def test_the_assessment_names_the_rule_set_version_and_every_programme() -> None:
    assessment = assess_applicant(
        [GradeRecord(Term.SLUTBETYG, g) for g in ALL_C],
        rules=RULES_2026,
        facts=YEAR_9,
        round_=Round.FINAL,
        start_date=HT_2026,
    )
    assert assessment.rules_version == "2026.1"
    assert [r.programme for r in assessment.eligibility] == [p.code for p in RULES_2026.programmes]
    assert assessment.merit is not None and assessment.merit.total == 240
    with pytest.raises(KeyError):
        assessment.for_programme("HV")
