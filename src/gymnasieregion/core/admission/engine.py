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
   are reserve; reserve positions follow the offering's priority order (domain §5.5).
4. Figures per offering: counts, cut-off, median, "alla behöriga antagna", and whether the
   offering is below its minimum size (the organiser decides on cancelling and re-runs).
5. Every line gets a reason and a Swedish sentence (`explanation.py`).
"""

from __future__ import annotations

from gymnasieregion.core.admission import explanation
from gymnasieregion.core.admission.cutoffs import cutoff, median_merit
from gymnasieregion.core.admission.deferred_acceptance import deferred_acceptance
from gymnasieregion.core.admission.lottery import lottery_numbers
from gymnasieregion.core.admission.outcome import (
    ApplicantOutcome,
    ChoiceOutcome,
    OfferingOutcome,
    Reason,
    Result,
    Status,
)
from gymnasieregion.core.admission.priority import PriorityKey, PriorityOrder, ranking_key
from gymnasieregion.core.admission.problem import (
    ChoiceLine,
    Problem,
    Round,
    Selection,
    Tier,
)
from gymnasieregion.core.admission.reserve import Movement, movement

ENGINE_VERSION = "1.0.0"

_FIXED_SENTENCES = (
    Reason.CANCELLED,
    Reason.DECLINED_PLACE,
    Reason.DECLINED_RESERVE,
    Reason.NOT_ELIGIBLE,
    Reason.NOT_OFFERED,
)
_FIXED_STATUS = {
    Reason.CANCELLED: Status.CANCELLED,
    Reason.DECLINED_PLACE: Status.DECLINED,
    Reason.DECLINED_RESERVE: Status.DECLINED,
    Reason.NOT_ELIGIBLE: Status.NOT_ELIGIBLE,
    Reason.NOT_OFFERED: Status.NOT_OFFERED,
    Reason.STRUCK_BELOW_SECURED: Status.STRUCK,
}


def solve(problem: Problem) -> Result:
    """Run the round described by `problem`; the problem must come from `parse_problem`.

    Choice lines are numbered in applicant-id order and kept in flat lists indexed by that
    number: a region's 130,000 lines then cost a few list slots each, not an object each.
    """
    rules, round_ = problem.rules, problem.round
    order = PriorityOrder(rules, round_)
    offerings = sorted(problem.offerings, key=lambda o: o.id)
    offering_index = {o.id: i for i, o in enumerate(offerings)}
    cancelled = [o.cancelled for o in offerings]
    ranked = [o.selection is Selection.RANKING for o in offerings]
    applicants = sorted(problem.applicants, key=lambda a: a.id)

    # Steps 0 and 1: fixed statuses, priority keys and each offering's candidates.
    line_of: list[ChoiceLine] = []
    offering_of: list[int] = []
    lottery_of: list[int] = []
    fixed: list[Reason | None] = []
    tier_of: list[Tier | None] = []
    key_of: list[PriorityKey] = []
    competing: list[list[int]] = []
    movements: list[Movement] = []
    candidates: list[list[tuple[PriorityKey, int]]] = [[] for _ in offerings]
    merit_key = order.merit_key
    for a, applicant in enumerate(applicants):
        allowed = movement(applicant, round_)
        numbers = lottery_numbers(rules, applicant)
        mine = []
        for rank, line in enumerate(applicant.choices, 1):
            number = len(line_of)
            o = offering_index[line.offering]
            line_of.append(line)
            offering_of.append(o)
            lottery_of.append(numbers[rank - 1])
            reason = (
                _fixed_reason(line, cancelled[o], ranked[o], rank, allowed)
                if cancelled[o] or ranked[o] or line.declined or not line.eligible or allowed.floor
                else None
            )
            fixed.append(reason)
            if reason is not None:
                key_of.append(())
                tier_of.append(None)
                continue
            key: PriorityKey
            if ranked[o]:
                assert line.school_rank is not None
                key, tier = ranking_key(a, line.school_rank), None
            else:
                key, tier = merit_key(a, rank, line, numbers[rank - 1])
            key_of.append(key)
            tier_of.append(tier)
            mine.append(number)
            candidates[o].append(((-1, *key) if rank == allowed.held_rank else key, number))
        competing.append(mine)
        movements.append(allowed)
    position_of = [0] * len(line_of)
    for bucket in candidates:
        bucket.sort()
        for position, (_, number) in enumerate(bucket):
            position_of[number] = position

    # Step 2: deferred acceptance over the lines that compete.
    matching = deferred_acceptance(
        competing, offering_of, position_of, [o.capacity for o in offerings]
    )

    # Step 3: admitted, reserve and struck; reserve positions in priority order.
    status_of = [Status.STRUCK if r is None else _FIXED_STATUS[r] for r in fixed]
    placed_line: list[int] = []
    for mine, placed in zip(competing, matching.placement, strict=True):
        for number in mine if placed == -1 else mine[:placed]:
            status_of[number] = Status.RESERVE
        if placed != -1:
            status_of[mine[placed]] = Status.ADMITTED
        placed_line.append(-1 if placed == -1 else mine[placed])
    reserve_position_of: list[int | None] = [None] * len(line_of)
    admitted_at: list[list[int]] = [[] for _ in offerings]
    reserves_at = [0] * len(offerings)
    best_reserve = [-1] * len(offerings)
    for o, bucket in enumerate(candidates):
        position = 0
        for _, number in bucket:
            status = status_of[number]
            if status is Status.RESERVE:
                position += 1
                reserve_position_of[number] = position
                if position == 1:
                    best_reserve[o] = number
            elif status is Status.ADMITTED:
                admitted_at[o].append(number)
        reserves_at[o] = position

    # Step 4: figures per offering; the last place outside fri kvot explains the reserves.
    offering_outcomes = []
    last_place: list[int] = []
    for o, offering in enumerate(offerings):
        admitted = admitted_at[o]
        by_merit = [n for n in admitted if tier_of[n] not in (None, Tier.FREE_QUOTA)]
        last = max(by_merit, key=key_of.__getitem__) if by_merit else -1
        last_place.append(last)
        cut = None
        if last != -1 and best_reserve[o] != -1:
            last_tier = tier_of[last]
            assert last_tier is not None
            cut = cutoff(
                order, key_of[last], last_tier, line_of[last].merit, key_of[best_reserve[o]]
            )
        offering_outcomes.append(
            OfferingOutcome(
                offering=offering.id,
                capacity=offering.capacity,
                cancelled=offering.cancelled,
                admitted=len(admitted),
                free_quota_admitted=sum(1 for n in admitted if tier_of[n] is Tier.FREE_QUOTA),
                reserves=reserves_at[o],
                cutoff=cut,
                median_admitted_merit=median_merit([line_of[n].merit for n in by_merit]),
                all_eligible_admitted=reserves_at[o] == 0,
                below_minimum_size=not offering.cancelled and len(admitted) < offering.minimum_size,
            )
        )

    # Step 5: reasons and sentences; the common cases take a short path.
    explain = _Explainer(order, round_, line_of, key_of, tier_of)
    fixed_text = {reason: explanation.fixed_sentence(reason) for reason in _FIXED_SENTENCES}
    struck = explanation.struck_below_placement
    new = tuple.__new__  # builds the named tuple without its Python-level __new__
    applicant_outcomes = []
    number = 0
    for applicant, placed, allowed in zip(applicants, placed_line, movements, strict=True):
        placed_rank = -1 if placed == -1 else placed - number + 1
        choices = []
        for rank, line in enumerate(applicant.choices, 1):
            status = status_of[number]
            listed = reserve_position_of[number]
            reason = fixed[number]
            if reason is not None and reason in fixed_text:
                sentence = fixed_text[reason]
            elif reason is None and status is Status.STRUCK:
                reason, sentence = Reason.STRUCK_BELOW_PLACEMENT, struck(placed_rank)
            else:
                reason, sentence = explain(
                    number,
                    reason,
                    status,
                    rank,
                    placed_rank,
                    allowed,
                    listed,
                    last_place[offering_of[number]],
                )
            choices.append(
                new(
                    ChoiceOutcome,
                    (
                        line.offering,
                        rank,
                        status,
                        listed,
                        tier_of[number],
                        lottery_of[number],
                        reason,
                        sentence,
                    ),
                )
            )
            number += 1
        placement = None if placed == -1 else line_of[placed].offering
        applicant_outcomes.append(ApplicantOutcome(applicant.id, placement, tuple(choices)))
    return Result(
        round=round_,
        applicants=tuple(applicant_outcomes),
        offerings=tuple(offering_outcomes),
        proposals=matching.proposals,
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


class _Explainer:
    """Step 5: the reason and Swedish sentence of a line, given the run's flat lists."""

    def __init__(
        self,
        order: PriorityOrder,
        round_: Round,
        line_of: list[ChoiceLine],
        key_of: list[PriorityKey],
        tier_of: list[Tier | None],
    ) -> None:
        self._order = order
        self._round = round_
        self._line_of = line_of
        self._key_of = key_of
        self._tier_of = tier_of

    def __call__(
        self,
        number: int,
        fixed: Reason | None,
        status: Status,
        rank: int,
        placed_rank: int,
        allowed: Movement,
        position: int | None,
        last: int,
    ) -> tuple[Reason, str]:
        if fixed is Reason.STRUCK_BELOW_SECURED:
            assert allowed.floor is not None
            return fixed, explanation.struck_below_secured(allowed.floor)
        if fixed is not None:
            return fixed, explanation.fixed_sentence(fixed)
        line, tier = self._line_of[number], self._tier_of[number]
        if status is Status.STRUCK:
            return Reason.STRUCK_BELOW_PLACEMENT, explanation.struck_below_placement(placed_rank)
        if status is Status.ADMITTED:
            if rank == allowed.held_rank:
                return Reason.ADMITTED_SECURED, explanation.fixed_sentence(Reason.ADMITTED_SECURED)
            if tier is Tier.FREE_QUOTA:
                reason = Reason.ADMITTED_FREE_QUOTA
                return reason, explanation.fixed_sentence(reason)
            if tier is None:
                assert line.school_rank is not None
                return Reason.ADMITTED_RANKING, explanation.admitted_ranking(line.school_rank)
            return Reason.ADMITTED_MERIT, explanation.admitted_merit(line.merit, self._round)
        assert position is not None
        if tier is None:
            return Reason.RESERVE_RANKING, explanation.reserve_ranking(position)
        if last == -1:
            return Reason.RESERVE_NO_SEATS, explanation.reserve_no_seats(position)
        key, last_key = self._key_of[number], self._key_of[last]
        if key < last_key:
            return Reason.RESERVE_SEATS_SECURED, explanation.reserve_seats_secured(position)
        last_tier, last_merit = self._tier_of[last], self._line_of[last].merit
        assert last_tier is not None
        if last_tier is not tier:
            sentence = explanation.reserve_lower_tier(position, last_tier, tier)
            return Reason.RESERVE_LOWER_TIER, sentence
        if last_merit != line.merit:
            sentence = explanation.reserve_lower_merit(position, last_merit, line.merit)
            return Reason.RESERVE_LOWER_MERIT, sentence
        step = self._order.deciding_step(last_key, key)
        assert step is not None
        return Reason.RESERVE_TIE_BREAK, explanation.reserve_tie_break(position, line.merit, step)
