"""The national and introduction programmes of the catalogue, with their codes (domain §3.2, §3.5).

The catalogue is the one for education started after 30 June 2025 (prop. 2022/23:94):
Frisör- och stylistprogrammet replaces Hantverksprogrammet, and Försäljnings- och
serviceprogrammet is the successor of Handels- och administrationsprogrammet. The codes
of these two (`FR`, `FS`) are to be checked against Skolverket's studievägskoder.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ProgrammeKind(StrEnum):
    """Which eligibility rule a programme follows."""

    PREPARATORY = "preparatory"  # högskoleförberedande program
    VOCATIONAL = "vocational"  # yrkesprogram
    INTRODUCTION = "introduction"  # introduktionsprogram


@dataclass(frozen=True)
class Programme:
    """A programme; `required_subjects` are the subjects named for it beyond the core."""

    code: str
    name: str
    kind: ProgrammeKind
    required_subjects: frozenset[str] = frozenset()


_SOCIAL = frozenset({"GE", "HI", "RE", "SH"})
_SCIENCE = frozenset({"BI", "FY", "KE"})
_P = ProgrammeKind.PREPARATORY
_V = ProgrammeKind.VOCATIONAL
_I = ProgrammeKind.INTRODUCTION

IMV = "IMV"
IMY = "IMY"
IMA = "IMA"
IMS = "IMS"

PROGRAMMES_FROM_2025: tuple[Programme, ...] = (
    Programme("EK", "Ekonomiprogrammet", _P, _SOCIAL),
    Programme("ES", "Estetiska programmet", _P),
    Programme("HU", "Humanistiska programmet", _P, _SOCIAL),
    Programme("NA", "Naturvetenskapsprogrammet", _P, _SCIENCE),
    Programme("SA", "Samhällsvetenskapsprogrammet", _P, _SOCIAL),
    Programme("TE", "Teknikprogrammet", _P, _SCIENCE),
    Programme("BF", "Barn- och fritidsprogrammet", _V),
    Programme("BA", "Bygg- och anläggningsprogrammet", _V),
    Programme("EE", "El- och energiprogrammet", _V),
    Programme("FT", "Fordons- och transportprogrammet", _V),
    Programme("FR", "Frisör- och stylistprogrammet", _V),
    Programme("FS", "Försäljnings- och serviceprogrammet", _V),
    Programme("HT", "Hotell- och turismprogrammet", _V),
    Programme("IN", "Industritekniska programmet", _V),
    Programme("NB", "Naturbruksprogrammet", _V),
    Programme("RL", "Restaurang- och livsmedelsprogrammet", _V),
    Programme("VF", "VVS- och fastighetsprogrammet", _V),
    Programme("VO", "Vård- och omsorgsprogrammet", _V),
    Programme(IMV, "Programinriktat val", _I),
    Programme(IMY, "Yrkesintroduktion", _I),
    Programme(IMA, "Individuellt alternativ", _I),
    Programme(IMS, "Språkintroduktion", _I),
)
