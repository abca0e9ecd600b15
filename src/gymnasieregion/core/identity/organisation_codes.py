"""Official codes of organisations: municipality codes (SCB) and school-unit codes
(Skolverket's *skolenhetskod*)."""

import re

_MUNICIPALITY = re.compile(r"^\d{4}$")
_SCHOOL_UNIT = re.compile(r"^\d{8}$")


def check_municipality_code(code: str) -> str:
    """A municipality code is four digits: county (two) and municipality (two), e.g. 0180."""
    if not _MUNICIPALITY.match(code) or code[:2] == "00":
        raise ValueError(f"Kommunkoden {code!r} ska vara fyra siffror, till exempel 0180.")
    return code


def check_school_unit_code(code: str) -> str:
    """A school-unit code is eight digits."""
    if not _SCHOOL_UNIT.match(code):
        raise ValueError(f"Skolenhetskoden {code!r} ska vara åtta siffror.")
    return code
