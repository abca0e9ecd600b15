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
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple, TypeAlias

from gymnasieregion.core.admission.outcome import ApplicantOutcome, ChoiceOutcome, Result, Status
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


class _Line(NamedTuple):
    applicant: str
    rank: int
    line: ChoiceLine
    competes: bool
    expected_fixed: Status | None
    lottery: int
    key: Key  # empty when the line does not compete


def verify(problem: Problem, result: Result) -> tuple[Violation, ...]:
    """Every violation of the result against the problem; empty when the result is correct."""
    found: list[Violation] = []
    offerings = {o.id: o for o in problem.offerings}
    outcomes = {a.applicant: a for a in result.applicants}
    _check_structure(problem, result, offerings, found)

    lines_by_applicant: dict[str, list[_Line]] = {}
    placed_rank: dict[str, int | None] = {}
    for applicant in problem.applicants:
        outcome = outcomes.get(applicant.id)
        if outcome is None or [c.offering for c in outcome.choices] != [
            c.offering for c in applicant.choices
        ]:
            continue  # reported as structure
        lines = _lines(problem, applicant, offerings)
        lines_by_applicant[applicant.id] = lines
        for line, choice in zip(lines, outcome.choices, strict=True):
            expected_lottery = line.lottery
            if choice.lottery != expected_lottery:
                found.append(
                    Violation(
                        Check.LOTTERY,
                        applicant.id,
                        line.line.offering,
                        f"sökande {applicant.id!r}, val {line.rank}: lottnummer "
                        f"{choice.lottery}, ska vara {expected_lottery}",
                    )
                )
        admitted = [c for c in outcome.choices if c.status is Status.ADMITTED]
        if len(admitted) > 1:
            found.append(
                Violation(
                    Check.ADMITTED_TWICE,
                    applicant.id,
                    None,
                    f"sökande {applicant.id!r} är antagen till {len(admitted)} utbildningar",
                )
            )
        placed = next((ln for ln in lines if ln.line.offering == outcome.placement), None)
        if outcome.placement is not None and (placed is None or not placed.competes):
            found.append(
                Violation(
                    Check.PLACEMENT,
                    applicant.id,
                    outcome.placement,
                    f"sökande {applicant.id!r} är placerad på {outcome.placement!r}, "
                    "som inte kan ge plats",
                )
            )
            placed = None
        if (outcome.placement is None) != (not admitted) or (
            admitted and admitted[0].offering != outcome.placement
        ):
            found.append(
                Violation(
                    Check.PLACEMENT,
                    applicant.id,
                    outcome.placement,
                    f"sökande {applicant.id!r}: placeringen stämmer inte med valet som är antaget",
                )
            )
        placed_rank[applicant.id] = None if placed is None else placed.rank
        _check_statuses(applicant, lines, outcome.choices, placed_rank[applicant.id], found)
        _check_secured(problem, applicant, placed_rank[applicant.id], found)

    _check_offerings(problem, result, lines_by_applicant, placed_rank, outcomes, found)
    return tuple(found)


def _check_structure(
    problem: Problem, result: Result, offerings: dict[str, Offering], found: list[Violation]
) -> None:
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
    choices = {a.id: [c.offering for c in a.choices] for a in problem.applicants}
    for outcome in result.applicants:
        expected = choices.get(outcome.applicant)
        if expected is not None and [c.offering for c in outcome.choices] != expected:
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


def _lottery(problem: Problem, applicant: Applicant, line: ChoiceLine | None) -> int:
    """First 53 bits of SHA-256(seed, US, applicant id[, US, offering id]), or the given number.

    `line` is None for the applicant's number when one is drawn per applicant.
    """
    rules = problem.rules
    if line is None and applicant.lottery is not None:
        return applicant.lottery
    if line is not None and line.lottery is not None:
        return line.lottery
    text = rules.seed + "\x1f" + applicant.id
    if line is not None:
        text += "\x1f" + line.offering
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], 16) // 2**11


def _lines(problem: Problem, applicant: Applicant, offerings: dict[str, Offering]) -> list[_Line]:
    secured = applicant.secured if problem.round is Round.RESERVE else None
    secured_rank = None
    if secured is not None:
        secured_rank = [c.offering for c in applicant.choices].index(secured.offering) + 1
    kept = secured is not None and secured.answer is not Answer.DECLINE
    stays = secured is None or secured.answer is not Answer.ACCEPT_WITHOUT_RESERVE
    per_applicant = problem.rules.lottery_scope is LotteryScope.APPLICANT
    shared = _lottery(problem, applicant, None) if per_applicant else 0
    tier_position = {tier: i for i, tier in enumerate(problem.rules.tier_order)}
    lines = []
    for rank, line in enumerate(applicant.choices, 1):
        offering = offerings[line.offering]
        lottery = shared if per_applicant else _lottery(problem, applicant, line)
        fixed: Status | None
        if offering.cancelled:
            fixed = Status.CANCELLED
        elif kept and rank == secured_rank:
            fixed = None
        elif line.declined or rank == secured_rank:
            fixed = Status.DECLINED
        elif not line.eligible:
            fixed = Status.NOT_ELIGIBLE
        elif offering.selection is Selection.RANKING and line.school_rank is None:
            fixed = Status.NOT_OFFERED
        elif secured_rank is not None and rank > secured_rank:
            fixed = Status.STRUCK
        elif not stays:
            fixed = Status.DECLINED
        else:
            fixed = None
        top = kept and rank == secured_rank
        key = (
            ()
            if fixed
            else _key(problem, tier_position, applicant, rank, line, offering, top, lottery)
        )
        lines.append(_Line(applicant.id, rank, line, fixed is None, fixed, lottery, key))
    return lines


def _key(
    problem: Problem,
    tier_position: dict[Tier, int],
    applicant: Applicant,
    rank: int,
    line: ChoiceLine,
    offering: Offering,
    secured_here: bool,
    lottery: int,
) -> Key:
    """Smaller is better. A kept secured place first; then rank, or tier, merit and tie-breaks."""
    first = 0 if secured_here else 1
    if offering.selection is Selection.RANKING:
        return (first, line.school_rank or 0, applicant.id)
    rules = problem.rules
    if line.free_quota and problem.round is not Round.PRELIMINARY:
        tier = Tier.FREE_QUOTA
    elif line.late:
        tier = Tier.LATE_SECOND_HAND if line.hand is Hand.SECOND else Tier.LATE_FIRST_HAND
    else:
        tier = Tier.IN_TIME_SECOND_HAND if line.hand is Hand.SECOND else Tier.IN_TIME_FIRST_HAND
    steps: list[int | Decimal] = []
    for step in rules.tie_breaks:
        if step is TieBreak.CHOICE_RANK:
            steps.append(rank)
        elif step is TieBreak.GRADE_SUM:
            steps.append(Decimal(0) - line.grade_sum)
        elif step is TieBreak.GRADE_COUNT:
            steps.append(-line.grade_count)
        else:
            steps.append(-lottery if rules.lottery_winner is LotteryWinner.HIGHER else lottery)
    return (first, tier_position[tier], Decimal(0) - line.merit, *steps, applicant.id)


def _check_statuses(
    applicant: Applicant,
    lines: list[_Line],
    choices: tuple[ChoiceOutcome, ...],
    placed: int | None,
    found: list[Violation],
) -> None:
    for line, choice in zip(lines, choices, strict=True):
        expected = line.expected_fixed
        if expected is None:
            if placed is None or line.rank < placed:
                expected = Status.RESERVE
            elif line.rank == placed:
                expected = Status.ADMITTED
            else:
                expected = Status.STRUCK
        status = choice.status
        if status is not expected:
            found.append(
                Violation(
                    Check.STATUS,
                    applicant.id,
                    line.line.offering,
                    f"sökande {applicant.id!r}, val {line.rank} ({line.line.offering}): "
                    f"status {status.value}, ska vara {expected.value}",
                )
            )


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


def _check_offerings(
    problem: Problem,
    result: Result,
    lines_by_applicant: dict[str, list[_Line]],
    placed_rank: dict[str, int | None],
    outcomes: dict[str, ApplicantOutcome],
    found: list[Violation],
) -> None:
    admitted: dict[str, list[_Line]] = defaultdict(list)
    wanting: dict[str, list[_Line]] = defaultdict(list)  # competing lines above the placement
    recorded: dict[str, dict[str, int]] = defaultdict(dict)  # offering -> applicant -> position
    for applicant_id, lines in lines_by_applicant.items():
        placed = placed_rank[applicant_id]
        for line in lines:
            if not line.competes:
                continue
            if line.rank == placed:
                admitted[line.line.offering].append(line)
            elif placed is None or line.rank < placed:
                wanting[line.line.offering].append(line)
        outcome = outcomes[applicant_id]
        for choice in outcome.choices:
            if choice.reserve_position is not None:
                recorded[choice.offering][applicant_id] = choice.reserve_position
    figures = {o.offering: o for o in result.offerings}
    for offering in problem.offerings:
        seats = admitted[offering.id]
        if len(seats) > offering.capacity:
            found.append(
                Violation(
                    Check.CAPACITY,
                    None,
                    offering.id,
                    f"{offering.id!r} har {len(seats)} antagna men {offering.capacity} platser",
                )
            )
        worst = max((line.key for line in seats), default=None)
        for line in wanting[offering.id]:
            if len(seats) < offering.capacity:
                found.append(
                    Violation(
                        Check.WASTE,
                        line.applicant,
                        offering.id,
                        f"{offering.id!r} har en ledig plats som sökande {line.applicant!r} "
                        "rangordnat över sin placering",
                    )
                )
            elif worst is not None and line.key < worst:
                found.append(
                    Violation(
                        Check.JUSTIFIED_ENVY,
                        line.applicant,
                        offering.id,
                        f"sökande {line.applicant!r} har företräde till {offering.id!r} framför "
                        "en antagen och rangordnade den över sin placering",
                    )
                )
        reserves = sorted(wanting[offering.id], key=lambda line: line.key)
        for position, line in enumerate(reserves, 1):
            got = recorded[offering.id].get(line.applicant)
            if got != position:
                found.append(
                    Violation(
                        Check.RESERVE_LIST,
                        line.applicant,
                        offering.id,
                        f"sökande {line.applicant!r} har reservplats {got} på {offering.id!r}, "
                        f"ska vara {position}",
                    )
                )
        on_list = {line.applicant for line in reserves}
        for applicant_id in recorded[offering.id]:
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
        figure = figures.get(offering.id)
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
