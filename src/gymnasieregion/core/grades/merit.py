"""Merit value (*meritvärde*) per Gymnasieförordningen 7 kap 4 § (domain §4.1–4.2).

1. The dash is no grade and gives nothing (M9). Svenska and svenska som andraspråk count
   once, the better one (domain §4.4 case 3).
2. A modern language read as *språkval* (slot M2) is set aside as the seventeenth grade
   (M3–M5). Mother tongue, a language as the pupil's choice (M1), and other subjects read
   as språkval compete only among the sixteen.
3. The sixteen best of the rest are summed (M2). An applicant from preparatory dance
   education with fewer than sixteen grades has that sum scaled to sixteen grades:
   sum × 16 / n (M6). Nobody else is scaled (M8).
4. SBV = that sum + the seventeenth grade, at most 16 × 20 + 20 = 340.
5. MTV = SBV + skill-test points of the offering, if it has a test (T1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from gymnasieregion.core.grades.grade import Grade
from gymnasieregion.core.grades.rule_set import RuleSet, SeventeenthGrade
from gymnasieregion.core.grades.skill_test import SkillTestResult
from gymnasieregion.core.grades.subject_grade import SubjectGrade, check_unique
from gymnasieregion.core.grades.subjects import (
    MODERN_LANGUAGE,
    SWEDISH,
    SWEDISH_SECOND_LANGUAGE,
    Slot,
)

DASH_REASON = "Streck (–) är inget betyg och ger inget betygsvärde."
SWEDISH_ONCE_REASON = "Svenska och svenska som andraspråk räknas en gång; det högre betyget räknas."
_SWEDISH_PAIR = frozenset({SWEDISH, SWEDISH_SECOND_LANGUAGE})
SEVENTEENTH_REASON = "Moderna språk som språkval räknas som sjuttonde betyg (GyF 7 kap. 4 §)."


@dataclass(frozen=True, slots=True)
class MeritLine:
    """One grade of the breakdown: its value, whether it counted, and why."""

    grade: SubjectGrade
    value: Decimal
    counted: bool
    reason: str


@dataclass(frozen=True)
class MeritValue:
    """The merit value and how it was reached.

    `grade_sum` is the *sammanlagt betygsvärde* (SBV), `total` the *meritvärde* (MTV =
    SBV + skill-test points), and `grade_count` the number of grades A–F that were tried.
    `best` are the grades summed among the sixteen (best first), `beyond` those that fell
    outside them; `lines` explains every grade in Swedish.
    """

    total: Decimal
    grade_sum: Decimal
    skill_test_points: Decimal
    grade_count: int
    notes: tuple[str, ...]
    seventeenth: SubjectGrade | None
    best: tuple[SubjectGrade, ...]
    beyond: tuple[SubjectGrade, ...]
    swedish_not_counted: SubjectGrade | None
    dashes: tuple[SubjectGrade, ...]
    rules: RuleSet = field(repr=False, compare=False)

    @cached_property
    def lines(self) -> tuple[MeritLine, ...]:
        """Every grade with its value, whether it counted, and why (built when asked for)."""
        values = self.rules.grade_values
        best_reason = f"Ett av de {self.rules.best_count} bästa betygen."
        lines = [MeritLine(g, Decimal(0), False, DASH_REASON) for g in self.dashes]
        lines += [MeritLine(g, values[g.grade], True, best_reason) for g in self.best]
        lines += [
            MeritLine(g, values[g.grade], False, _not_best_reason(g, self.rules))
            for g in self.beyond
        ]
        if self.swedish_not_counted is not None:
            g = self.swedish_not_counted
            lines.append(MeritLine(g, values[g.grade], False, SWEDISH_ONCE_REASON))
        if self.seventeenth is not None:
            g = self.seventeenth
            lines.append(MeritLine(g, values[g.grade], True, SEVENTEENTH_REASON))
        return tuple(sorted(lines, key=lambda line: line.grade.key))

    @property
    def counted(self) -> tuple[MeritLine, ...]:
        return tuple(line for line in self.lines if line.counted)

    @property
    def not_counted(self) -> tuple[MeritLine, ...]:
        return tuple(line for line in self.lines if not line.counted)


def merit_value(
    grades: Iterable[SubjectGrade],
    *,
    rules: RuleSet,
    dancer: bool = False,
    skill_test: SkillTestResult | None = None,
) -> MeritValue:
    """The merit value of one grade set by `rules`; the order of `grades` does not matter.

    `dancer` marks an applicant from preparatory dance education with a reduced timetable.
    Raises ValueError if a subject or slot occurs twice.
    """
    given = tuple(grades)
    check_unique(given)
    values = rules.grade_values
    notes: list[str] = []
    pool: list[SubjectGrade] = []
    swedish: list[SubjectGrade] = []
    dashes: list[SubjectGrade] = []
    for grade in given:
        if grade.grade is Grade.DASH:
            dashes.append(grade)
        elif grade.slot is None and grade.subject in _SWEDISH_PAIR:
            swedish.append(grade)
        else:
            pool.append(grade)
    dropped = None
    if len(swedish) == 2:
        swedish.sort(key=lambda g: (-values[g.grade], g.subject))
        dropped = swedish.pop()
    pool += swedish
    seventeenth = _seventeenth(pool, rules)
    if seventeenth is not None:
        pool.remove(seventeenth)
    pool.sort(key=lambda g: (-values[g.grade], g.key))
    best = pool[: rules.best_count]
    best_sum = sum((values[g.grade] for g in best), Decimal(0))
    if dancer and rules.dancer_scaling and 0 < len(pool) < rules.best_count:
        scaled = best_sum * rules.best_count / len(pool)
        notes.append(
            f"Dansutbildning med reducerad timplan: summan {_sv(best_sum)} av {len(pool)} betyg "
            f"är uppräknad till {rules.best_count} betyg, {_sv(_round(scaled, rules))}."
        )
        best_sum = scaled
    grade_sum = best_sum + (values[seventeenth.grade] if seventeenth is not None else Decimal(0))
    grade_sum = _round(grade_sum, rules)
    test_points = Decimal(0)
    if skill_test is not None:
        test_points = skill_test.test.merit_points(skill_test.points)
        notes.append(f"Färdighetsprov: {_sv(test_points)} poäng läggs till.")
    return MeritValue(
        total=_round(grade_sum + test_points, rules),
        grade_sum=grade_sum,
        skill_test_points=test_points,
        grade_count=len(pool) + (seventeenth is not None),
        notes=tuple(notes),
        seventeenth=seventeenth,
        best=tuple(best),
        beyond=tuple(pool[rules.best_count :]),
        swedish_not_counted=dropped,
        dashes=tuple(sorted(dashes, key=lambda g: g.key)),
        rules=rules,
    )


def _seventeenth(pool: list[SubjectGrade], rules: RuleSet) -> SubjectGrade | None:
    slots = (
        (Slot.M2,) if rules.seventeenth_grade is SeventeenthGrade.M2_ONLY else (Slot.M2, Slot.EX1)
    )
    candidates = [g for g in pool if g.subject == MODERN_LANGUAGE and g.slot in slots]
    if not candidates:
        return None
    values = rules.grade_values
    return min(candidates, key=lambda g: (-values[g.grade], g.key))


def _not_best_reason(grade: SubjectGrade, rules: RuleSet) -> str:
    reason = f"Inte bland de {rules.best_count} bästa betygen."
    if grade.slot is not None:
        reason += " Bara moderna språk som språkval kan räknas som sjuttonde betyg."
    return reason


def _sv(amount: Decimal) -> str:
    """A decimal written the Swedish way, e.g. 262,5."""
    return format(amount.normalize(), "f").replace(".", ",")


def _round(amount: Decimal, rules: RuleSet) -> Decimal:
    """Round half up to the rule set's precision (domain §4.1 M10)."""
    return amount.quantize(rules.merit_quantum, rounding=ROUND_HALF_UP)
