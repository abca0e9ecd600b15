"""The admission problem: offerings, applicants, their choice lines and the rules of the run.

Terms follow the domain document §5.1 (utbildning, valrad, valprioritet) and
Gymnasieförordningen (2010:2039) 7 kap. Every object is immutable; the engine and the
verifier only read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Round(StrEnum):
    """The admission rounds of a year (domain §5.6, §5.7)."""

    PRELIMINARY = "preliminary"  # preliminär antagning: informative, fri kvot not used
    FINAL = "final"  # slutantagning
    RESERVE = "reserve"  # reservantagning: secured places can only be left upwards


class Selection(StrEnum):
    """How an offering orders its applicants."""

    MERIT = "merit"  # tiers, merit value and the tie-break chain (GyF 7 kap 2-4 §§)
    RANKING = "ranking"  # the school's own ranking (IM for an individual, anpassad gymnasieskola)


class Hand(StrEnum):
    """Reception class of a choice line (SL 16 kap 43-44 §§, domain §5.3)."""

    FIRST = "first"  # förstahandsmottagen
    SECOND = "second"  # andrahandsmottagen
    NONE = "none"  # fristående skola: no distinction (öppenhetskravet), ranked as first-hand


class Tier(StrEnum):
    """Priority tiers at an offering (domain §5.2); the order between them is a setting."""

    FREE_QUOTA = "free_quota"  # fri kvot, GyF 7 kap 3 §
    IN_TIME_FIRST_HAND = "in_time_first_hand"
    IN_TIME_SECOND_HAND = "in_time_second_hand"
    LATE_FIRST_HAND = "late_first_hand"
    LATE_SECOND_HAND = "late_second_hand"


class TieBreak(StrEnum):
    """Steps of the tie-break chain after the merit value (domain §5.4)."""

    CHOICE_RANK = "choice_rank"  # valprioritet: the lower rank wins
    GRADE_SUM = "grade_sum"  # betygsvärde without test points: the higher wins
    GRADE_COUNT = "grade_count"  # antal betyg: more wins
    LOTTERY = "lottery"  # slump: the lottery number, direction by `LotteryWinner`


class LotteryScope(StrEnum):
    """Whether one lottery number is drawn per applicant or per applicant and offering."""

    APPLICANT = "applicant"
    CHOICE = "choice"


class LotteryWinner(StrEnum):
    """Which lottery number wins a tie; domain §5.4 step 5: the highest."""

    HIGHER = "higher"
    LOWER = "lower"


class Answer(StrEnum):
    """An applicant's answer to a secured place before a reserve round (domain §5.7)."""

    ACCEPT_STAY_RESERVE = "accept_stay_reserve"  # also the meaning of no answer (Storsthlm)
    ACCEPT_WITHOUT_RESERVE = "accept_without_reserve"
    DECLINE = "decline"


DEFAULT_TIER_ORDER: tuple[Tier, ...] = (
    Tier.FREE_QUOTA,
    Tier.IN_TIME_FIRST_HAND,
    Tier.IN_TIME_SECOND_HAND,
    Tier.LATE_FIRST_HAND,
    Tier.LATE_SECOND_HAND,
)
DEFAULT_TIE_BREAKS: tuple[TieBreak, ...] = (
    TieBreak.CHOICE_RANK,
    TieBreak.GRADE_SUM,
    TieBreak.GRADE_COUNT,
    TieBreak.LOTTERY,
)


@dataclass(frozen=True, slots=True)
class Rules:
    """The settings of a run; `version` names the rule set recorded in the manifest."""

    version: str
    seed: str
    tier_order: tuple[Tier, ...] = DEFAULT_TIER_ORDER
    tie_breaks: tuple[TieBreak, ...] = DEFAULT_TIE_BREAKS
    lottery_scope: LotteryScope = LotteryScope.APPLICANT
    lottery_winner: LotteryWinner = LotteryWinner.HIGHER


@dataclass(frozen=True, slots=True)
class Offering:
    """An utbildning that applicants can choose (domain §5.1)."""

    id: str
    capacity: int
    cancelled: bool = False  # startar ej
    minimum_size: int = 0
    selection: Selection = Selection.MERIT


@dataclass(frozen=True, slots=True)
class ChoiceLine:
    """One valrad: the applicant's wish for one offering, with what selection needs to know."""

    offering: str
    merit: Decimal
    grade_sum: Decimal
    grade_count: int = 0
    eligible: bool = True
    hand: Hand = Hand.FIRST
    late: bool = False
    free_quota: bool = False
    declined: bool = False
    school_rank: int | None = None
    lottery: int | None = None  # explicit number when the lottery is drawn per choice


@dataclass(frozen=True, slots=True)
class SecuredPlace:
    """The place an applicant holds from an earlier round, and their answer to it."""

    offering: str
    answer: Answer = Answer.ACCEPT_STAY_RESERVE


@dataclass(frozen=True, slots=True)
class Applicant:
    """An applicant with ranked choice lines; choice rank is the position, 1 first."""

    id: str
    choices: tuple[ChoiceLine, ...]
    lottery: int | None = None  # explicit number when the lottery is drawn per applicant
    secured: SecuredPlace | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """Everything one admission run needs; validated by `problem_file.parse_problem`."""

    round: Round
    rules: Rules
    offerings: tuple[Offering, ...]
    applicants: tuple[Applicant, ...]
