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
from gymnasieregion.core.admission.lottery import lottery_number
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
    Offering,
    Problem,
    Round,
    Selection,
    Tier,
)
from gymnasieregion.core.admission.reserve import Movement, movement

ENGINE_VERSION = "1.0.0"

_FIXED_STATUS = {
    Reason.CANCELLED: Status.CANCELLED,
    Reason.DECLINED_PLACE: Status.DECLINED,
    Reason.DECLINED_RESERVE: Status.DECLINED,
    Reason.NOT_ELIGIBLE: Status.NOT_ELIGIBLE,
    Reason.NOT_OFFERED: Status.NOT_OFFERED,
    Reason.STRUCK_BELOW_SECURED: Status.STRUCK,
}


class _Line:
    """Working state of one choice line during a run (never leaves this module)."""

    __slots__ = (
        "applicant",
        "fixed",
        "key",
        "line",
        "lottery",
        "offering",
        "position",
        "rank",
        "reserve_position",
        "status",
        "tier",
    )

    def __init__(self, applicant: int, rank: int, line: ChoiceLine, offering: int, lottery: int):
        self.applicant = applicant
        self.rank = rank
        self.line = line
        self.offering = offering
        self.lottery = lottery
        self.fixed: Reason | None = None
        self.key: PriorityKey = ()
        self.tier: Tier | None = None
        self.position = -1
        self.status = Status.STRUCK
        self.reserve_position: int | None = None


def solve(problem: Problem) -> Result:
    """Run the round described by `problem`; the problem must come from `parse_problem`."""
    rules, round_ = problem.rules, problem.round
    order = PriorityOrder(rules, round_)
    offerings = sorted(problem.offerings, key=lambda o: o.id)
    offering_index = {o.id: i for i, o in enumerate(offerings)}
    applicants = sorted(problem.applicants, key=lambda a: a.id)

    # Steps 0 and 1: fixed statuses, priority keys and each offering's candidates.
    lines_of: list[list[_Line]] = []
    movements: list[Movement] = []
    candidates: list[list[tuple[PriorityKey, _Line]]] = [[] for _ in offerings]
    for a, applicant in enumerate(applicants):
        allowed = movement(applicant, round_)
        lines = []
        for rank, line in enumerate(applicant.choices, 1):
            o = offering_index[line.offering]
            work = _Line(a, rank, line, o, lottery_number(rules, applicant, line))
            lines.append(work)
            work.fixed = _fixed_reason(line, offerings[o], rank, allowed)
            if work.fixed is not None:
                work.status = _FIXED_STATUS[work.fixed]
                continue
            if offerings[o].selection is Selection.RANKING:
                assert line.school_rank is not None
                work.key = ranking_key(applicant.id, line.school_rank)
            else:
                work.key, work.tier = order.merit_key(applicant.id, rank, line, work.lottery)
            held = rank == allowed.held_rank
            candidates[o].append(((-1, *work.key) if held else work.key, work))
        lines_of.append(lines)
        movements.append(allowed)
    for bucket in candidates:
        bucket.sort(key=lambda item: item[0])
        for position, (_, work) in enumerate(bucket):
            work.position = position

    # Step 2: deferred acceptance over the lines that compete.
    competing = [[w for w in lines if w.fixed is None] for lines in lines_of]
    matching = deferred_acceptance(
        [[(w.offering, w.position) for w in ws] for ws in competing],
        [o.capacity for o in offerings],
    )

    # Step 3: admitted, reserve and struck; reserve lists in priority order.
    admitted: list[list[_Line]] = [[] for _ in offerings]
    reserves: list[list[_Line]] = [[] for _ in offerings]
    placements: list[_Line | None] = []
    for ws, placed in zip(competing, matching.placement, strict=True):
        for i, work in enumerate(ws):
            if placed == -1 or i < placed:
                work.status = Status.RESERVE
                reserves[work.offering].append(work)
            elif i == placed:
                work.status = Status.ADMITTED
                admitted[work.offering].append(work)
        placements.append(ws[placed] if placed != -1 else None)
    for waiting in reserves:
        waiting.sort(key=lambda w: w.key)
        for position, work in enumerate(waiting, 1):
            work.reserve_position = position

    # Step 4: figures per offering.
    offering_outcomes = []
    last_places: list[_Line | None] = []
    for o, offering in enumerate(offerings):
        outcome, last = _offering_outcome(order, offering, admitted[o], reserves[o])
        offering_outcomes.append(outcome)
        last_places.append(last)

    # Step 5: reasons and sentences.
    applicant_outcomes = []
    for applicant, lines, placed_line, allowed in zip(
        applicants, lines_of, placements, movements, strict=True
    ):
        choices = tuple(
            _choice_outcome(w, placed_line, allowed, last_places[w.offering], order, round_)
            for w in lines
        )
        placement = applicant.choices[placed_line.rank - 1].offering if placed_line else None
        applicant_outcomes.append(ApplicantOutcome(applicant.id, placement, choices))
    return Result(
        round=round_,
        applicants=tuple(applicant_outcomes),
        offerings=tuple(offering_outcomes),
        proposals=matching.proposals,
    )


def _fixed_reason(
    line: ChoiceLine, offering: Offering, rank: int, allowed: Movement
) -> Reason | None:
    """Step 0: the reason a line does not compete, or None if it does."""
    if offering.cancelled:
        return Reason.CANCELLED
    if rank == allowed.held_rank:
        return None  # a kept secured place is a favourable decision; it stays (FL 37 §)
    if line.declined or rank == allowed.floor:
        return Reason.DECLINED_PLACE
    if not line.eligible:
        return Reason.NOT_ELIGIBLE
    if offering.selection is Selection.RANKING and line.school_rank is None:
        return Reason.NOT_OFFERED
    if allowed.floor is not None and rank > allowed.floor:
        return Reason.STRUCK_BELOW_SECURED
    if allowed.gave_up_reserve:
        return Reason.DECLINED_RESERVE
    return None


def _offering_outcome(
    order: PriorityOrder, offering: Offering, admitted: list[_Line], reserves: list[_Line]
) -> tuple[OfferingOutcome, _Line | None]:
    """Step 4 for one offering; also returns the last place outside fri kvot."""
    by_merit = [w for w in admitted if w.tier is not None and w.tier is not Tier.FREE_QUOTA]
    last = max(by_merit, key=lambda w: w.key) if by_merit else None
    cut = None
    if last is not None and reserves:
        assert last.tier is not None
        cut = cutoff(order, last.key, last.tier, last.line.merit, reserves[0].key)
    outcome = OfferingOutcome(
        offering=offering.id,
        capacity=offering.capacity,
        cancelled=offering.cancelled,
        admitted=len(admitted),
        free_quota_admitted=sum(1 for w in admitted if w.tier is Tier.FREE_QUOTA),
        reserves=len(reserves),
        cutoff=cut,
        median_admitted_merit=median_merit([w.line.merit for w in by_merit]),
        all_eligible_admitted=not reserves,
        below_minimum_size=not offering.cancelled and len(admitted) < offering.minimum_size,
    )
    return outcome, last


def _choice_outcome(
    work: _Line,
    placed: _Line | None,
    allowed: Movement,
    last: _Line | None,
    order: PriorityOrder,
    round_: Round,
) -> ChoiceOutcome:
    """Step 5 for one line: its reason and sentence."""
    reason, sentence = _explain(work, placed, allowed, last, order, round_)
    return ChoiceOutcome(
        offering=work.line.offering,
        rank=work.rank,
        status=work.status,
        reserve_position=work.reserve_position,
        tier=work.tier,
        lottery=work.lottery,
        reason=reason,
        explanation=sentence,
    )


def _explain(
    work: _Line,
    placed: _Line | None,
    allowed: Movement,
    last: _Line | None,
    order: PriorityOrder,
    round_: Round,
) -> tuple[Reason, str]:
    line = work.line
    if work.fixed is Reason.STRUCK_BELOW_SECURED:
        assert allowed.floor is not None
        return work.fixed, explanation.struck_below_secured(allowed.floor)
    if work.fixed is not None:
        return work.fixed, explanation.fixed_sentence(work.fixed)
    if work.status is Status.ADMITTED:
        if work.rank == allowed.held_rank:
            reason = Reason.ADMITTED_SECURED
            return reason, explanation.fixed_sentence(reason)
        if work.tier is Tier.FREE_QUOTA:
            reason = Reason.ADMITTED_FREE_QUOTA
            return reason, explanation.fixed_sentence(reason)
        if line.school_rank is not None and work.tier is None:
            return Reason.ADMITTED_RANKING, explanation.admitted_ranking(line.school_rank)
        return Reason.ADMITTED_MERIT, explanation.admitted_merit(line.merit, round_)
    if work.status is Status.STRUCK:
        assert placed is not None
        return Reason.STRUCK_BELOW_PLACEMENT, explanation.struck_below_placement(placed.rank)
    position = work.reserve_position
    assert position is not None
    if work.tier is None:
        return Reason.RESERVE_RANKING, explanation.reserve_ranking(position)
    if last is None:
        return Reason.RESERVE_NO_SEATS, explanation.reserve_no_seats(position)
    if work.key < last.key:
        return Reason.RESERVE_SEATS_SECURED, explanation.reserve_seats_secured(position)
    assert last.tier is not None
    if last.tier is not work.tier:
        return Reason.RESERVE_LOWER_TIER, explanation.reserve_lower_tier(
            position, last.tier, work.tier
        )
    if last.line.merit != line.merit:
        return Reason.RESERVE_LOWER_MERIT, explanation.reserve_lower_merit(
            position, last.line.merit, line.merit
        )
    step = order.deciding_step(last.key, work.key)
    assert step is not None
    return Reason.RESERVE_TIE_BREAK, explanation.reserve_tie_break(position, line.merit, step)
