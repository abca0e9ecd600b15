"""One grade in one subject, the unit that merit value and eligibility count."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gymnasieregion.core.grades.grade import Grade
from gymnasieregion.core.grades.subjects import SLOT_SUBJECTS, SUBJECTS, Slot

LANGUAGE_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class SubjectGrade:
    """A grade in `subject`; a language grade also has its `slot` and `language` code.

    A compulsory subject has no slot. Within one grade set a subject without a slot, and a
    slot, may occur once: `key` is what must be unique.
    """

    subject: str
    grade: Grade
    slot: Slot | None = None
    language: str | None = None
    key: str = field(init=False, repr=False, compare=False)
    """The slot for a language grade, otherwise the subject code."""

    def __post_init__(self) -> None:
        subject = SUBJECTS.get(self.subject)
        if subject is None:
            raise ValueError(f"okänt ämne {self.subject!r}")
        if self.slot is None and subject.needs_language_code:
            raise ValueError(f"ämnet {self.subject} ska ha en språkplats")
        if self.slot is not None and self.subject not in SLOT_SUBJECTS[self.slot]:
            raise ValueError(f"ämnet {self.subject} kan inte ha språkplats {self.slot}")
        if subject.needs_language_code != (self.language is not None):
            raise ValueError(f"språkkod ska anges för ämnet {self.subject} och bara för det")
        if self.language is not None and not LANGUAGE_CODE.match(self.language):
            raise ValueError(f"ogiltig språkkod {self.language!r}")
        object.__setattr__(self, "key", self.slot if self.slot is not None else self.subject)

    @property
    def label(self) -> str:
        """How the pupil card names it, e.g. `moderna språk (SPA), M2`."""
        name = SUBJECTS[self.subject].name
        if self.language:
            name = f"{name} ({self.language})"
        return f"{name}, {self.slot}" if self.slot else name


def check_unique(grades: tuple[SubjectGrade, ...]) -> None:
    """Raise ValueError if a subject or a slot occurs twice in one grade set."""
    keys = {g.key for g in grades}
    if len(keys) != len(grades):
        raise ValueError("samma ämne eller språkplats förekommer två gånger")
