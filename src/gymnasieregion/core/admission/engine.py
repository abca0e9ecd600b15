"""One admission run: from a `Problem` to a `Result` (domain §5.6 reference algorithm).

0. Lines that cannot compete get their status at once: the offering is cancelled (startar
   ej), the applicant declined it or gave up staying reserve, is not eligible, was not
   ranked by a ranking-selected school, or (reserve round) the line is below the secured
   place.
1. Every other line gets a priority key at its offering (`priority.py`); a secured place
   kept in a reserve round comes first at its offering (`reserve.py`). Fri kvot is the
   first tier, so those seats are taken before merit selection (GyF 7 kap 3 §).
2. Applicant-proposing deferred acceptance places everyone (`deferred_acceptance.py`).
3. The placed line is admitted, lines ranked below it are struck, lines ranked above it
   are reserve; reserve positions follow the offering's priority order (domain §5.5). Only
   admitted and reserve lines are sorted into that order; struck lines need no place in it.
4. Figures per offering: counts, cut-off, median, "alla behöriga antagna", and whether the
   offering is below its minimum size (the organiser decides on cancelling and re-runs).
5. Every line gets a reason and a Swedish sentence (`explanation.py`).

For speed (ADR 0101 §7) a run keeps its choice lines in flat lists indexed by a line number,
lines numbered in applicant-id order; priority keys are packed ints (`priority.py`); and
each step works through whole lists, offering by offering or applicant by applicant, rather
than calling a function per line.
"""

from __future__ import annotations

import gc
import threading
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from itertools import accumulate, chain, compress, count, pairwise, repeat
from operator import attrgetter, is_, is_not
from typing import cast

from gymnasieregion.core.admission import explanation
from gymnasieregion.core.admission.cutoffs import cutoff, median_merit
from gymnasieregion.core.admission.deferred_acceptance import Matching, deferred_acceptance
from gymnasieregion.core.admission.lottery import line_lotteries
from gymnasieregion.core.admission.outcome import (
    ApplicantOutcome,
    ChoiceOutcome,
    OfferingOutcome,
    Reason,
    Result,
    Status,
)
from gymnasieregion.core.admission.priority import PriorityOrder
from gymnasieregion.core.admission.problem import (
    Applicant,
    ChoiceLine,
    Offering,
    Problem,
    Round,
    Selection,
    Tier,
)
from gymnasieregion.core.admission.reserve import FREE_MOVEMENT, Movement, movement

ENGINE_VERSION = "1.0.0"

_ADMITTED_MERIT = Reason.ADMITTED_MERIT
_ZERO = Decimal(0)
_FIXED_STATUS = {
    Reason.CANCELLED: Status.CANCELLED,
    Reason.DECLINED_PLACE: Status.DECLINED,
    Reason.DECLINED_RESERVE: Status.DECLINED,
    Reason.NOT_ELIGIBLE: Status.NOT_ELIGIBLE,
    Reason.NOT_OFFERED: Status.NOT_OFFERED,
    Reason.STRUCK_BELOW_SECURED: Status.STRUCK,
}
_FIXED = tuple(r for r in _FIXED_STATUS if r is not Reason.STRUCK_BELOW_SECURED)
_ID = attrgetter("id")
_CHOICES = attrgetter("choices")
_OFFERING = attrgetter("offering")
# build the named tuples from tuples of their fields without their Python-level __new__
_choice_outcome = cast("type[ChoiceOutcome]", partial(tuple.__new__, ChoiceOutcome))
_applicant_outcome = cast("type[ApplicantOutcome]", partial(tuple.__new__, ApplicantOutcome))


@dataclass(frozen=True, slots=True)
class Market:
    """Steps 0 and 1: the lines of a run in flat lists indexed by line number.

    Applicant a (in id order) has lines `first_line[a]` to `first_line[a + 1] - 1`, best
    first; of those, the ones that compete are `competing[start[a]:start[a + 1]]`.
    `priority_at[i]` is the priority of line `competing[i]` at its offering as one int
    (smaller is higher): the offering index from bit `offering_shift` up, so that sorting
    groups offerings in id order, then the priority, then in the lowest bits (`line_mask`)
    the line number.
    """

    offerings: list[Offering]
    applicants: list[Applicant]
    first_line: list[int]
    lines: list[ChoiceLine]
    ranks: list[int]
    offering_of: list[int]
    lottery_of: list[int]
    movements: list[Movement]
    fixed: list[Reason | None]  # why the line does not compete, None if it does
    tier_of: list[Tier | None]  # None where the line does not compete on merit
    key_of: list[int]  # the priority key (without the kept-place bonus) of a competing line
    priority: PriorityOrder
    competing: list[int]
    start: list[int]
    priority_at: list[int]
    kept: set[int]  # the lines of secured places kept in a reserve round
    offering_shift: int
    line_mask: int

    def line_numbers(self, priorities: list[int]) -> list[int]:
        """The line of each priority."""
        mask = self.line_mask
        return [p & mask for p in priorities]

    def offering_starts(self, sorted_priorities: list[int]) -> list[int]:
        """Where each offering's part of sorted priorities begins, and where the last ends."""
        shift = self.offering_shift
        starts = [bisect_left(sorted_priorities, o << shift) for o in range(len(self.offerings))]
        starts.append(len(sorted_priorities))
        return starts


def solve(problem: Problem) -> Result:
    """Run the round described by `problem`; the problem must come from `parse_problem`."""
    with _COLLECTOR_PAUSED:
        market = build_market(problem)
        matching = deferred_acceptance(
            market.start,
            [market.offering_of[n] for n in market.competing],
            market.priority_at,
            [o.capacity for o in market.offerings],
        )
        return _result(problem.round, market, matching)


class _CollectorPause:
    """Pauses CPython's cyclic garbage collector while runs are in progress.

    A run creates about one tuple per choice line for its result (130,000 in a region)
    and no reference cycles; reference counting frees all it throws away. With the
    collector running, those allocations set off full collections that walk every object
    of the problem and of the result built so far: measured on the region benchmark, two
    full collections and 0.3-0.5 s of a run. Paused, the collector looks at the result
    once when it resumes. Runs in several threads share one pause: the collector resumes
    when the last of them ends, and only if it was enabled when the first began.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._runs = 0
        self._resume = False

    def __enter__(self) -> None:
        with self._lock:
            if self._runs == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._runs += 1

    def __exit__(self, *_: object) -> None:
        with self._lock:
            self._runs -= 1
            if self._runs == 0 and self._resume:
                gc.enable()


_COLLECTOR_PAUSED = _CollectorPause()


def build_market(problem: Problem) -> Market:
    """Steps 0 and 1: fixed statuses, priority keys and every offering's priority order."""
    rules, round_ = problem.rules, problem.round
    offerings = sorted(problem.offerings, key=_ID)
    applicants = sorted(problem.applicants, key=_ID)
    offering_index = {o.id: i for i, o in enumerate(offerings)}
    choices = list(map(_CHOICES, applicants))
    first_line = [0, *accumulate(map(len, choices))]
    lines = list(chain.from_iterable(choices))
    ranks = list(chain.from_iterable(range(1, len(mine) + 1) for mine in choices))
    offering_of = list(map(offering_index.__getitem__, map(_OFFERING, lines)))
    lottery_of = line_lotteries(rules, applicants)
    movements = [FREE_MOVEMENT] * len(applicants)
    if round_ is Round.RESERVE:
        movements = [movement(applicant, round_) for applicant in applicants]

    # Step 0: lines that do not compete, and why.
    cancelled = [o.cancelled for o in offerings]
    ranked = [o.selection is Selection.RANKING for o in offerings]
    blocked = [c or r for c, r in zip(cancelled, ranked, strict=True)]
    allowed_of = chain.from_iterable(map(repeat, movements, map(len, choices)))
    fixed = [
        _fixed_reason(line, cancelled[o], ranked[o], rank, allowed)
        if blocked[o] or line.declined or not line.eligible or allowed.floor
        else None
        for line, o, rank, allowed in zip(lines, offering_of, ranks, allowed_of, strict=True)
    ]
    competing = list(compress(count(), map(is_, fixed, repeat(None))))
    competing_before = [0, *accumulate(map(is_, fixed, repeat(None)))]
    start = [competing_before[first] for first in first_line]

    # Step 1: priority keys; a kept secured place goes first at its offering (FL 37 §).
    priority = PriorityOrder(rules, round_, lines, ranks, lottery_of)
    key_of = priority.merit_keys
    tier_of: list[Tier | None] = list(priority.tiers)
    for n in compress(count(), map(is_not, fixed, repeat(None))):
        tier_of[n] = None
    for n in competing:
        if ranked[offering_of[n]]:
            school_rank = lines[n].school_rank
            assert school_rank is not None
            key_of[n], tier_of[n] = priority.ranking_key(n, school_rank), None
    kept = {
        first_line[a] + m.held_rank - 1 for a, m in enumerate(movements) if m.held_rank is not None
    }
    # The priority of a line at its offering, as one int: the offering, then "not a kept
    # place", then the key, whose low bits are the line number.
    # At least the line field's width: with every higher field zero (one fri kvot line) the
    # largest key is small, and the flag must still sit above the line number.
    key_bits = max(max([key_of[n] for n in competing], default=0).bit_length(), priority.line_bits)
    not_kept = 1 << key_bits
    offering_shift = key_bits + 1
    priority_at = [
        offering_of[n] << offering_shift | (key_of[n] if n in kept else not_kept | key_of[n])
        for n in competing
    ]
    return Market(
        offerings=offerings,
        applicants=applicants,
        first_line=first_line,
        lines=lines,
        ranks=ranks,
        offering_of=offering_of,
        lottery_of=lottery_of,
        movements=movements,
        fixed=fixed,
        tier_of=tier_of,
        key_of=key_of,
        priority=priority,
        competing=competing,
        start=start,
        priority_at=priority_at,
        kept=kept,
        offering_shift=offering_shift,
        line_mask=(1 << priority.line_bits) - 1,
    )


def _fixed_reason(
    line: ChoiceLine, cancelled: bool, ranked: bool, rank: int, allowed: Movement
) -> Reason | None:
    """Step 0: the reason a line does not compete, or None if it does."""
    if cancelled:
        return Reason.CANCELLED
    if rank == allowed.held_rank:
        return None  # a kept secured place is a favourable decision; it stays (FL 37 §)
    if line.declined or rank == allowed.floor:
        return Reason.DECLINED_PLACE
    if not line.eligible:
        return Reason.NOT_ELIGIBLE
    if ranked and line.school_rank is None:
        return Reason.NOT_OFFERED
    if allowed.floor is not None and rank > allowed.floor:
        return Reason.STRUCK_BELOW_SECURED
    if allowed.gave_up_reserve:
        return Reason.DECLINED_RESERVE
    return None


@dataclass(frozen=True, slots=True)
class _Selection:
    """Steps 3 and 4 at one offering: its admitted and reserve lines in priority order, and
    the last place outside fri kvot (-1 if none)."""

    admitted: list[int]
    reserves: list[int]
    by_merit: list[int]  # the admitted outside fri kvot, at a merit-selected offering
    last: int


def _result(round_: Round, market: Market, matching: Matching) -> Result:
    """Steps 3 to 5: statuses, reserve positions, figures and explanations."""
    lines, tier_of, key_of = market.lines, market.tier_of, market.key_of
    admitted_, reserve_, free_quota = Status.ADMITTED, Status.RESERVE, Tier.FREE_QUOTA

    # Step 3: admitted, reserve and struck; reserve positions in priority order. Only the
    # admitted and reserve lines are sorted into their offerings' priority order.
    competing, start, priority_at = market.competing, market.start, market.priority_at
    placed_line: list[int] = []
    admitted_priorities: list[int] = []
    reserve_priorities: list[int] = []
    for a, i in enumerate(matching.placement):
        if i == -1:
            placed_line.append(-1)
            reserve_priorities += priority_at[start[a] : start[a + 1]]
        else:
            placed_line.append(competing[i])
            admitted_priorities.append(priority_at[i])
            reserve_priorities += priority_at[start[a] : i]
    admitted_priorities.sort()
    reserve_priorities.sort()
    admitted_lines = market.line_numbers(admitted_priorities)
    reserve_lines = market.line_numbers(reserve_priorities)
    admitted_start = market.offering_starts(admitted_priorities)
    reserve_start = market.offering_starts(reserve_priorities)
    struck = Status.STRUCK
    status_of = [struck if r is None else _FIXED_STATUS[r] for r in market.fixed]
    for n in admitted_lines:
        status_of[n] = admitted_
    for n in reserve_lines:
        status_of[n] = reserve_
    reserve_position_of: list[int | None] = [None] * len(lines)
    selections = []
    for o in range(len(market.offerings)):
        admitted = admitted_lines[admitted_start[o] : admitted_start[o + 1]]
        reserves = reserve_lines[reserve_start[o] : reserve_start[o + 1]]
        for position, n in enumerate(reserves, 1):
            reserve_position_of[n] = position
        by_merit = [n for n in admitted if tier_of[n] is not None and tier_of[n] is not free_quota]
        # in priority order, so the last has the largest key unless kept places came first
        last = by_merit[-1] if by_merit else -1
        if market.kept and by_merit:
            last = max(by_merit, key=key_of.__getitem__)
        selections.append(_Selection(admitted, reserves, by_merit, last))

    # Step 4: figures per offering.
    figures = [
        _figures(market, offering, selection)
        for offering, selection in zip(market.offerings, selections, strict=True)
    ]

    # Step 5: reasons and sentences, for every line.
    reason_of, sentence_of = _explanations(
        round_, market, placed_line, status_of, reserve_position_of, selections
    )
    choices = list(
        map(
            _choice_outcome,
            zip(
                map(_OFFERING, lines),
                market.ranks,
                status_of,
                reserve_position_of,
                tier_of,
                market.lottery_of,
                reason_of,
                sentence_of,
                strict=True,
            ),
        )
    )
    first_line = market.first_line
    applicant_outcomes = tuple(
        map(
            _applicant_outcome,
            zip(
                map(_ID, market.applicants),
                [None if n == -1 else lines[n].offering for n in placed_line],
                [
                    tuple(choices[first_line[a] : first_line[a + 1]])
                    for a in range(len(placed_line))
                ],
                strict=True,
            ),
        )
    )
    return Result(
        round=round_,
        applicants=applicant_outcomes,
        offerings=tuple(figures),
        proposals=matching.proposals,
    )


def _figures(market: Market, offering: Offering, selection: _Selection) -> OfferingOutcome:
    """Step 4: counts, cut-off against the best reserve, median and minimum size."""
    tier_of, key_of, lines = market.tier_of, market.key_of, market.lines
    admitted, reserves, last = selection.admitted, selection.reserves, selection.last
    cut = None
    if last != -1 and reserves:
        last_tier = tier_of[last]
        assert last_tier is not None
        cut = cutoff(
            market.priority, key_of[last], last_tier, lines[last].merit, key_of[reserves[0]]
        )
    free_quota = Tier.FREE_QUOTA
    return OfferingOutcome(
        offering=offering.id,
        capacity=offering.capacity,
        cancelled=offering.cancelled,
        admitted=len(admitted),
        free_quota_admitted=sum(1 for n in admitted if tier_of[n] is free_quota),
        reserves=len(reserves),
        cutoff=cut,
        median_admitted_merit=median_merit([lines[n].merit for n in selection.by_merit]),
        all_eligible_admitted=not reserves,
        below_minimum_size=not offering.cancelled and len(admitted) < offering.minimum_size,
    )


def _explanations(
    round_: Round,
    market: Market,
    placed_line: list[int],
    status_of: list[Status],
    reserve_position_of: list[int | None],
    selections: list[_Selection],
) -> tuple[list[Reason], list[str]]:
    """Step 5: the reason and Swedish sentence of every line (FL 32 §, domain §10 R4).

    One pass over the lines in order (which keeps memory access sequential). A line that
    did not compete has its fixed sentence; a struck line names the placement; a reserve is
    explained against the last place outside fri kvot at its offering: seats held from an
    earlier round, a better tier, a higher merit value, or the tie-break step that decided.
    """
    lines, tier_of, key_of, fixed = market.lines, market.tier_of, market.key_of, market.fixed
    offering_of, first_line, kept = market.offering_of, market.first_line, market.kept
    fixed_text: dict[Reason, str] = {r: explanation.fixed_sentence(r) for r in _FIXED}
    # the sentence of a struck line, per applicant, repeated for each of their lines
    longest = max(map(len, map(_CHOICES, market.applicants)), default=0)
    struck_text = [explanation.struck_below_placement(rank) for rank in range(longest + 1)]
    struck_of_applicant = [
        "" if placed == -1 else struck_text[placed - first + 1]
        for placed, first in zip(placed_line, first_line, strict=False)
    ]
    lines_of_applicant = [after - first for first, after in pairwise(first_line)]
    struck_of = chain.from_iterable(map(repeat, struck_of_applicant, lines_of_applicant))
    # per offering, the last place outside fri kvot (-1 if none): its key, tier and merit
    last_of = [selection.last for selection in selections]
    last_key_of = [key_of[last] if last != -1 else 0 for last in last_of]
    last_tier_of = [tier_of[last] if last != -1 else None for last in last_of]
    last_merit_of = [lines[last].merit if last != -1 else _ZERO for last in last_of]
    last_text_of = list(map(explanation.swedish_decimal, last_merit_of))
    struck, reserve = Status.STRUCK, Status.RESERVE
    free_quota, below_secured = Tier.FREE_QUOTA, Reason.STRUCK_BELOW_SECURED
    struck_reason, lower_merit_reason = Reason.STRUCK_BELOW_PLACEMENT, Reason.RESERVE_LOWER_MERIT
    decimal, lower_merit = explanation.swedish_decimal, explanation.reserve_lower_merit_text
    admitted_merit = explanation.admitted_merit
    reasons: list[Reason] = []
    sentences: list[str] = []
    for n, status, reason, struck_sentence in zip(
        count(), status_of, fixed, struck_of, strict=False
    ):
        if reason is below_secured:
            floor = market.movements[_applicant_of(first_line, n)].floor
            assert floor is not None
            sentence = explanation.struck_below_secured(floor)
        elif reason is not None:
            sentence = fixed_text[reason]
        elif status is struck:
            reason, sentence = struck_reason, struck_sentence
        elif status is reserve:
            position = reserve_position_of[n]
            assert position is not None
            o, tier = offering_of[n], tier_of[n]
            last_tier = last_tier_of[o]
            if tier is None:
                reason = Reason.RESERVE_RANKING
                sentence = explanation.reserve_ranking(position)
            elif last_tier is None:
                reason = Reason.RESERVE_NO_SEATS
                sentence = explanation.reserve_no_seats(position)
            elif key_of[n] < last_key_of[o]:
                reason = Reason.RESERVE_SEATS_SECURED
                sentence = explanation.reserve_seats_secured(position)
            elif tier is not last_tier:
                reason = Reason.RESERVE_LOWER_TIER
                sentence = explanation.reserve_lower_tier(position, last_tier, tier)
            elif (merit := lines[n].merit) != last_merit_of[o]:
                reason = lower_merit_reason
                sentence = lower_merit(position, last_text_of[o], decimal(merit))
            else:
                step = market.priority.deciding_step(last_key_of[o], key_of[n])
                assert step is not None
                reason = Reason.RESERVE_TIE_BREAK
                sentence = explanation.reserve_tie_break(position, merit, step)
        else:  # admitted
            tier = tier_of[n]
            if n in kept:
                reason = Reason.ADMITTED_SECURED
                sentence = explanation.fixed_sentence(reason)
            elif tier is free_quota:
                reason = Reason.ADMITTED_FREE_QUOTA
                sentence = explanation.fixed_sentence(reason)
            elif tier is None:
                school_rank = lines[n].school_rank
                assert school_rank is not None
                reason = Reason.ADMITTED_RANKING
                sentence = explanation.admitted_ranking(school_rank)
            else:
                reason, sentence = _ADMITTED_MERIT, admitted_merit(lines[n].merit, round_)
        reasons.append(reason)
        sentences.append(sentence)
    return reasons, sentences


def _applicant_of(first_line: list[int], n: int) -> int:
    """The applicant (index in id order) who has line n."""
    return bisect_left(first_line, n + 1) - 1
