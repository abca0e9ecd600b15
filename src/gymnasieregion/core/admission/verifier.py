"""An independent check of a result against its problem (domain §10 R3-R5; architecture §3.6).

This module deliberately shares no code with the engine: it reads only the data classes of
`problem.py` and `outcome.py`, and recomputes the lottery numbers, the tiers and the priority
order from the rules as written in docs/domain/admission-engine.md. It reports every
violation it finds:

- structure: the result covers exactly the problem's applicants, choice lines and offerings;
- lottery: each line records the number the seed gives (or the explicit one);
- admitted twice, placement: at most one admitted line, and `placement` names it;
- status: each line's status follows from the problem and the placement;
- capacity: no offering admits more than its seats;
- justified envy: nobody ranks an offering above their placement while someone with lower
  priority is admitted there (a kept secured place counts as the highest priority);
- waste: nobody ranks an offering with a free seat above their placement;
- reserve list: reserve positions number the offering's reserves 1, 2, ... in priority order;
- figures: admitted and reserve counts per offering agree with the lines;
- secured place: in a reserve round nobody ends below the place they kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter, itemgetter
from typing import TypeAlias

from gymnasieregion.core.admission.outcome import ChoiceOutcome, OfferingOutcome, Result, Status
from gymnasieregion.core.admission.problem import (
    Answer,
    Applicant,
    ChoiceLine,
    Hand,
    LotteryScope,
    LotteryWinner,
    Offering,
    Problem,
    Round,
    Selection,
    TieBreak,
    Tier,
)

Key: TypeAlias = tuple[int | Decimal | str, ...]
_OFFERING = attrgetter("offering")
_LOTTERY = attrgetter("lottery")
_STATUS = attrgetter("status")
_TIE_BREAK_SLOT = {
    TieBreak.CHOICE_RANK: 0,
    TieBreak.GRADE_SUM: 1,
    TieBreak.GRADE_COUNT: 2,
    TieBreak.LOTTERY: 3,
}


class Check(StrEnum):
    """The property a violation breaks."""

    STRUCTURE = "structure"
    LOTTERY = "lottery"
    ADMITTED_TWICE = "admitted_twice"
    PLACEMENT = "placement"
    STATUS = "status"
    CAPACITY = "capacity"
    JUSTIFIED_ENVY = "justified_envy"
    WASTE = "waste"
    RESERVE_LIST = "reserve_list"
    FIGURES = "figures"
    SECURED_PLACE = "secured_place"


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken property, with a Swedish message for the person who runs the check."""

    check: Check
    applicant: str | None
    offering: str | None
    message: str

    def __str__(self) -> str:
        return f"[{self.check.value}] {self.message}"


def verify(problem: Problem, result: Result) -> tuple[Violation, ...]:
    """Every violation of the result against the problem; empty when the result is correct.

    One pass over the applicants checks each applicant's lines and collects, per offering,
    the priority keys of the admitted lines and of the lines that want it (competing lines
    ranked above the placement) and the recorded reserve positions; one pass over the
    offerings then checks capacity, waste, justified envy, the reserve list and the figures.
    Keys are built only for those lines, as plain tuples.
    """
    found: list[Violation] = []
    offerings = {o.id: o for o in problem.offerings}
    outcomes = {a.applicant: a for a in result.applicants}
    consistent = _check_structure(problem, result, offerings, found)
    admitted_status = Status.ADMITTED
    rules = _Rules(problem)
    admitted: dict[str, list[Key]] = {o: [] for o in offerings}
    wanting: dict[str, list[Key]] = {o: [] for o in offerings}  # competing, above the placement
    recorded: dict[str, dict[str, int]] = {o: {} for o in offerings}  # applicant -> position
    for applicant in problem.applicants:
        wished = consistent.get(applicant.id)
        if wished is None:
            continue  # missing, or reported as structure
        outcome = outcomes[applicant.id]
        choices = outcome.choices
        fixed = rules.fixed_statuses(applicant)
        lotteries = rules.lotteries(applicant)
        kept = rules.kept_place(applicant)
        if list(map(_LOTTERY, choices)) != lotteries:
            _report_lotteries(applicant, choices, lotteries, found)
        statuses = list(map(_STATUS, choices))
        admitted_count = statuses.count(admitted_status)
        if admitted_count > 1:
            found.append(
                Violation(
                    Check.ADMITTED_TWICE,
                    applicant.id,
                    None,
                    f"sökande {applicant.id!r} är antagen till {admitted_count} utbildningar",
                )
            )
        placement = outcome.placement
        placed = wished.index(placement) + 1 if placement in wished else None
        if placement is not None and (placed is None or fixed[placed - 1] is not None):
            found.append(
                Violation(
                    Check.PLACEMENT,
                    applicant.id,
                    placement,
                    f"sökande {applicant.id!r} är placerad på {placement!r}, som inte kan ge plats",
                )
            )
            placed = None
        if (placement is None) != (admitted_count == 0) or (
            admitted_count and wished[statuses.index(admitted_status)] != placement
        ):
            found.append(
                Violation(
                    Check.PLACEMENT,
                    applicant.id,
                    placement,
                    f"sökande {applicant.id!r}: placeringen stämmer inte med valet som är antaget",
                )
            )
        for rank, (line, choice, fixed_status) in enumerate(
            zip(applicant.choices, choices, fixed, strict=True), 1
        ):
            expected: Status
            if fixed_status is not None:
                expected = fixed_status
            else:  # the line competes
                if placed is None or rank < placed:
                    expected = rules.reserve
                    key = rules.key(applicant.id, kept, rank, line, lotteries[rank - 1])
                    wanting[line.offering].append(key)
                elif rank == placed:
                    expected = rules.admitted
                    key = rules.key(applicant.id, kept, rank, line, lotteries[rank - 1])
                    admitted[line.offering].append(key)
                else:
                    expected = rules.struck
            if choice.status is not expected:
                found.append(
                    Violation(
                        Check.STATUS,
                        applicant.id,
                        line.offering,
                        f"sökande {applicant.id!r}, val {rank} ({line.offering}): "
                        f"status {choice.status.value}, ska vara {expected.value}",
                    )
                )
            if choice.reserve_position is not None:
                recorded[choice.offering][applicant.id] = choice.reserve_position
        _check_secured(problem, applicant, placed, found)

    figures = {o.offering: o for o in result.offerings}
    for offering in problem.offerings:
        _check_offering(
            offering,
            admitted[offering.id],
            wanting[offering.id],
            recorded[offering.id],
            figures.get(offering.id),
            found,
        )
    return tuple(found)


def _report_lotteries(
    applicant: Applicant,
    choices: tuple[ChoiceOutcome, ...],
    lotteries: list[int],
    found: list[Violation],
) -> None:
    for rank, (line, choice, lottery) in enumerate(
        zip(applicant.choices, choices, lotteries, strict=True), 1
    ):
        if choice.lottery != lottery:
            found.append(
                Violation(
                    Check.LOTTERY,
                    applicant.id,
                    line.offering,
                    f"sökande {applicant.id!r}, val {rank}: lottnummer "
                    f"{choice.lottery}, ska vara {lottery}",
                )
            )


def _check_structure(
    problem: Problem, result: Result, offerings: dict[str, Offering], found: list[Violation]
) -> dict[str, list[str] | None]:
    """Report structural differences. Return, per applicant id in the result, the offerings
    of its choice lines if its (last) outcome has exactly the problem's lines, else None."""
    problem_ids = {a.id for a in problem.applicants}
    result_ids = [a.applicant for a in result.applicants]
    for missing in sorted(problem_ids - set(result_ids)):
        found.append(
            Violation(Check.STRUCTURE, missing, None, f"sökande {missing!r} saknas i resultatet")
        )
    for extra in sorted(set(result_ids) - problem_ids):
        found.append(
            Violation(Check.STRUCTURE, extra, None, f"sökande {extra!r} finns inte i problemet")
        )
    if len(set(result_ids)) != len(result_ids):
        found.append(
            Violation(Check.STRUCTURE, None, None, "någon sökande förekommer flera gånger")
        )
    choices = {a.id: a.choices for a in problem.applicants}
    consistent: dict[str, list[str] | None] = {}
    for outcome in result.applicants:
        expected = choices.get(outcome.applicant)
        listed = list(map(_OFFERING, outcome.choices))
        same = expected is not None and listed == list(map(_OFFERING, expected))
        consistent[outcome.applicant] = listed if same else None
        if expected is not None and not same:
            found.append(
                Violation(
                    Check.STRUCTURE,
                    outcome.applicant,
                    None,
                    f"sökande {outcome.applicant!r}: valen stämmer inte med problemet",
                )
            )
    if sorted(o.offering for o in result.offerings) != sorted(offerings):
        found.append(
            Violation(Check.STRUCTURE, None, None, "utbildningarna stämmer inte med problemet")
        )
    return consistent


class _Rules:
    """The rules of docs/domain/admission-engine.md, as this module reads them.

    Lottery: the first 53 bits of SHA-256(seed, US, applicant id[, US, offering id]), or the
    given number. Tier: fri kvot (not in the preliminary round), then in time or late, each
    first-hand (or without hand) or second-hand. Key, smaller first: a kept secured place
    first; then at a ranking-selected offering the school's rank; else the tier's position
    in the tier order, the merit value (higher first) and the tie-break chain; the applicant
    id last.
    """

    def __init__(self, problem: Problem) -> None:
        rules = problem.rules
        self._round = problem.round
        self._seed = rules.seed
        self._per_applicant = rules.lottery_scope is LotteryScope.APPLICANT
        self._free_quota_used = problem.round is not Round.PRELIMINARY
        position = {tier: i for i, tier in enumerate(rules.tier_order)}
        # position by (late, second-hand), and of fri kvot
        self._in_time = (position[Tier.IN_TIME_FIRST_HAND], position[Tier.IN_TIME_SECOND_HAND])
        self._late = (position[Tier.LATE_FIRST_HAND], position[Tier.LATE_SECOND_HAND])
        self._free_quota = position[Tier.FREE_QUOTA]
        self._ranking = {o.id for o in problem.offerings if o.selection is Selection.RANKING}
        self._cancelled_offerings = {o.id for o in problem.offerings if o.cancelled}
        self._secured_round = problem.round is Round.RESERVE
        self.admitted, self.reserve, self.struck = Status.ADMITTED, Status.RESERVE, Status.STRUCK
        self._cancelled, self._declined = Status.CANCELLED, Status.DECLINED
        self._not_eligible, self._not_offered = Status.NOT_ELIGIBLE, Status.NOT_OFFERED
        self._second, self._decline = Hand.SECOND, Answer.DECLINE
        self._without_reserve = Answer.ACCEPT_WITHOUT_RESERVE
        # the tie-break values of a line are (choice rank, -grade sum, -number of grades,
        # lottery number signed so that the winner is smaller); the chain picks from them
        slots = [_TIE_BREAK_SLOT[step] for step in rules.tie_breaks]
        pick = itemgetter(*slots)
        self._pick: Callable[[tuple[int | Decimal, ...]], tuple[int | Decimal, ...]] = (
            pick if len(slots) > 1 else lambda values: (pick(values),)
        )
        self._lottery_sign = -1 if rules.lottery_winner is LotteryWinner.HIGHER else 1

    def _draw(self, applicant_id: str, offering_id: str | None) -> int:
        text = self._seed + "\x1f" + applicant_id
        if offering_id is not None:
            text += "\x1f" + offering_id
        return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], 16) // 2**11

    def lotteries(self, applicant: Applicant) -> list[int]:
        """The lottery number of each choice line."""
        if self._per_applicant:
            number = applicant.lottery
            if number is None:
                number = self._draw(applicant.id, None)
            return [number] * len(applicant.choices)
        return [
            line.lottery if line.lottery is not None else self._draw(applicant.id, line.offering)
            for line in applicant.choices
        ]

    def fixed_statuses(self, applicant: Applicant) -> list[Status | None]:
        """The status of each line that does not compete; None for a line that competes."""
        secured = applicant.secured if self._secured_round else None
        ranking, cancelled = self._ranking, self._cancelled_offerings
        statuses: list[Status | None] = []
        if secured is None:  # every line that is possible competes
            for line in applicant.choices:
                if line.offering in cancelled:
                    statuses.append(self._cancelled)
                elif line.declined:
                    statuses.append(self._declined)
                elif not line.eligible:
                    statuses.append(self._not_eligible)
                elif line.school_rank is None and line.offering in ranking:
                    statuses.append(self._not_offered)
                else:
                    statuses.append(None)
            return statuses
        secured_rank = [c.offering for c in applicant.choices].index(secured.offering) + 1
        kept = secured.answer is not self._decline
        stays = secured.answer is not self._without_reserve
        for rank, line in enumerate(applicant.choices, 1):
            status: Status | None
            if line.offering in cancelled:
                status = self._cancelled
            elif kept and rank == secured_rank:
                status = None
            elif line.declined or rank == secured_rank:
                status = self._declined
            elif not line.eligible:
                status = self._not_eligible
            elif line.school_rank is None and line.offering in ranking:
                status = self._not_offered
            elif rank > secured_rank:
                status = self.struck
            elif not stays:
                status = self._declined
            else:
                status = None
            statuses.append(status)
        return statuses

    def kept_place(self, applicant: Applicant) -> str | None:
        """The offering of the secured place the applicant keeps in this round, if any."""
        secured = applicant.secured if self._secured_round else None
        if secured is None or secured.answer is self._decline:
            return None
        return secured.offering

    def key(
        self, applicant_id: str, kept: str | None, rank: int, line: ChoiceLine, lottery: int
    ) -> Key:
        """The priority key of a competing line at its offering."""
        first = 0 if line.offering == kept else 1
        if line.offering in self._ranking:
            return (first, line.school_rank or 0, applicant_id)
        if line.free_quota and self._free_quota_used:
            tier = self._free_quota
        else:
            tier = (self._late if line.late else self._in_time)[line.hand is self._second]
        values = (rank, -line.grade_sum, -line.grade_count, self._lottery_sign * lottery)
        return (first, tier, -line.merit, *self._pick(values), applicant_id)


def _check_secured(
    problem: Problem, applicant: Applicant, placed: int | None, found: list[Violation]
) -> None:
    secured = applicant.secured
    if problem.round is not Round.RESERVE or secured is None:
        return
    if secured.answer is Answer.DECLINE:
        return
    secured_rank = [c.offering for c in applicant.choices].index(secured.offering) + 1
    moved_ok = placed is not None and placed <= secured_rank
    if secured.answer is Answer.ACCEPT_WITHOUT_RESERVE:
        moved_ok = placed == secured_rank
    if not moved_ok:
        found.append(
            Violation(
                Check.SECURED_PLACE,
                applicant.id,
                secured.offering,
                f"sökande {applicant.id!r} har hamnat under sin säkrade plats {secured.offering!r}",
            )
        )


def _check_offering(
    offering: Offering,
    seats: list[Key],
    wanting: list[Key],
    recorded: dict[str, int],
    figure: OfferingOutcome | None,
    found: list[Violation],
) -> None:
    """Capacity, waste, justified envy, the reserve list and the figures of one offering.

    The last element of a key is the applicant id.
    """
    if len(seats) > offering.capacity:
        found.append(
            Violation(
                Check.CAPACITY,
                None,
                offering.id,
                f"{offering.id!r} har {len(seats)} antagna men {offering.capacity} platser",
            )
        )
    worst = max(seats, default=None)
    free_seat = len(seats) < offering.capacity
    for key in wanting:
        if free_seat:
            found.append(
                Violation(
                    Check.WASTE,
                    str(key[-1]),
                    offering.id,
                    f"{offering.id!r} har en ledig plats som sökande {key[-1]!r} "
                    "rangordnat över sin placering",
                )
            )
        elif worst is not None and key < worst:
            found.append(
                Violation(
                    Check.JUSTIFIED_ENVY,
                    str(key[-1]),
                    offering.id,
                    f"sökande {key[-1]!r} har företräde till {offering.id!r} framför "
                    "en antagen och rangordnade den över sin placering",
                )
            )
    reserves = sorted(wanting)
    for position, key in enumerate(reserves, 1):
        got = recorded.get(str(key[-1]))
        if got != position:
            found.append(
                Violation(
                    Check.RESERVE_LIST,
                    str(key[-1]),
                    offering.id,
                    f"sökande {key[-1]!r} har reservplats {got} på {offering.id!r}, "
                    f"ska vara {position}",
                )
            )
    on_list = {key[-1] for key in reserves}
    for applicant_id in recorded:
        if applicant_id not in on_list:
            found.append(
                Violation(
                    Check.RESERVE_LIST,
                    applicant_id,
                    offering.id,
                    f"sökande {applicant_id!r} har en reservplats på {offering.id!r} "
                    "men ska inte stå på reservlistan",
                )
            )
    if figure is not None and (figure.admitted, figure.reserves) != (len(seats), len(reserves)):
        found.append(
            Violation(
                Check.FIGURES,
                None,
                offering.id,
                f"{offering.id!r} redovisar {figure.admitted} antagna och {figure.reserves} "
                f"reserver, ska vara {len(seats)} och {len(reserves)}",
            )
        )
