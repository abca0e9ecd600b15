"""The merit-value worked examples EX-01 … EX-06 of the domain specification (§11)."""

from decimal import Decimal

from gymnasieregion.core.grades.merit import SEVENTEENTH_REASON, merit_value
from gymnasieregion.core.grades.rule_set import RULES_2026

from .grade_sets import grades, sixteen


def merit(spec: str, *, dancer: bool = False) -> Decimal:
    return merit_value(grades(spec), rules=RULES_2026, dancer=dancer).total


def test_ex01_all_a_with_a_modern_language_as_sprakval_gives_the_maximum_340() -> None:
    assert merit(sixteen("A" * 16) + " M2/MSP/SPA:A") == Decimal(340)


def test_ex01_all_a_without_a_modern_language_as_sprakval_gives_320() -> None:
    assert merit(sixteen("A" * 16)) == Decimal(320)


def test_ex02_a_typical_grade_set_adds_the_sprakval_language_as_the_seventeenth() -> None:
    result = merit_value(grades(sixteen("BACDEECBCBAABCDE") + " M2/MSP/SPA:C"), rules=RULES_2026)
    assert result.total == Decimal("260.0")
    assert result.grade_sum == Decimal("260.0")
    spanish = next(line for line in result.lines if line.grade.key == "M2")
    assert (spanish.value, spanish.counted, spanish.reason) == (
        Decimal(15),
        True,
        SEVENTEENTH_REASON,
    )
    assert len(result.counted) == 17


def test_ex03_mother_tongue_replaces_an_f_among_the_sixteen_best() -> None:
    spec = sixteen("CCCCCCCCCCCCCCCF") + " ML/MDM/ARA:A M2/MSP/SPA:B"
    result = merit_value(grades(spec), rules=RULES_2026)
    assert result.total == Decimal("262.5")
    technology = next(line for line in result.lines if line.grade.subject == "TK")
    assert not technology.counted
    assert technology.reason == "Inte bland de 16 bästa betygen."


def test_ex04_a_language_as_the_pupils_choice_is_not_a_seventeenth_grade() -> None:
    assert merit(sixteen("BBBBBBBBBBBBBBEE") + " M1/MSP/DEU:A") == Decimal("275.0")


def test_ex05_a_dancer_with_fourteen_grades_is_scaled_to_sixteen_before_the_seventeenth() -> None:
    assert merit(_fourteen() + " M2/MSP/SPA:C", dancer=True) == Decimal("295.0")


def test_ex05_the_same_grades_without_the_dancer_rule_are_not_scaled() -> None:
    assert merit(_fourteen() + " M2/MSP/SPA:C") == Decimal("260.0")


def test_ex06_a_dash_gives_no_value_and_is_not_counted() -> None:
    result = merit_value(grades(sixteen("CCCCCCCCCCCCC-CC")), rules=RULES_2026)
    assert result.total == Decimal("225.0")
    music = next(line for line in result.lines if line.grade.subject == "MU")
    assert not music.counted
    assert music.reason.startswith("Streck")


def _fourteen() -> str:
    """6 A, 4 B, 2 C, 2 D = 245, in fourteen of the sixteen subjects."""
    codes = ("SV", "EN", "MA", "BI", "FY", "KE", "GE", "HI", "RE", "SH", "BL", "HKK", "IDH", "MU")
    return " ".join(f"{code}:{mark}" for code, mark in zip(codes, "AAAAAABBBBCCDD", strict=True))
