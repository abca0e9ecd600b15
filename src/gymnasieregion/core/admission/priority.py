"""The priority order of applicants at an offering (domain §5.2-§5.4, GyF 7 kap 2-4 §§).

A merit-selected offering orders its eligible choice lines by

1. tier (fri kvot; in time and first-hand; in time and second-hand; late and first-hand;
   late and second-hand; the order is `Rules.tier_order`),
2. merit value, higher first,
3. the tie-break chain `Rules.tie_breaks`: choice rank (lower first), grade sum without
   test points (higher first), number of grades (more first), lottery number,
4. the applicant id, only so that the order stays strict when explicit lottery numbers tie.

A ranking-selected offering orders by the school's rank, lower first, then the applicant id.

Packed keys. The key of a line is that tuple of fields, each turned into a small
non-negative int where smaller means higher priority, and packed into one int, most
significant field first, each field in as many whole bytes as its largest value in the run
needs (`pack`).
Comparing two packed keys is then the same as comparing the tuples field by field, but the
sort and every later comparison compare plain ints instead of tuples of `Decimal`:

- tier: its position in `Rules.tier_order`;
- merit value, grade sum (`Decimal`): the value's *dense rank* among the values of the run
  (0 for the best, equal values equal ranks, so `Decimal("285")` and `Decimal("285.0")`
  stay equal);
- choice rank, number of grades, lottery number (ints): the distance from the best value
  of the run;
- applicant id: the line number. Lines are numbered in applicant-id order and an applicant
  has at most one line per offering, so at one offering line numbers are in id order; and
  the number identifies the line, which the engine reads back from the low bits.

Keys are only ever compared at the same offering.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import accumulate
from operator import attrgetter
from struct import Struct, calcsize

from gymnasieregion.core.admission.problem import (
    ChoiceLine,
    Hand,
    LotteryWinner,
    Round,
    Rules,
    TieBreak,
    Tier,
)

_BYTE_FORMATS = ((8, "B"), (16, "H"), (32, "I"), (64, "Q"))  # struct formats, big-endian
_MERIT = attrgetter("merit")
_GRADE_SUM = attrgetter("grade_sum")
_GRADE_COUNT = attrgetter("grade_count")


def tier_of(free_quota: bool, late: bool, second_hand: bool) -> Tier:
    """The tier of a choice line (domain §5.2); a line without hand counts as first-hand."""
    if free_quota:
        return Tier.FREE_QUOTA
    if late:
        return Tier.LATE_SECOND_HAND if second_hand else Tier.LATE_FIRST_HAND
    return Tier.IN_TIME_SECOND_HAND if second_hand else Tier.IN_TIME_FIRST_HAND


def dense_ranks(values: Iterable[Decimal], higher_is_better: bool) -> tuple[list[int], int]:
    """For each value its rank among the distinct values, 0 for the best (equal values tie),
    and the number of distinct values."""
    values = list(values)
    rank = {v: i for i, v in enumerate(sorted(set(values), reverse=higher_is_better))}
    return list(map(rank.__getitem__, values)), len(rank)


def offsets(values: Sequence[int], higher_is_better: bool) -> tuple[list[int], int]:
    """For each int its distance from the best value (0 for the best), and the number of
    possible distances. Cheaper than `dense_ranks` where the values are ints already."""
    if not values:
        return [], 1
    low, high = min(values), max(values)
    if higher_is_better:
        return [high - v for v in values], high - low + 1
    return [v - low for v in values], high - low + 1


def pack(columns: Sequence[Iterable[int]], widths: Sequence[int]) -> tuple[list[int], list[int]]:
    """Pack columns of non-negative ints into one int per row, the first column highest.

    `widths[i]` is the number of bits column i needs. Each field is given a whole number of
    bytes (1, 2, 4 or 8), so that `struct` and `int.from_bytes` do the packing in C; a field
    wider than 64 bits (only huge explicit lottery numbers could need one) makes every field
    exactly as wide as it needs and the packing is done with shifts. Returns the packed ints
    and the width each field got.
    """
    formats = [next((f for bits, f in _BYTE_FORMATS if width <= bits), "") for width in widths]
    if all(formats):
        packer = Struct(">" + "".join(formats))
        # int.from_bytes reads big-endian by default (Python 3.11)
        packed = list(map(int.from_bytes, map(packer.pack, *columns)))
        return packed, [calcsize(f) * 8 for f in formats]
    packed = []
    for i, (column, width) in enumerate(zip(columns, widths, strict=True)):
        packed = (
            list(column)
            if i == 0
            else [p << width | v for p, v in zip(packed, column, strict=True)]
        )
    return packed, list(widths)


class PriorityOrder:
    """The packed priority keys of every choice line of one run.

    `lines[n]`, `ranks[n]` and `lotteries[n]` describe line n; lines are numbered in
    applicant-id order. `tiers[n]` and `merit_keys[n]` are the line's tier and key at a
    merit-selected offering; `ranking_key` gives the key at a ranking-selected one.
    """

    def __init__(
        self,
        rules: Rules,
        round_: Round,
        lines: Sequence[ChoiceLine],
        ranks: Sequence[int],
        lotteries: Sequence[int],
    ) -> None:
        # The tier by (fri kvot, late, second-hand) as a number 0-7; fri kvot is not used
        # in the preliminary round (domain §5.2).
        uses_free_quota = round_ is not Round.PRELIMINARY
        tier_by_code = [
            tier_of(fq and uses_free_quota, late, second)
            for fq in (False, True)
            for late in (False, True)
            for second in (False, True)
        ]
        second_hand = Hand.SECOND
        codes = [line.free_quota * 4 + line.late * 2 + (line.hand is second_hand) for line in lines]
        self.tiers = list(map(tier_by_code.__getitem__, codes))
        position = [rules.tier_order.index(tier) for tier in tier_by_code]

        # The fields, most significant first, each with its number of possible values.
        fields: list[tuple[Iterable[int], int]] = [
            (map(position.__getitem__, codes), len(rules.tier_order)),
            dense_ranks(map(_MERIT, lines), True),
            *(self._tie_field(step, rules, lines, ranks, lotteries) for step in rules.tie_breaks),
            (range(len(lines)), len(lines)),
        ]
        self.merit_keys, widths = pack(
            [column for column, _ in fields], [(values - 1).bit_length() for _, values in fields]
        )
        shifts = list(accumulate(reversed(widths[1:]), initial=0))[::-1]
        self.line_bits = widths[-1]
        self._merit_shift = shifts[1]
        self._tie_shifts = tuple(zip(rules.tie_breaks, shifts[2:], strict=False))

    @staticmethod
    def _tie_field(
        step: TieBreak,
        rules: Rules,
        lines: Sequence[ChoiceLine],
        ranks: Sequence[int],
        lotteries: Sequence[int],
    ) -> tuple[Iterable[int], int]:
        """One step of the tie-break chain as a field of small ints, smaller first."""
        if step is TieBreak.CHOICE_RANK:
            return offsets(ranks, False)
        if step is TieBreak.GRADE_SUM:
            return dense_ranks(map(_GRADE_SUM, lines), True)
        if step is TieBreak.GRADE_COUNT:
            return offsets(list(map(_GRADE_COUNT, lines)), True)
        return offsets(lotteries, rules.lottery_winner is LotteryWinner.HIGHER)

    def ranking_key(self, number: int, school_rank: int) -> int:
        """The key of line `number` at a ranking-selected offering."""
        return school_rank << self.line_bits | number

    def deciding_step(self, admitted: int, rejected: int) -> TieBreak | None:
        """The tie-break step that put `admitted` before `rejected`, or None if tier or merit did.

        Both keys must be merit keys of lines at the same offering.
        """
        if admitted >> self._merit_shift != rejected >> self._merit_shift:
            return None
        for step, shift in self._tie_shifts:
            if admitted >> shift != rejected >> shift:
                return step
        return TieBreak.LOTTERY  # equal lottery numbers: the applicant id decided, see module doc
