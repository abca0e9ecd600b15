"""Packed priority keys order lines exactly as the tuples of their fields (priority.py)."""

from __future__ import annotations

import random
from dataclasses import replace
from itertools import pairwise

import pytest

from gymnasieregion.core.admission.engine import solve
from gymnasieregion.core.admission.generator import generate_problem
from gymnasieregion.core.admission.priority import pack
from gymnasieregion.core.admission.problem import LotteryScope
from gymnasieregion.core.admission.verifier import verify


@pytest.mark.parametrize("widest", [1, 8, 9, 53, 64, 65, 200])
def test_packed_rows_compare_like_their_tuples(widest: int) -> None:
    rng = random.Random(widest)
    widths = [3, 10, widest, 5, 17]
    rows = [tuple(rng.randrange(1 << w) for w in widths) for _ in range(500)]
    rows += rows[:50]  # equal rows pack equal
    packed, used = pack([list(column) for column in zip(*rows, strict=True)], widths)
    assert all(u >= w for u, w in zip(used, widths, strict=True))
    by_tuple = sorted(range(len(rows)), key=rows.__getitem__)
    assert sorted(range(len(rows)), key=packed.__getitem__) == by_tuple
    assert all((packed[i] == packed[j]) == (rows[i] == rows[j]) for i, j in pairwise(by_tuple))


def test_lottery_numbers_wider_than_64_bits_still_order_correctly() -> None:
    # a problem built in code (the file format caps lottery numbers at 53 bits)
    problem = generate_problem(applicants=300, offerings=12, seed=11)
    rng = random.Random(3)
    huge = tuple(replace(a, lottery=rng.randrange(1 << 70)) for a in problem.applicants)
    problem = replace(problem, applicants=huge)
    assert problem.rules.lottery_scope is LotteryScope.APPLICANT
    assert verify(problem, solve(problem)) == ()
