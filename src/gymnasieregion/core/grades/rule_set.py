"""The rules of one admission year: grade values, merit formula, eligibility and catalogue.

A reform (e.g. the 1–10 grade scale proposed in SOU 2025:18) is a new `RuleSet` for the
year it takes effect; earlier years keep theirs, so old results compute as they did. The
`version` is recorded with every admission run. Settings tagged `[C]` in the domain
specification are fields here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType

from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.grade import Grade
from gymnasieregion.core.grades.programmes import PROGRAMMES_FROM_2025, Programme
from gymnasieregion.core.grades.subjects import (
    ENGLISH,
    MATHEMATICS,
    SWEDISH,
    SWEDISH_SECOND_LANGUAGE,
)


class SeventeenthGrade(StrEnum):
    """Which language grade may be the seventeenth grade (domain §4.4 case 1) [C]."""

    M2_ONLY = "m2-only"  # moderna språk in slot M2 only; EX1 competes among the sixteen
    BEST_MODERN_LANGUAGE = "best-modern-language"  # the better of moderna språk in M2 or EX1


@dataclass(frozen=True, eq=False)
class RuleSet:
    """Everything that decides merit value and eligibility in one admission year.

    A rule set is equal only to itself (`eq=False`), so results may be cached per rule set.
    """

    year: int
    version: str
    # Merit value, GyF 7 kap 4 §.
    grade_values: Mapping[Grade, Decimal]
    best_count: int
    seventeenth_grade: SeventeenthGrade
    dancer_scaling: bool
    merit_quantum: Decimal
    # Eligibility, SL 16 kap 29–32 §§ and 17 kap 11 §.
    vocational_other_passed: int
    preparatory_other_passed: int
    imv_passed: int
    english_waiver_rounds: frozenset[Round]
    # The age limit: start by the spring term of the year the applicant turns `age_limit`.
    age_limit: int
    last_spring_month: int
    # Språkintroduktion: from the year the applicant turns `ims_youngest`; a residence
    # permit is needed from age `ims_permit_age`.
    ims_youngest: int
    ims_permit_age: int
    programmes: tuple[Programme, ...]

    @cached_property
    def named_subjects(self) -> frozenset[str]:
        """The core subjects and every subject a programme names."""
        named = frozenset({SWEDISH, SWEDISH_SECOND_LANGUAGE, ENGLISH, MATHEMATICS})
        return named.union(*(p.required_subjects for p in self.programmes))

    @cached_property
    def highest_pass_count(self) -> int:
        """The most passes any eligibility rule counts."""
        return max(self.vocational_other_passed, self.preparatory_other_passed, self.imv_passed)

    def programme(self, code: str) -> Programme:
        """The programme with `code`; raise KeyError with a Swedish message if unknown."""
        for programme in self.programmes:
            if programme.code == code:
                return programme
        raise KeyError(f"Programkoden {code!r} finns inte antagningsåret {self.year}.")


RULES_2026 = RuleSet(
    year=2026,
    version="2026.1",
    grade_values=MappingProxyType(
        {
            Grade.A: Decimal(20),
            Grade.B: Decimal("17.5"),
            Grade.C: Decimal(15),
            Grade.D: Decimal("12.5"),
            Grade.E: Decimal(10),
            Grade.F: Decimal(0),
            Grade.DASH: Decimal(0),
        }
    ),
    best_count=16,
    seventeenth_grade=SeventeenthGrade.M2_ONLY,
    dancer_scaling=True,
    merit_quantum=Decimal("0.01"),
    vocational_other_passed=5,
    preparatory_other_passed=9,
    imv_passed=6,
    english_waiver_rounds=frozenset({Round.FINAL, Round.RESERVE}),
    age_limit=20,
    last_spring_month=6,
    ims_youngest=16,
    ims_permit_age=18,
    programmes=PROGRAMMES_FROM_2025,
)

DEFAULT_YEAR = 2026
RULE_SETS: Mapping[int, RuleSet] = MappingProxyType({2026: RULES_2026})


def rule_set_by_version(version: str) -> RuleSet:
    """The rule set with `version` (an admission year records it); KeyError if none."""
    for rules in RULE_SETS.values():
        if rules.version == version:
            return rules
    known = ", ".join(sorted(r.version for r in RULE_SETS.values()))
    raise KeyError(f"Regelversionen {version!r} finns inte. Kända versioner: {known}.")


def rule_set(year: int = DEFAULT_YEAR) -> RuleSet:
    """The rule set of an admission year; raise KeyError if none is defined."""
    try:
        return RULE_SETS[year]
    except KeyError:
        raise KeyError(f"Det finns inga regler för antagningsåret {year}.") from None
