"""The applicant's year and its newest published run, kept briefly in the cache (ADR 0105).

Every applicant's result page asks the same two things: which admission year is current
today, and which of its runs was published last. They change only when the office edits
the calendar or publishes a round, so each web process keeps the answer for
`YEAR_STATE_SECONDS`. The process that makes the change forgets it at once (the signals
in `apps.py`); the others see it within those seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache

from gymnasieregion.apps.admissions.models import AdmissionRun
from gymnasieregion.apps.admissions.selectors import admission_year_current, published_run_newest
from gymnasieregion.apps.catalogue.models import AdmissionYear

YEAR_STATE_KEY = "admissions:year-state"
YEAR_STATE_SECONDS = 5


@dataclass(frozen=True)
class YearState:
    today: date
    year: AdmissionYear | None
    run: AdmissionRun | None  # the newest published run of `year`, never a simulation


def year_state(*, today: date) -> YearState:
    """The current year on `today` and its newest published run (two queries, or none)."""
    state: YearState | None = cache.get(YEAR_STATE_KEY)
    if state is None or state.today != today:
        year = admission_year_current(today=today)
        run = published_run_newest(year=year) if year is not None else None
        state = YearState(today=today, year=year, run=run)
        cache.set(YEAR_STATE_KEY, state, YEAR_STATE_SECONDS)
    return state


def year_state_forget(**_: object) -> None:
    """Signal receiver: a year or a run changed in this process."""
    cache.delete(YEAR_STATE_KEY)
