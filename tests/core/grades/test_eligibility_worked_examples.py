"""The eligibility worked examples EX-02, EX-03 and EX-06 … EX-12 of the domain specification."""

from dataclasses import replace
from datetime import date

from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.eligibility import (
    MISSING_ENGLISH,
    ApplicantFacts,
    Eligibility,
    Route,
    eligibility,
    eligibility_all,
)
from gymnasieregion.core.grades.programmes import ProgrammeKind
from gymnasieregion.core.grades.rule_set import RULES_2026
from gymnasieregion.core.grades.subject_grade import SubjectGrade

from .grade_sets import HT_2026, YEAR_9, grades, sixteen

PREPARATORY = {p.code for p in RULES_2026.programmes if p.kind is ProgrammeKind.PREPARATORY}
VOCATIONAL = {p.code for p in RULES_2026.programmes if p.kind is ProgrammeKind.VOCATIONAL}
NATIONAL = PREPARATORY | VOCATIONAL


def results(
    grade_set: tuple[SubjectGrade, ...],
    facts: ApplicantFacts = YEAR_9,
    round_: Round = Round.FINAL,
) -> dict[str, Eligibility]:
    found = eligibility_all(
        grade_set, rules=RULES_2026, facts=facts, round_=round_, start_date=HT_2026
    )
    return {r.programme: r for r in found}


def eligible(found: dict[str, Eligibility]) -> set[str]:
    return {code for code, result in found.items() if result.eligible}


def test_ex02_a_typical_grade_set_is_eligible_for_every_national_programme() -> None:
    found = results(grades(sixteen("BACDEECBCBAABCDE") + " M2/MSP/SPA:C"))
    assert eligible(found) & NATIONAL == NATIONAL
    assert all(found[code].route is Route.GRADES for code in NATIONAL)


def test_ex03_an_f_in_technology_leaves_every_national_programme_open() -> None:
    found = results(grades(sixteen("CCCCCCCCCCCCCCCF") + " ML/MDM/ARA:A M2/MSP/SPA:B"))
    assert eligible(found) & NATIONAL == NATIONAL


def test_ex06_a_dash_in_music_leaves_every_national_programme_open() -> None:
    found = results(grades(sixteen("CCCCCCCCCCCCC-CC")))
    assert eligible(found) & NATIONAL == NATIONAL


def test_ex07_six_other_passes_open_vocational_but_no_preparatory_programme() -> None:
    found = results(grades(sixteen("CCCCCCCCCFFFFFFF")))
    assert eligible(found) & NATIONAL == VOCATIONAL
    assert found["ES"].missing == (
        "Godkänt betyg krävs i minst 9 ämnen utöver svenska, engelska och matematik; "
        "det finns i 6.",
    )


def test_ex08_an_f_in_chemistry_closes_only_natural_science_and_technology() -> None:
    spec = "SV:C EN:C MA:C GE:C HI:C RE:C SH:C BI:C FY:C BL:C MU:C IDH:C KE:F"
    found = results(grades(spec))
    assert eligible(found) & NATIONAL == NATIONAL - {"NA", "TE"}
    assert found["NA"].missing == ("Godkänt betyg saknas i kemi.",)
    assert found["NA"].explanation == "Inte behörig. Godkänt betyg saknas i kemi."


ALL_C = grades(sixteen("C" * 16))
EX09 = grades("SV:C MA:C EN:F BI:C FY:C KE:C GE:C HI:C RE:C SH:C BL:C MU:C")


def test_ex09_an_f_in_english_closes_every_national_programme_and_opens_im() -> None:
    found = results(EX09)
    assert not eligible(found) & NATIONAL
    assert found["BA"].missing == (MISSING_ENGLISH,)
    assert {"IMV", "IMY", "IMA"} <= eligible(found)


def test_ex09_the_english_waiver_opens_national_programmes_in_the_final_round() -> None:
    found = results(EX09, replace(YEAR_9, english_waiver=True))
    assert eligible(found) & NATIONAL == NATIONAL
    assert found["NA"].route is Route.ENGLISH_WAIVER
    assert "IMY" not in eligible(found)


def test_ex09_the_english_waiver_is_not_tried_in_the_preliminary_round() -> None:
    found = results(EX09, replace(YEAR_9, english_waiver=True), Round.PRELIMINARY)
    assert not eligible(found) & NATIONAL
    assert "först vid slutantagningen" in found["BA"].missing[0]


def test_ex10_without_english_and_mathematics_imv_is_closed_but_imy_and_ima_are_open() -> None:
    found = results(grades("SV:C EN:F MA:F BI:C FY:C KE:C GE:C HI:C"))
    assert not found["IMV"].eligible
    assert found["IMV"].missing == ("Godkänt betyg saknas i engelska eller matematik.",)
    assert found["IMY"].eligible and found["IMA"].eligible


def test_ex11_born_2007_may_start_in_the_autumn_of_2026() -> None:
    found = results(ALL_C, ApplicantFacts(birth_date=date(2007, 12, 31)))
    assert eligible(found) & NATIONAL == NATIONAL


def test_ex11_born_2006_is_too_old_for_the_autumn_of_2026() -> None:
    found = results(ALL_C, ApplicantFacts(birth_date=date(2006, 1, 1)))
    assert not eligible(found)
    assert found["NA"].missing == (
        "Utbildningen måste påbörjas senast vårterminen det år sökanden fyller 20 år.",
    )


def test_ex12_a_nordic_applicant_without_a_swedish_grade_is_eligible_for_natural_science() -> None:
    spec = "EN:C MA:C BI:C FY:C KE:C GE:C HI:C RE:C SH:C BL:C MU:C IDH:C"
    result = eligibility(
        grades(spec),
        "NA",
        rules=RULES_2026,
        facts=replace(YEAR_9, nordic=True),
        round_=Round.FINAL,
        start_date=HT_2026,
    )
    assert result.eligible
    assert result.route is Route.NORDIC
