"""Reception hand of a choice line at a municipal or regional school (SL 16 kap 43-44 §§).

Domain §5.3. An applicant is first-hand (*förstahandsmottagen*) when they live in the
school's municipality or its cooperation area, or when their home municipality says the
programme is not offered there (*yttrande: finns inte*), or when the receiving municipality
accepts special personal reasons. Otherwise they are second-hand. An independent school may
not distinguish (the openness requirement), so its lines have no hand.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from gymnasieregion.core.admission.problem import Hand


class Statement(StrEnum):
    """The home municipality's statement (*yttrande*) on a choice line."""

    AT_PARTNER = "at_partner"  # finns hos samverkanspart
    AT_HOME = "at_home"  # finns i egna kommunen
    NOT_OFFERED = "not_offered"  # finns inte


def reception_hand(
    *,
    independent_school: bool,
    school_municipality: str,
    home_municipality: str,
    cooperation_area: Collection[str],
    statement: Statement | None = None,
    special_reasons_accepted: bool = False,
) -> Hand:
    """The hand of one line; municipalities are given by their four-digit codes.

    `cooperation_area` holds the municipalities whose residents the school's municipality
    receives first-hand (for Storsthlm: the 26 members and Håbo, as data per agreement).
    """
    if independent_school:
        return Hand.NONE
    if home_municipality == school_municipality or (
        school_municipality in cooperation_area and home_municipality in cooperation_area
    ):
        return Hand.FIRST
    if statement is Statement.NOT_OFFERED or special_reasons_accepted:
        return Hand.FIRST
    return Hand.SECOND
