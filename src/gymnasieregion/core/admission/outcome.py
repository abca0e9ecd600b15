"""The result of an admission run: an outcome for every choice line and figures per offering.

Statuses follow the domain document §5.1 (ANTAGEN, RESERV(n), STRUKEN, EJ_BEHÖRIG,
STARTAR_EJ, EJ_ERBJUDEN_PLATS) plus `declined` for lines the applicant has said no to.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from gymnasieregion.core.admission.problem import Round, TieBreak, Tier


class Status(StrEnum):
    """What happened to one choice line."""

    ADMITTED = "admitted"  # antagen
    RESERVE = "reserve"  # reserv, with a position on the offering's reserve list
    STRUCK = "struck"  # struken: ranked below the applicant's placement
    NOT_ELIGIBLE = "not_eligible"  # ej behörig
    CANCELLED = "cancelled"  # startar ej
    DECLINED = "declined"  # the applicant said no to the place or to staying reserve
    NOT_OFFERED = "not_offered"  # ej erbjuden plats: no rank at a ranking-selected offering


class Reason(StrEnum):
    """Why a line got its status; each reason has one Swedish sentence in `explanation.py`."""

    ADMITTED_FREE_QUOTA = "admitted_free_quota"
    ADMITTED_MERIT = "admitted_merit"
    ADMITTED_RANKING = "admitted_ranking"
    ADMITTED_SECURED = "admitted_secured"  # kept the place secured in an earlier round
    RESERVE_LOWER_TIER = "reserve_lower_tier"
    RESERVE_LOWER_MERIT = "reserve_lower_merit"
    RESERVE_TIE_BREAK = "reserve_tie_break"
    RESERVE_RANKING = "reserve_ranking"
    RESERVE_SEATS_SECURED = "reserve_seats_secured"  # seats held by earlier rounds' admissions
    RESERVE_NO_SEATS = "reserve_no_seats"  # no seat left outside fri kvot
    STRUCK_BELOW_PLACEMENT = "struck_below_placement"
    STRUCK_BELOW_SECURED = "struck_below_secured"  # below the place of an earlier round
    NOT_ELIGIBLE = "not_eligible"
    CANCELLED = "cancelled"
    DECLINED_PLACE = "declined_place"
    DECLINED_RESERVE = "declined_reserve"  # accepted a place without staying reserve
    NOT_OFFERED = "not_offered"


class ChoiceOutcome(NamedTuple):
    """The outcome of one choice line. `tier` is None where the line did not compete.

    A named tuple rather than a frozen dataclass: a region has 130,000 of them and a tuple
    is built several times faster; it is just as immutable.
    """

    offering: str
    rank: int
    status: Status
    reserve_position: int | None
    tier: Tier | None
    lottery: int
    reason: Reason
    explanation: str


class ApplicantOutcome(NamedTuple):
    """Where an applicant was placed (offering id, or None) and every line's outcome.

    A named tuple for the same reason as `ChoiceOutcome`: a country has 130,000 of them.
    """

    applicant: str
    placement: str | None
    choices: tuple[ChoiceOutcome, ...]


@dataclass(frozen=True, slots=True)
class Cutoff:
    """The last place outside fri kvot at a merit-selected offering (domain §5.10)."""

    tier: Tier
    merit: Decimal
    decided_by: TieBreak | None  # the tie-break step that decided the last place, if any


@dataclass(frozen=True, slots=True)
class OfferingOutcome:
    """Figures per offering. `cutoff` is None where every eligible applicant was admitted."""

    offering: str
    capacity: int
    cancelled: bool
    admitted: int
    free_quota_admitted: int
    reserves: int
    cutoff: Cutoff | None
    median_admitted_merit: Decimal | None
    all_eligible_admitted: bool
    below_minimum_size: bool


@dataclass(frozen=True, slots=True)
class Result:
    """One run: applicants and offerings sorted by id, so the order of the input never shows."""

    round: Round
    applicants: tuple[ApplicantOutcome, ...]
    offerings: tuple[OfferingOutcome, ...]
    proposals: int

    @property
    def below_minimum_size(self) -> tuple[str, ...]:
        """Offerings below their minimum size; cancelling one is the organiser's decision."""
        return tuple(o.offering for o in self.offerings if o.below_minimum_size)
