"""Regression: runs where every priority field but the line number is zero."""

from decimal import Decimal

import pytest

from gymnasieregion.core.admission.engine import solve
from gymnasieregion.core.admission.problem import (
    Applicant,
    ChoiceLine,
    Offering,
    Problem,
    Round,
    Rules,
)
from gymnasieregion.core.admission.verifier import verify


@pytest.mark.parametrize("free_quota", [True, False])
def test_one_applicant_with_one_line_is_admitted(free_quota: bool) -> None:
    line = ChoiceLine(
        offering="1",
        merit=Decimal(280),
        grade_sum=Decimal(280),
        grade_count=16,
        free_quota=free_quota,
    )
    problem = Problem(
        round=Round.FINAL,
        rules=Rules(version="2026.1", seed="s"),
        offerings=(Offering(id="1", capacity=1),),
        applicants=(Applicant(id="7", choices=(line,)),),
    )
    result = solve(problem)
    assert result.applicants[0].placement == "1"
    assert verify(problem, result) == ()
