"""Grade sets per term, and which set each admission round uses (domain §3.3 E1.4–E1.5, §4.3).

- Preliminary round: the autumn grades of year 9 (`HT9`); an older applicant who already
  has final grades is tried on those.
- Final round: the final grades (`SLUTBETYG`).
- Reserve rounds: the final grades with supplements (`KOMPLETTERING`, e.g. summer school
  or *prövning*). A supplement counts only where the final grade is missing, F or the
  dash; any other registered grade is locked (Indra manual, "Betygskomplettering").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.grade import Grade
from gymnasieregion.core.grades.subject_grade import SubjectGrade


class Term(StrEnum):
    """The term a grade was registered for."""

    HT9 = "HT9"  # höstterminsbetyg i årskurs 9
    SLUTBETYG = "SLUTBETYG"  # slutbetyg från grundskolan
    KOMPLETTERING = "KOMPLETTERING"  # betygskomplettering efter slutbetyget


@dataclass(frozen=True, slots=True)
class GradeRecord:
    """A subject grade registered for a term."""

    term: Term
    grade: SubjectGrade


def grades_for_round(records: Iterable[GradeRecord], round_: Round) -> tuple[SubjectGrade, ...]:
    """The grade set a round tries the applicant on, sorted so row order never matters.

    Raises ValueError if a subject or slot occurs twice in one term.
    """
    by_term: dict[Term, dict[str, SubjectGrade]] = {
        Term.HT9: {},
        Term.SLUTBETYG: {},
        Term.KOMPLETTERING: {},
    }
    for record in records:
        grades = by_term[record.term]
        if record.grade.key in grades:
            raise ValueError(f"{record.grade.key} förekommer två gånger i {record.term}")
        grades[record.grade.key] = record.grade
    final = by_term[Term.SLUTBETYG]
    if round_ is Round.PRELIMINARY:
        chosen = final or by_term[Term.HT9]
    elif round_ is Round.FINAL:
        chosen = final
    else:
        chosen = dict(final)
        for key, supplement in by_term[Term.KOMPLETTERING].items():
            locked = key in final and final[key].grade not in (Grade.F, Grade.DASH)
            if not locked:
                chosen[key] = supplement
    return tuple(grade for _, grade in sorted(chosen.items()))
