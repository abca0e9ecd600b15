"""Skill-test (*färdighetsprov*) points added to the merit value of one offering (domain §4.2).

MTV = SBV + test points × multiplier (Indra, "Begrepp"). Each offering sets its own scale:
e.g. 1–20 points × 16, at most 320 (St Eriks gymnasium, ES bild och formgivning). An
applicant who has not taken the test gets no points and may still be eligible.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class SkillTest:
    """The scale of one offering's test: raw points in [0, max_points], then × multiplier."""

    multiplier: Decimal
    max_points: Decimal

    def merit_points(self, points: Decimal) -> Decimal:
        """The points added to the merit value; raise ValueError outside the scale."""
        if not Decimal(0) <= points <= self.max_points:
            raise ValueError(f"Provpoängen ska ligga mellan 0 och {self.max_points}.")
        return points * self.multiplier


@dataclass(frozen=True)
class SkillTestResult:
    """An applicant's raw points on an offering's test."""

    test: SkillTest
    points: Decimal
