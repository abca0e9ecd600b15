"""Synthetic admission problems shaped like a Swedish region, for benchmarks and smoke tests.

A region (Storsthlm: about 30,000 applicants and 2,000 offerings, domain §9) or the whole
country (130,000 applicants, 5,000 offerings): seats about 1.1 times the applicants, 1-8
choices per applicant with skewed popularity, merit values in steps of 2.5 so that ties are
common, some late and second-hand lines, a few skill-test offerings, a few offerings that
select by the school's ranking, and a little fri kvot. The same arguments always give the
same problem.
"""

from __future__ import annotations

import random
from decimal import Decimal
from itertools import accumulate

from gymnasieregion.core.admission.problem import (
    Applicant,
    ChoiceLine,
    Hand,
    Offering,
    Problem,
    Round,
    Rules,
    Selection,
)

_CHOICE_COUNT_WEIGHTS = (8, 12, 18, 20, 16, 11, 8, 7)  # 1..8 choices
_STEP = Decimal("2.5")


def generate_problem(
    applicants: int = 30_000, offerings: int = 2_000, seed: int = 2026, round_: Round = Round.FINAL
) -> Problem:
    """A deterministic region-shaped problem."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    seats_per_offering = 1.1 * applicants / offerings
    kinds = [_offering_kind(rng) for _ in range(offerings)]
    offering_list = tuple(
        Offering(
            id=f"U{i:05d}",
            capacity=max(1, round(rng.gauss(seats_per_offering, seats_per_offering / 3))),
            minimum_size=rng.choice((0, 0, 0, 8, 12)),
            selection=Selection.RANKING if kind == "ranking" else Selection.MERIT,
        )
        for i, kind in enumerate(kinds)
    )
    popularity = [1 / (i + 1) ** 0.8 for i in range(offerings)]
    rng.shuffle(popularity)
    cumulative = list(accumulate(popularity))
    counts = list(range(1, len(_CHOICE_COUNT_WEIGHTS) + 1))
    free_quota_left = {o.id: max(0, o.capacity // 10) for o in offering_list}
    next_rank = dict.fromkeys((o.id for o in offering_list), 1)
    people = []
    for a in range(applicants):
        grade_sum = _merit(rng.gauss(225, 55))
        wanted = rng.choices(counts, weights=_CHOICE_COUNT_WEIGHTS)[0]
        picked: list[int] = []
        while len(picked) < min(wanted, offerings):
            o = rng.choices(range(offerings), cum_weights=cumulative)[0]
            if o not in picked:
                picked.append(o)
        lines = []
        for o in picked:
            offering, kind = offering_list[o], kinds[o]
            merit = grade_sum + 16 * rng.randint(1, 20) if kind == "skill_test" else grade_sum
            eligible = rng.random() < 0.94
            free_quota = (
                kind != "ranking"
                and eligible
                and free_quota_left[offering.id] > 0
                and rng.random() < 0.002
            )
            if free_quota:
                free_quota_left[offering.id] -= 1
            school_rank = None
            if kind == "ranking" and rng.random() < 0.8:
                school_rank = next_rank[offering.id]
                next_rank[offering.id] += 1
            lines.append(
                ChoiceLine(
                    offering=offering.id,
                    merit=merit,
                    grade_sum=grade_sum,
                    grade_count=rng.choice((16, 16, 16, 17, 17, 15, 12)),
                    eligible=eligible,
                    hand=_hand(rng, kind),
                    late=rng.random() < 0.03,
                    free_quota=free_quota,
                    school_rank=school_rank,
                )
            )
        people.append(Applicant(id=f"S{a:06d}", choices=tuple(lines)))
    rules = Rules(version="generated-v1", seed=f"generated-{seed}")
    return Problem(round=round_, rules=rules, offerings=offering_list, applicants=tuple(people))


def _offering_kind(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.02:
        return "skill_test"
    if draw < 0.03:
        return "ranking"
    if draw < 0.30:
        return "independent"
    return "municipal"


def _hand(rng: random.Random, kind: str) -> Hand:
    if kind in ("independent", "ranking"):
        return Hand.NONE
    return Hand.SECOND if rng.random() < 0.05 else Hand.FIRST


def _merit(value: float) -> Decimal:
    steps = min(136, max(0, round(value / 2.5)))  # 0..340 in steps of 2.5
    return steps * _STEP
