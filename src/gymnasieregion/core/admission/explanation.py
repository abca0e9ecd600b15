"""A Swedish sentence for every choice-line outcome (domain §10 R4, FL 32 § motivering).

Numbers are written the Swedish way, with a decimal comma and at least one decimal:
"Reserv nr 4. Den sista platsen gick till meritvärde 285,0; ditt meritvärde är 282,5."
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from gymnasieregion.core.admission.outcome import Reason
from gymnasieregion.core.admission.problem import Round, TieBreak, Tier

_ONE_DECIMAL = Decimal("0.1")
_CACHE = 1 << 16  # sentences repeat: the same figures recur across a region
_WRITTEN: dict[Decimal, tuple[Decimal, str]] = {}  # value -> (the value written, its text)

TIER_LABELS = {
    Tier.FREE_QUOTA: "fri kvot",
    Tier.IN_TIME_FIRST_HAND: "i tid, förstahandsmottagen",
    Tier.IN_TIME_SECOND_HAND: "i tid, andrahandsmottagen",
    Tier.LATE_FIRST_HAND: "sent val, förstahandsmottagen",
    Tier.LATE_SECOND_HAND: "sent val, andrahandsmottagen",
}
TIE_BREAK_LABELS = {
    TieBreak.CHOICE_RANK: "valprioritet",
    TieBreak.GRADE_SUM: "betygsvärde utan provpoäng",
    TieBreak.GRADE_COUNT: "antal betyg",
    TieBreak.LOTTERY: "lottning",
}
_FIXED = {
    Reason.ADMITTED_FREE_QUOTA: "Antagen i fri kvot.",
    Reason.ADMITTED_SECURED: "Du behåller platsen från en tidigare antagningsomgång.",
    Reason.NOT_ELIGIBLE: "Du är inte behörig till utbildningen.",
    Reason.CANCELLED: "Utbildningen startar inte.",
    Reason.DECLINED_PLACE: "Du har tackat nej till platsen.",
    Reason.DECLINED_RESERVE: "Du har valt att inte stå kvar som reserv.",
    Reason.NOT_OFFERED: "Skolan har inte erbjudit dig plats.",
}


def swedish_decimal(value: Decimal) -> str:
    """285 → "285,0"; 282.5 → "282,5"; 283.33 → "283,33"; 282.50 → "282,50".

    The value is written as given, with its own number of decimals. `Decimal("282.5")` and
    `Decimal("282.50")` are equal, so a cached text is used only if it was written from a
    value with the same exponent: a cache keyed by the value alone would write whichever came
    first in the process, and a sentence would depend on earlier runs. The sentence caches
    below are keyed by the written text for the same reason.
    """
    known = _WRITTEN.get(value)
    if known is not None and known[0].same_quantum(value):
        return known[1]
    exponent = value.as_tuple().exponent
    written = value.quantize(_ONE_DECIMAL) if isinstance(exponent, int) and exponent > -1 else value
    text = str(written).replace(".", ",")
    if len(_WRITTEN) < _CACHE:
        _WRITTEN.setdefault(value, (value, text))
    return text


def fixed_sentence(reason: Reason) -> str:
    """The sentence of a reason that needs no figures."""
    return _FIXED[reason]


def admitted_merit(merit: Decimal, round_: Round) -> str:
    """Admitted on merit; in the preliminary round no seat is held (domain §5.6)."""
    return _admitted_merit(swedish_decimal(merit), round_ is Round.PRELIMINARY)


@lru_cache(maxsize=_CACHE)
def _admitted_merit(merit: str, preliminary: bool) -> str:
    if preliminary:
        return (
            f"Preliminärt antagen med meritvärde {merit}. "
            "Platsen är inte reserverad förrän vid slutantagningen."
        )
    return f"Antagen med meritvärde {merit}."


@lru_cache(maxsize=_CACHE)
def admitted_ranking(school_rank: int) -> str:
    """Admitted by the school's ranking."""
    return f"Antagen enligt skolans rangordning (nr {school_rank})."


def reserve_lower_merit(position: int, last_merit: Decimal, merit: Decimal) -> str:
    """Reserve because the last place went to a higher merit value in the same tier."""
    return reserve_lower_merit_text(position, swedish_decimal(last_merit), swedish_decimal(merit))


def reserve_lower_merit_text(position: int, last_merit: str, merit: str) -> str:
    """`reserve_lower_merit` with both merit values already written by `swedish_decimal`.

    Not cached: the reserve position makes nearly every such sentence unique.
    """
    return (
        f"Reserv nr {position}. Den sista platsen gick till meritvärde {last_merit}; "
        f"ditt meritvärde är {merit}."
    )


def reserve_tie_break(position: int, merit: Decimal, step: TieBreak) -> str:
    """Reserve because the tie-break chain decided between equal merit values."""
    return (
        f"Reserv nr {position}. Den sista platsen gick till meritvärde "
        f"{swedish_decimal(merit)}, samma som ditt; lika meritvärde avgjordes genom "
        f"{TIE_BREAK_LABELS[step]}."
    )


@lru_cache(maxsize=_CACHE)
def reserve_lower_tier(position: int, last_tier: Tier, tier: Tier) -> str:
    """Reserve because the last place went to a tier that comes first (domain §5.2)."""
    return (
        f"Reserv nr {position}. Den sista platsen gick till gruppen "
        f"”{TIER_LABELS[last_tier]}”, som prövas före din grupp ”{TIER_LABELS[tier]}”."
    )


@lru_cache(maxsize=_CACHE)
def reserve_ranking(position: int) -> str:
    """Reserve by the school's ranking."""
    return f"Reserv nr {position} enligt skolans rangordning."


@lru_cache(maxsize=_CACHE)
def reserve_seats_secured(position: int) -> str:
    """Reserve because the seats are held by admissions of earlier rounds."""
    return (
        f"Reserv nr {position}. Platserna är upptagna av sökande som fick dem "
        "i en tidigare antagningsomgång."
    )


@lru_cache(maxsize=_CACHE)
def reserve_no_seats(position: int) -> str:
    """Reserve at an offering with no seat outside fri kvot."""
    return f"Reserv nr {position}. Det fanns inga platser att fördela efter meritvärde."


@lru_cache(maxsize=_CACHE)
def struck_below_placement(placed_rank: int) -> str:
    """Struck because a higher choice was admitted (domain §5.5 R3)."""
    return f"Struken eftersom du är antagen till ditt val {placed_rank}, som du rangordnat högre."


@lru_cache(maxsize=_CACHE)
def struck_below_secured(secured_rank: int) -> str:
    """Struck because the line is below the place from an earlier round."""
    return (
        "Struken eftersom valet ligger under platsen från en tidigare antagningsomgång "
        f"(ditt val {secured_rank})."
    )
