"""Subjects of the year-9 final grades (*slutbetyg*) and the language slots.

The sixteen compulsory subjects (Svenska and Svenska som andraspråk being alternatives)
carry the codes of domain §3.3. A language is graded in a slot, the names Indra uses:

- `M1` a language taken as *elevens val* (the pupil's choice),
- `M2` a language taken as *språkval* (the language choice),
- `ML` *modersmål* (mother tongue),
- `EX1` an extra graded modern language.

Moderna språk and modersmål name their language with an ISO 639-3 code, as Skolverket's
language codes do (e.g. `SPA`). The language subject codes `MSP`, `MDM` and `TSP` are this
system's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Slot(StrEnum):
    """Where a language grade sits in the final grades."""

    M1 = "M1"
    M2 = "M2"
    ML = "ML"
    EX1 = "EX1"


@dataclass(frozen=True)
class Subject:
    """A subject with its code, its Swedish name, and whether it names a language."""

    code: str
    name: str
    needs_language_code: bool = False


SWEDISH = "SV"
SWEDISH_SECOND_LANGUAGE = "SVA"
ENGLISH = "EN"
MATHEMATICS = "MA"
MODERN_LANGUAGE = "MSP"
MOTHER_TONGUE = "MDM"
SIGN_LANGUAGE = "TSP"

COMPULSORY_SUBJECTS: tuple[Subject, ...] = (
    Subject("BL", "bild"),
    Subject("BI", "biologi"),
    Subject(ENGLISH, "engelska"),
    Subject("FY", "fysik"),
    Subject("GE", "geografi"),
    Subject("HKK", "hem- och konsumentkunskap"),
    Subject("HI", "historia"),
    Subject("IDH", "idrott och hälsa"),
    Subject("KE", "kemi"),
    Subject(MATHEMATICS, "matematik"),
    Subject("MU", "musik"),
    Subject("RE", "religionskunskap"),
    Subject("SH", "samhällskunskap"),
    Subject("SL", "slöjd"),
    Subject(SWEDISH, "svenska"),
    Subject(SWEDISH_SECOND_LANGUAGE, "svenska som andraspråk"),
    Subject("TK", "teknik"),
)

LANGUAGE_SUBJECTS: tuple[Subject, ...] = (
    Subject(MODERN_LANGUAGE, "moderna språk", needs_language_code=True),
    Subject(MOTHER_TONGUE, "modersmål", needs_language_code=True),
    Subject(SIGN_LANGUAGE, "teckenspråk för hörande"),
)

SUBJECTS: dict[str, Subject] = {s.code: s for s in COMPULSORY_SUBJECTS + LANGUAGE_SUBJECTS}

# Which subjects a slot may hold. As språkval (M2) a pupil may also read Swedish, Swedish
# as a second language, English, mother tongue or sign language (Skolverket, "Meritpoäng").
SLOT_SUBJECTS: dict[Slot, frozenset[str]] = {
    Slot.M1: frozenset({MODERN_LANGUAGE, MOTHER_TONGUE, SIGN_LANGUAGE}),
    Slot.M2: frozenset(
        {MODERN_LANGUAGE, MOTHER_TONGUE, SIGN_LANGUAGE, SWEDISH, SWEDISH_SECOND_LANGUAGE, ENGLISH}
    ),
    Slot.ML: frozenset({MOTHER_TONGUE}),
    Slot.EX1: frozenset({MODERN_LANGUAGE}),
}


def subject_name(code: str) -> str:
    """The Swedish name of a subject code, e.g. `KE` → `kemi`."""
    return SUBJECTS[code].name
