"""The applicant's unsent list of choices (*utkast*), kept in the session until it is sent.

The applicant adds, moves and removes lines one click at a time; nothing is saved until
"Skicka ansökan" hands the whole list to `services.application_save`, which checks it
again and saves all of it or nothing. The early checks here only spare the applicant a
surprise when sending: an unknown or cancelled offering, the same offering twice, more
lines than the cap. Every operation returns a new list and never changes its input.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering

SESSION_KEY = "admissions.draft.{year}"


class DraftError(ValueError):
    """A change of the list that is refused, with the Swedish reason."""


def draft_load(
    session: MutableMapping[str, Any], *, year: AdmissionYear, saved: Sequence[int]
) -> list[int]:
    """The unsent list of `year`, or the saved list when nothing is being changed."""
    stored = session.get(SESSION_KEY.format(year=year.year))
    if not isinstance(stored, list):
        return list(saved)
    return [int(i) for i in stored if isinstance(i, int)]


def draft_store(
    session: MutableMapping[str, Any], *, year: AdmissionYear, ids: Sequence[int]
) -> None:
    session[SESSION_KEY.format(year=year.year)] = list(ids)


def draft_clear(session: MutableMapping[str, Any], *, year: AdmissionYear) -> None:
    session.pop(SESSION_KEY.format(year=year.year), None)


def draft_add(
    ids: Sequence[int], *, year: AdmissionYear, offering: Offering | None, offering_id: int
) -> list[int]:
    """The list with the offering last; refused with the same words as the save."""
    if offering is None or offering.admission_year_id != year.pk:
        raise DraftError(f"Utbildningen finns inte i antagningsåret {year.year}.")
    if offering.cancelled:
        raise DraftError(f"{offering.name} startar inte och kan inte väljas.")
    if offering_id in ids:
        raise DraftError(f"{offering.name} finns redan i din lista.")
    if len(ids) >= year.choice_cap:
        raise DraftError(f"Du kan välja högst {year.choice_cap} utbildningar.")
    return [*ids, offering_id]


def draft_move(ids: Sequence[int], offering_id: int, *, steps: int) -> list[int]:
    """The list with the offering moved `steps` places down (negative: up), kept inside."""
    if offering_id not in ids:
        raise DraftError("Utbildningen finns inte i din lista.")
    moved = list(ids)
    index = moved.index(offering_id)
    target = min(max(index + steps, 0), len(moved) - 1)
    moved.insert(target, moved.pop(index))
    return moved


def draft_remove(ids: Sequence[int], offering_id: int) -> list[int]:
    if offering_id not in ids:
        raise DraftError("Utbildningen finns inte i din lista.")
    return [i for i in ids if i != offering_id]
