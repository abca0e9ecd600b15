"""The phases of an admission year: which action is open on which day (domain §6).

Every rule takes `today` as an argument and never reads the clock; views pass
`django.utils.timezone.localdate()`. A window includes both its first and last day.
A refusal (`PhaseClosed`) says when the action is open, in Swedish:
"Ansökan är öppen 14 januari–15 februari 2027."

See docs/domain/admission-calendar.md for the phases with a worked example.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from django.core.exceptions import ValidationError

from gymnasieregion.apps.catalogue.models import AdmissionYear
from gymnasieregion.core.grades.rule_set import rule_set_by_version

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
ONE_DAY = timedelta(days=1)


class Action(StrEnum):
    """Actions bound to a phase of the admission year."""

    OFFERINGS_EDIT = "offerings_edit"  # schools plan their offerings
    OFFERINGS_EDIT_OFFICE = "offerings_edit_office"  # the office, until applications open
    OFFERING_CANCEL_SCHOOL = "offering_cancel_school"  # a school lays down its own offering
    OFFERING_CANCEL_OFFICE = "offering_cancel_office"  # the office, until studies start
    APPLY = "apply"  # ansökningsperioden
    CHANGE = "change"  # omvalsperioden (in time)
    LATE_CHOICE = "late_choice"  # sena ansökningar och sena omval
    ANSWER = "answer"  # svar på antagningen


@dataclass(frozen=True)
class Window:
    """First and last day an action is open; None for an open end."""

    first: date | None
    last: date | None

    def contains(self, day: date) -> bool:
        return (self.first is None or self.first <= day) and (self.last is None or day <= self.last)

    def __str__(self) -> str:
        return window_text(self.first, self.last)


def date_text(day: date, *, with_year: bool = True) -> str:
    """`14 januari 2027`, or `14 januari` without the year."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def window_text(first: date | None, last: date | None) -> str:
    """`14 januari–15 februari 2027`; the year is written once when both days share it."""
    if first is None and last is None:
        return "hela året"
    if first is None:
        assert last is not None
        return f"till och med {date_text(last)}"
    if last is None:
        return f"från och med {date_text(first)}"
    if first == last:
        return date_text(first)
    return f"{date_text(first, with_year=first.year != last.year)}–{date_text(last)}"


def last_reserve_round(year: AdmissionYear) -> date:
    """The last reserve round, or the answer deadline when the year has none."""
    dates = [date.fromisoformat(d) for d in year.reserve_round_dates]
    return max(dates, default=year.answer_deadline)


@dataclass(frozen=True)
class Phase:
    """An action's window in a year and the sentence that names it (`{window}` filled in)."""

    sentence: str
    window: Callable[[AdmissionYear], Window]


PHASES: dict[Action, Phase] = {
    Action.OFFERINGS_EDIT: Phase(
        "Skolorna kan lägga upp och ändra utbildningar {window}.",
        lambda y: Window(y.offerings_open, y.application_opens - ONE_DAY),
    ),
    Action.OFFERINGS_EDIT_OFFICE: Phase(
        "Antagningskansliet kan lägga upp och ändra utbildningar {window}.",
        lambda y: Window(None, y.application_opens - ONE_DAY),
    ),
    Action.OFFERING_CANCEL_SCHOOL: Phase(
        "Skolan kan själv lägga ned en utbildning {window}; därefter gör antagningskansliet det.",
        lambda y: Window(y.offerings_open, y.preliminary_published - ONE_DAY),
    ),
    Action.OFFERING_CANCEL_OFFICE: Phase(
        "En utbildning kan läggas ned {window}.",
        lambda y: Window(None, y.study_start - ONE_DAY),
    ),
    Action.APPLY: Phase(
        "Ansökan är öppen {window}.",
        lambda y: Window(y.application_opens, y.application_closes),
    ),
    Action.CHANGE: Phase(
        "Omvalet är öppet {window}.",
        lambda y: Window(y.change_opens, y.change_closes),
    ),
    Action.LATE_CHOICE: Phase(
        "Sena ansökningar och sena omval tas emot {window}.",
        lambda y: Window(y.application_closes + ONE_DAY, last_reserve_round(y)),
    ),
    Action.ANSWER: Phase(
        "Svar på antagningen kan lämnas {window}.",
        lambda y: Window(y.final_published, y.answer_deadline),
    ),
}


class PhaseClosed(ValidationError):
    """The action is not open today; the message says when it is."""

    def __init__(self, *, action: Action, window: Window, message: str) -> None:
        super().__init__(message, code="phase_closed")
        self.action = action
        self.window = window

    def __str__(self) -> str:
        return str(self.message)


def phase_window(*, year: AdmissionYear, action: Action | str) -> Window:
    """The days `action` is open in `year`."""
    return PHASES[Action(action)].window(year)


def phase_sentence(*, year: AdmissionYear, action: Action | str) -> str:
    """`Ansökan är öppen 14 januari–15 februari 2027.`"""
    phase = PHASES[Action(action)]
    return phase.sentence.format(window=phase.window(year))


def phase_is_open(*, year: AdmissionYear, action: Action | str, today: date) -> bool:
    return phase_window(year=year, action=action).contains(today)


def phase_require(*, year: AdmissionYear, action: Action | str, today: date) -> None:
    """Raise `PhaseClosed`, naming the window, unless `action` is open on `today`."""
    window = phase_window(year=year, action=action)
    if not window.contains(today):
        raise PhaseClosed(
            action=Action(action),
            window=window,
            message=phase_sentence(year=year, action=action),
        )


@dataclass(frozen=True)
class TimelineStep:
    """One line of the year's timeline as the pages show it."""

    label: str
    window: Window

    def state(self, today: date) -> str:
        """`past`, `current` or `future`."""
        if self.window.last is not None and today > self.window.last:
            return "past"
        if self.window.first is not None and today < self.window.first:
            return "future"
        return "current"


def phase_timeline(*, year: AdmissionYear) -> list[TimelineStep]:
    """The year's calendar in order, for the office's pages and the public catalogue."""
    steps = [
        TimelineStep(
            "Skolorna lägger upp utbildningar",
            Window(year.offerings_open, year.application_opens - ONE_DAY),
        ),
        TimelineStep("Ansökan", Window(year.application_opens, year.application_closes)),
        TimelineStep(
            "Preliminär antagning publiceras",
            Window(year.preliminary_published, year.preliminary_published),
        ),
        TimelineStep("Omval", Window(year.change_opens, year.change_closes)),
        TimelineStep(
            "Sista dag för slutbetyg", Window(year.final_grade_deadline, year.final_grade_deadline)
        ),
        TimelineStep(
            "Slutantagning publiceras", Window(year.final_published, year.final_published)
        ),
        TimelineStep("Svar på antagningen", Window(year.final_published, year.answer_deadline)),
    ]
    for number, iso in enumerate(sorted(year.reserve_round_dates), start=1):
        day = date.fromisoformat(iso)
        steps.append(TimelineStep(f"Reservantagning {number}", Window(day, day)))
    steps.append(TimelineStep("Skolstart", Window(year.study_start, year.study_start)))
    return steps


# The order of the calendar: (earlier field, later field, message on the later field).
CALENDAR_ORDER = (
    ("offerings_open", "application_opens", "Planeringen av utbildningar ska börja före ansökan."),
    ("application_opens", "application_closes", "Ansökan kan inte stänga innan den öppnar."),
    ("application_closes", "change_opens", "Omvalet kan inte öppna innan ansökan stänger."),
    ("change_opens", "change_closes", "Omvalet kan inte stänga innan det öppnar."),
    (
        "preliminary_published",
        "change_closes",
        "Den preliminära antagningen ska publiceras innan omvalet stänger.",
    ),
    (
        "change_closes",
        "final_grade_deadline",
        "Sista dag för slutbetyg ska vara efter omvalet.",
    ),
    (
        "final_grade_deadline",
        "final_published",
        "Slutantagningen kan inte publiceras före sista dag för slutbetyg.",
    ),
    ("final_published", "answer_deadline", "Sista svarsdag kan inte vara före slutantagningen."),
    ("answer_deadline", "study_start", "Skolstarten ska vara efter sista svarsdag."),
)


@dataclass(frozen=True)
class AdmissionYearData:
    """The settings and calendar of an admission year (domain §6)."""

    seed: str
    offerings_open: date
    application_opens: date
    application_closes: date
    change_opens: date
    change_closes: date
    preliminary_published: date
    final_grade_deadline: date
    final_published: date
    answer_deadline: date
    study_start: date
    reserve_round_dates: tuple[date, ...] = field(default_factory=tuple)
    rules_version: str = "2026.1"
    choice_cap: int = 20


def admission_year_errors(data: AdmissionYearData) -> dict[str, list[str]]:
    """Field → Swedish messages for a calendar out of order or bad settings."""
    errors: dict[str, list[str]] = {}
    for earlier, later, message in CALENDAR_ORDER:
        if getattr(data, earlier) > getattr(data, later):
            errors.setdefault(later, []).append(message)
    if data.offerings_open == data.application_opens:
        errors.setdefault("application_opens", []).append(CALENDAR_ORDER[0][2])
    for day in data.reserve_round_dates:
        if not data.final_published < day < data.study_start:
            errors.setdefault("reserve_round_dates", []).append(
                f"Reservantagningen {day.isoformat()} ska ligga mellan slutantagningen och skolstarten."
            )
    if data.choice_cap < 1:
        errors.setdefault("choice_cap", []).append("Högsta antal val ska vara minst 1.")
    if not data.seed.strip():
        errors.setdefault("seed", []).append("Ange lottningens frö.")
    try:
        rule_set_by_version(data.rules_version)
    except KeyError as error:
        errors.setdefault("rules_version", []).append(str(error.args[0]))
    return errors
