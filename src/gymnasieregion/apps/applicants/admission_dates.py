"""The dates and rules of the admission year that grades and pupil cards depend on.

The catalogue app holds the admission year and its calendar (`catalogue.AdmissionYear`).
The services of this app never look dates up themselves: they take `deadline` and
`today` as keyword arguments, and views, API and commands resolve them here. When the
year is not set up in the catalogue, the Storsthlm pattern is used: final grades by
25 June (domain §6, "Slutbetyg import … final deadline 25 Jun") and studies starting
15 August.
"""

from dataclasses import dataclass
from datetime import date

from gymnasieregion.apps.catalogue.models import AdmissionYear
from gymnasieregion.core.grades.rule_set import RULE_SETS, RuleSet

DEFAULT_DEADLINE = (6, 25)
DEFAULT_STUDY_START = (8, 15)
FIRST_MONTH_OF_NEXT_YEAR = 9  # from September, year-9 pupils apply for next year's start


@dataclass(frozen=True)
class AdmissionDates:
    """What an admission year means for grades: its deadline, start date and rules."""

    year: int
    final_grade_deadline: date
    study_start: date
    rules: RuleSet


def admission_year_for(today: date) -> int:
    """The year studies start for those applying now: this year until August, then next."""
    return today.year + (1 if today.month >= FIRST_MONTH_OF_NEXT_YEAR else 0)


def rules_for(year: int, version: str = "") -> RuleSet:
    """The rule set with `version`, else the year's, else the latest earlier year's."""
    for rules in RULE_SETS.values():
        if version and rules.version == version:
            return rules
    earlier = [y for y in RULE_SETS if y <= year] or list(RULE_SETS)
    return RULE_SETS[year] if year in RULE_SETS else RULE_SETS[max(earlier)]


def admission_dates(*, today: date) -> AdmissionDates:
    """The dates of the admission year current on `today` (one query)."""
    year = admission_year_for(today)
    configured = AdmissionYear.objects.filter(year=year).first()
    if configured is not None:
        return AdmissionDates(
            year=year,
            final_grade_deadline=configured.final_grade_deadline,
            study_start=configured.study_start,
            rules=rules_for(year, configured.rules_version),
        )
    return AdmissionDates(
        year=year,
        final_grade_deadline=date(year, *DEFAULT_DEADLINE),
        study_start=date(year, *DEFAULT_STUDY_START),
        rules=rules_for(year),
    )
