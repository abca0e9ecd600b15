"""The grade scale of the year-9 final grades: A–F and the dash (SFS 2011:2).

A–E are passing grades and F is failing. The dash `–` (*streck*) means no grade: there
was no basis for assessment, usually because of absence (prop. 2008/09:66). It is not a
pass and has no grade value.
"""

from __future__ import annotations

from enum import StrEnum

_DASHES = frozenset({"-", "–", "—", "‐", "‑", "−"})


class Grade(StrEnum):
    """One grade; the value of the dash is the en dash `–`."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    DASH = "–"

    @property
    def passed(self) -> bool:
        """A–E pass; F and the dash do not (domain §3.1 E0.4)."""
        return self not in (Grade.F, Grade.DASH)


def parse_grade(text: str) -> Grade:
    """Read a grade written as A–F (any case) or a dash; raise ValueError otherwise."""
    cleaned = text.strip().upper()
    if cleaned in _DASHES:
        return Grade.DASH
    if len(cleaned) == 1 and cleaned in "ABCDEF":
        return Grade(cleaned)
    raise ValueError("ogiltigt betyg")
