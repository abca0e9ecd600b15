"""Builders for grade sets in tests: compact strings instead of long tuples."""

from datetime import date

from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.eligibility import ApplicantFacts
from gymnasieregion.core.grades.grade import Grade
from gymnasieregion.core.grades.subject_grade import SubjectGrade
from gymnasieregion.core.grades.subjects import Slot

SIXTEEN = (
    "SV",
    "EN",
    "MA",
    "BI",
    "FY",
    "KE",
    "GE",
    "HI",
    "RE",
    "SH",
    "BL",
    "HKK",
    "IDH",
    "MU",
    "SL",
    "TK",
)
HT_2026 = date(2026, 8, 17)
YEAR_9 = ApplicantFacts(birth_date=date(2010, 5, 4))


def grades(spec: str) -> tuple[SubjectGrade, ...]:
    """`"SV:B EN:A M2/MSP/SPA:C ML/MDM/ARA:A"` → subject grades; `-` is the dash."""
    result = []
    for item in spec.split():
        where, mark = item.split(":")
        grade = Grade.DASH if mark == "-" else Grade(mark)
        if "/" in where:
            slot, subject, *language = where.split("/")
            result.append(
                SubjectGrade(subject, grade, Slot(slot), language[0] if language else None)
            )
        else:
            result.append(SubjectGrade(where, grade))
    return tuple(result)


def sixteen(marks: str) -> str:
    """Sixteen marks in the order SV EN MA BI FY KE GE HI RE SH BL HKK IDH MU SL TK."""
    return " ".join(f"{code}:{mark}" for code, mark in zip(SIXTEEN, marks, strict=True))


ROUNDS = tuple(Round)
