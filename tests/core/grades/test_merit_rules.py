"""Merit value rule by rule (GyF 7 kap 4 §, domain §4), beyond the worked examples."""

from dataclasses import replace
from decimal import Decimal

import pytest

from gymnasieregion.core.grades.merit import SWEDISH_ONCE_REASON, merit_value
from gymnasieregion.core.grades.rule_set import RULES_2026, SeventeenthGrade
from gymnasieregion.core.grades.skill_test import SkillTest, SkillTestResult

from .grade_sets import grades, sixteen

ART_TEST = SkillTest(multiplier=Decimal(16), max_points=Decimal(20))


def test_the_grade_values_are_20_17_5_15_12_5_10_and_0() -> None:
    for mark, value in zip("ABCDEF", ("20", "17.5", "15", "12.5", "10", "0"), strict=True):
        assert merit_value(grades(f"MA:{mark}"), rules=RULES_2026).total == Decimal(value)


def test_only_the_sixteen_best_of_more_than_sixteen_grades_count() -> None:
    result = merit_value(grades(sixteen("A" * 16) + " M1/MSP/DEU:E"), rules=RULES_2026)
    assert result.total == Decimal(320)
    german = next(line for line in result.lines if line.grade.key == "M1")
    assert not german.counted
    assert "sjuttonde" in german.reason


def test_english_as_sprakval_competes_only_among_the_sixteen() -> None:
    result = merit_value(grades(sixteen("A" * 16) + " M2/EN:A"), rules=RULES_2026)
    assert result.total == Decimal(320)


def test_an_extra_modern_language_is_not_the_seventeenth_by_default() -> None:
    spec = sixteen("A" * 16) + " EX1/MSP/FRA:A"
    assert merit_value(grades(spec), rules=RULES_2026).total == Decimal(320)


def test_a_rule_set_may_take_the_better_modern_language_as_the_seventeenth() -> None:
    rules = replace(RULES_2026, seventeenth_grade=SeventeenthGrade.BEST_MODERN_LANGUAGE)
    spec = sixteen("C" * 16) + " M2/MSP/SPA:E EX1/MSP/FRA:A"
    # FRA A is the seventeenth; SPA E then competes among the sixteen and loses to the Cs.
    assert merit_value(grades(spec), rules=rules).total == Decimal(260)
    assert merit_value(grades(spec), rules=RULES_2026).total == Decimal(255)


def test_swedish_and_swedish_as_a_second_language_count_once_the_better_one() -> None:
    result = merit_value(grades("SV:C SVA:A MA:B"), rules=RULES_2026)
    assert result.total == Decimal("37.5")
    swedish = next(line for line in result.lines if line.grade.subject == "SV")
    assert (swedish.counted, swedish.reason) == (False, SWEDISH_ONCE_REASON)
    assert result.grade_count == 2


def test_an_applicant_with_fewer_than_sixteen_grades_who_is_not_a_dancer_is_not_scaled() -> None:
    assert merit_value(grades("MA:A EN:A"), rules=RULES_2026).total == Decimal(40)


def test_dancer_scaling_keeps_two_decimals_rounded_half_up() -> None:
    result = merit_value(grades(sixteen("ABBBBBBBBBBBBBBB")[:-5]), rules=RULES_2026, dancer=True)
    # 15 grades: 20 + 14 × 17.5 = 265; 265 × 16 / 15 = 282.666… → 282.67
    assert result.total == Decimal("282.67")
    assert "uppräknad till 16 betyg" in result.notes[0]


def test_a_dancer_with_sixteen_grades_is_not_scaled() -> None:
    result = merit_value(grades(sixteen("C" * 16)), rules=RULES_2026, dancer=True)
    assert result.total == Decimal(240)
    assert result.notes == ()


def test_skill_test_points_are_multiplied_and_added_to_the_grade_sum() -> None:
    spec = sixteen("A" * 16) + " M2/MSP/SPA:A"
    result = merit_value(
        grades(spec), rules=RULES_2026, skill_test=SkillTestResult(ART_TEST, Decimal(20))
    )
    assert (result.grade_sum, result.skill_test_points, result.total) == (
        Decimal(340),
        Decimal(320),
        Decimal(660),
    )


def test_skill_test_points_outside_the_scale_are_refused() -> None:
    with pytest.raises(ValueError, match="mellan 0 och 20"):
        merit_value(
            grades("MA:A"), rules=RULES_2026, skill_test=SkillTestResult(ART_TEST, Decimal(21))
        )


def test_the_same_subject_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="två gånger"):
        merit_value(grades("MA:A MA:B"), rules=RULES_2026)


def test_no_grades_give_zero() -> None:
    assert merit_value((), rules=RULES_2026, dancer=True).total == Decimal(0)
