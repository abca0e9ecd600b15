"""The priority order of applicants at an offering (domain §5.2-§5.4, GyF 7 kap 2-4 §§).

A merit-selected offering orders its eligible choice lines by

1. tier (fri kvot; in time and first-hand; in time and second-hand; late and first-hand;
   late and second-hand; the order is `Rules.tier_order`),
2. merit value, higher first,
3. the tie-break chain `Rules.tie_breaks`: choice rank (lower first), grade sum without
   test points (higher first), number of grades (more first), lottery number,
4. the applicant id (as its index in id order), only so that the order stays strict
   when explicit lottery numbers tie.

A ranking-selected offering orders by the school's rank, lower first. Keys are tuples:
the smaller key has the higher priority.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from operator import itemgetter
from typing import TypeAlias

from gymnasieregion.core.admission.problem import (
    ChoiceLine,
    Hand,
    LotteryWinner,
    Round,
    Rules,
    TieBreak,
    Tier,
)

PriorityKey: TypeAlias = tuple[int | Decimal, ...]
TieValues: TypeAlias = tuple[int | Decimal, ...]

_TIE_BREAK_SLOTS = {
    TieBreak.CHOICE_RANK: 0,
    TieBreak.GRADE_SUM: 1,
    TieBreak.GRADE_COUNT: 2,
    TieBreak.LOTTERY: 3,
}
_MERIT_PREFIX = 2  # key = (tier position, -merit, *tie-break values, applicant id)


_SECOND = Hand.SECOND


def tier_of(free_quota: bool, late: bool, second_hand: bool) -> Tier:
    """The tier of a choice line (domain §5.2); a line without hand counts as first-hand."""
    if free_quota:
        return Tier.FREE_QUOTA
    if late:
        return Tier.LATE_SECOND_HAND if second_hand else Tier.LATE_FIRST_HAND
    return Tier.IN_TIME_SECOND_HAND if second_hand else Tier.IN_TIME_FIRST_HAND


class PriorityOrder:
    """Builds priority keys under one rule set and round."""

    def __init__(self, rules: Rules, round_: Round) -> None:
        self._rules = rules
        position = {tier: i for i, tier in enumerate(rules.tier_order)}
        # fri kvot is not used in the preliminary round (domain §5.2)
        uses_free_quota = round_ is not Round.PRELIMINARY
        self._tiers = tuple(
            tuple(
                tuple(
                    (position[tier], tier)
                    for tier in (tier_of(fq and uses_free_quota, late, s) for s in (False, True))
                )
                for late in (False, True)
            )
            for fq in (False, True)
        )
        self._lottery_sign = -1 if rules.lottery_winner is LotteryWinner.HIGHER else 1
        self._pick = _picker([_TIE_BREAK_SLOTS[step] for step in rules.tie_breaks])

    def merit_key(
        self, applicant: int, rank: int, line: ChoiceLine, lottery: int
    ) -> tuple[PriorityKey, Tier]:
        """The key of a line at a merit-selected offering, and its tier.

        `applicant` is the applicant's index in id order, which stands for the id.
        """
        position, tier = self._tiers[line.free_quota][line.late][line.hand is _SECOND]
        values = (rank, -line.grade_sum, -line.grade_count, self._lottery_sign * lottery)
        key: PriorityKey = (
            position,
            -line.merit,
            *self._pick(values),
            applicant,
        )
        return key, tier

    def deciding_step(self, admitted: PriorityKey, rejected: PriorityKey) -> TieBreak | None:
        """The tie-break step that put `admitted` before `rejected`, or None if tier or merit did.

        Both keys must come from `merit_key` at the same offering.
        """
        if admitted[:_MERIT_PREFIX] != rejected[:_MERIT_PREFIX]:
            return None
        for i, step in enumerate(self._rules.tie_breaks, start=_MERIT_PREFIX):
            if admitted[i] != rejected[i]:
                return step
        return TieBreak.LOTTERY  # equal lottery numbers: the applicant id decided, see module doc


def ranking_key(applicant: int, school_rank: int) -> PriorityKey:
    """The key of a line at a ranking-selected offering."""
    return (school_rank, applicant)


def _picker(slots: list[int]) -> Callable[[TieValues], TieValues]:
    """Select the tie-break values in chain order (itemgetter returns a bare value for one)."""
    if len(slots) == 1:
        slot = slots[0]
        return lambda values: (values[slot],)
    pick: Callable[[TieValues], TieValues] = itemgetter(*slots)
    return pick
