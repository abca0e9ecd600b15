"""When an applicant's list may be saved, and when a save is in time (domain §5.2, §6).

The windows are the catalogue's calendar (`catalogue.calendar`). A list saved in the
application or the change period is in time; a save after the application period, up to
the last reserve round, is accepted but its added or raised lines are late.
"""

from datetime import date

from gymnasieregion.apps.catalogue.calendar import Action, phase_is_open, phase_require
from gymnasieregion.apps.catalogue.models import AdmissionYear


def in_time(year: AdmissionYear, today: date) -> bool:
    """Whether a save today is in time: inside the application or the change period."""
    return phase_is_open(year=year, action=Action.APPLY, today=today) or phase_is_open(
        year=year, action=Action.CHANGE, today=today
    )


def require_application_open(year: AdmissionYear, today: date) -> None:
    """Raise `PhaseClosed` (naming the window) unless a list may be saved today."""
    if in_time(year, today):
        return
    if today < year.application_opens:
        phase_require(year=year, action=Action.APPLY, today=today)
    phase_require(year=year, action=Action.LATE_CHOICE, today=today)


def require_answer_open(year: AdmissionYear, today: date) -> None:
    """Answers are given from the final admission to the answer deadline (domain §5.7)."""
    phase_require(year=year, action=Action.ANSWER, today=today)
