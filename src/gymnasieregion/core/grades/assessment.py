"""Merit value and eligibility for every programme of one applicant in one round.

What the pupil card shows and what the admission run is fed: the grade set of the round
(`grades_for_round`), its merit value, and eligibility for each programme. An applicant
with foreign grades gets no merit value; they are tried in fri kvot (domain §3.4, §4.4).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.eligibility import ApplicantFacts, Eligibility, eligibility_all
from gymnasieregion.core.grades.merit import MeritValue, merit_value
from gymnasieregion.core.grades.rule_set import RuleSet
from gymnasieregion.core.grades.subject_grade import SubjectGrade
from gymnasieregion.core.grades.terms import GradeRecord, grades_for_round


@dataclass(frozen=True)
class Assessment:
    """The grades tried, the merit value (None for foreign grades) and every eligibility."""

    rules_version: str
    round: Round
    grades: tuple[SubjectGrade, ...]
    merit: MeritValue | None
    eligibility: tuple[Eligibility, ...]

    def for_programme(self, code: str) -> Eligibility:
        """The eligibility for one programme code; raise KeyError if not in the catalogue."""
        for result in self.eligibility:
            if result.programme == code:
                return result
        raise KeyError(code)


def assess_applicant(
    records: Iterable[GradeRecord],
    *,
    rules: RuleSet,
    facts: ApplicantFacts,
    round_: Round,
    start_date: date,
) -> Assessment:
    """Assess one applicant's registered grades for `round_` by `rules`."""
    grades = grades_for_round(records, round_)
    merit = None if facts.foreign_grades else merit_value(grades, rules=rules, dancer=facts.dancer)
    return Assessment(
        rules_version=rules.version,
        round=round_,
        grades=grades,
        merit=merit,
        eligibility=eligibility_all(
            grades, rules=rules, facts=facts, round_=round_, start_date=start_date
        ),
    )
