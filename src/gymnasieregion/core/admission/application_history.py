"""Which version of an application is the in-time reference for lateness (domain §5.2, EX-17).

An application is saved many times. A save made while applying or changing is open (the
application period, the change period) is in time as a whole; the last such save is the
reference list. Each line of the current list is then late or in time by
`lateness.late_flags`: a line added, or moved above a line it was below, after the
reference was saved is late. With no in-time save at all, every line is late.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from gymnasieregion.core.admission.lateness import late_flags


@dataclass(frozen=True, slots=True)
class Version:
    """One saved list of offering ids (best first), when it was saved, and if in a window."""

    saved_at: datetime
    offerings: tuple[str, ...]
    in_window: bool


def current_late_flags(versions: Sequence[Version]) -> tuple[bool, ...]:
    """The late flag of each line of the newest version (versions in any order)."""
    if not versions:
        return ()
    ordered = sorted(versions, key=lambda v: v.saved_at)
    current = ordered[-1]
    in_time = [v for v in ordered if v.in_window]
    reference: tuple[str, ...] = in_time[-1].offerings if in_time else ()
    return late_flags(reference, current.offerings)
