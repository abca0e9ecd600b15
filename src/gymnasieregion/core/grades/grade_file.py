"""The grade file a sending school imports: one row per pupil, term and subject.

Columns (header row 1, names case-insensitive, å/ä/ö may be written a/a/o):
`personnummer`, `ämne`, `språkplats` (M1, M2, ML, EX1 or empty), `språkkod` (ISO 639-3,
for moderna språk and modersmål only), `betyg` (A–F or `–`) and `termin` (HT9,
SLUTBETYG or KOMPLETTERING). The format is described in docs/domain/grade-file.md.

No file I/O: the caller passes CSV text, or rows already read (e.g. from an XLSX sheet)
as dictionaries of strings. Every row is checked and every error reported with its row
number and column; the caller saves nothing unless the error list is empty.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from gymnasieregion.core.grades.grade import Grade, parse_grade
from gymnasieregion.core.grades.subject_grade import LANGUAGE_CODE, SubjectGrade
from gymnasieregion.core.grades.subjects import SLOT_SUBJECTS, SUBJECTS, Slot
from gymnasieregion.core.grades.terms import GradeRecord, Term
from gymnasieregion.core.identity.personal_identity import (
    IdentityNumber,
    InvalidIdentityNumber,
    parse_identity_number,
)
from gymnasieregion.core.row_errors import RowError

IDENTITY = "personnummer"
SUBJECT = "ämne"
SLOT = "språkplats"
LANGUAGE = "språkkod"
GRADE = "betyg"
TERM = "termin"
COLUMNS = (IDENTITY, SUBJECT, SLOT, LANGUAGE, GRADE, TERM)
_ASCII = str.maketrans("åäö", "aao")
_ALIASES = {name.translate(_ASCII): name for name in COLUMNS}
_SHOWN = 40  # characters of a bad value repeated in a message
_SLOTS = frozenset(slot.value for slot in Slot)
_TERMS = frozenset(term.value for term in Term)


@dataclass(frozen=True)
class GradeRow:
    """One valid row: whose grade, for which term and subject."""

    row: int
    identity: IdentityNumber
    record: GradeRecord


@dataclass(frozen=True)
class ParsedGradeFile:
    """Either rows (and no errors) or errors (and no rows)."""

    rows: tuple[GradeRow, ...]
    errors: tuple[RowError, ...]


def parse_grade_csv(
    text: str,
    *,
    reference_date: date,
    known_identities: Collection[str] | None = None,
) -> ParsedGradeFile:
    """Parse CSV text separated by `;`, `,` or tab (the header line decides).

    Rows are numbered by their line in the file; see `parse_grade_rows` for the checks.
    """
    text = text.removeprefix("\ufeff")
    delimiter = max(";,\t", key=text.split("\n", 1)[0].count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        numbered = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        message = f"filen går inte att läsa som CSV ({error})."
        return ParsedGradeFile((), (RowError(reader.line_num, "fil", message),))
    missing = _missing_columns(reader.fieldnames or [])
    if missing:
        return ParsedGradeFile((), missing)
    return _parse(numbered, reference_date, known_identities)


def parse_grade_rows(
    rows: Iterable[Mapping[str, object]],
    *,
    reference_date: date,
    known_identities: Collection[str] | None = None,
) -> ParsedGradeFile:
    """Check every row; rows are numbered from 2 (row 1 is the header).

    `known_identities` are the twelve-character numbers of the pupils registered at the
    sending school; a pupil outside it is an error. `reference_date` fixes the century of
    ten-digit personnummer.
    """
    return _parse(enumerate(rows, start=2), reference_date, known_identities)


def _parse(
    numbered: Iterable[tuple[int, Mapping[str, object]]],
    reference_date: date,
    known_identities: Collection[str] | None,
) -> ParsedGradeFile:
    parsed: list[GradeRow] = []
    errors: list[RowError] = []
    first_seen: dict[tuple[str, Term, str], int] = {}
    for number, raw in numbered:
        row = _normalised(raw)
        if not any(row.values()):
            continue
        found: list[RowError] = []
        identity = _identity(row, number, reference_date, known_identities, found)
        record = _record(row, number, found)
        if identity is not None and record is not None:
            key = (identity.value, record.term, record.grade.key)
            if key in first_seen:
                found.append(
                    RowError(
                        number,
                        SUBJECT,
                        f"eleven har redan {record.grade.key} för {record.term} på rad "
                        f"{first_seen[key]}.",
                    )
                )
            else:
                first_seen[key] = number
                parsed.append(GradeRow(number, identity, record))
        errors += found
    if errors:
        return ParsedGradeFile((), tuple(errors))
    return ParsedGradeFile(tuple(parsed), ())


def _missing_columns(names: Sequence[str]) -> tuple[RowError, ...]:
    present = {_column(name) for name in names}
    return tuple(RowError(1, name, "kolumnen saknas.") for name in COLUMNS if name not in present)


def _column(name: str) -> str:
    cleaned = name.strip().lower()
    return _ALIASES.get(cleaned.translate(_ASCII), cleaned)


def _normalised(raw: Mapping[str, object]) -> dict[str, str]:
    """Column names matched to ours; values stripped; extra cells (key None) dropped."""
    row: dict[str, str] = {}
    for name, value in raw.items():
        if not isinstance(name, str) or not isinstance(value, str):
            continue
        column = _column(name)
        if column in COLUMNS:
            row[column] = value.strip()
    return row


def _identity(
    row: dict[str, str],
    number: int,
    reference_date: date,
    known: Collection[str] | None,
    errors: list[RowError],
) -> IdentityNumber | None:
    text = row.get(IDENTITY, "")
    if not text:
        errors.append(RowError(number, IDENTITY, "personnummer saknas."))
        return None
    try:
        identity = parse_identity_number(text, reference_date=reference_date)
    except InvalidIdentityNumber as error:
        errors.append(RowError(number, IDENTITY, _sentence(str(error))))
        return None
    if known is not None and identity.value not in known:
        errors.append(RowError(number, IDENTITY, "eleven är inte registrerad på skolan."))
        return None
    return identity


def _record(row: dict[str, str], number: int, errors: list[RowError]) -> GradeRecord | None:
    before = len(errors)
    code = row.get(SUBJECT, "").upper()
    slot_text = row.get(SLOT, "").upper()
    language = row.get(LANGUAGE, "").upper() or None
    subject = SUBJECTS.get(code)
    if not code:
        errors.append(RowError(number, SUBJECT, "ämne saknas."))
    elif subject is None:
        errors.append(RowError(number, SUBJECT, f"okänt ämne {_shown(code)}."))
    slot: Slot | None = None
    if slot_text:
        if slot_text in _SLOTS:
            slot = Slot(slot_text)
        else:
            errors.append(
                RowError(
                    number,
                    SLOT,
                    f"ogiltig språkplats {_shown(slot_text)}; ange M1, M2, ML, EX1 eller "
                    "lämna tomt.",
                )
            )
    if subject is not None and len(errors) == before:
        if slot is None and subject.needs_language_code:
            errors.append(RowError(number, SLOT, f"{subject.name} ska ha en språkplats."))
        elif slot is not None and code not in SLOT_SUBJECTS[slot]:
            errors.append(RowError(number, SLOT, f"{subject.name} kan inte stå på {slot}."))
    if subject is not None:
        if subject.needs_language_code and language is None:
            errors.append(RowError(number, LANGUAGE, f"språkkod saknas för {subject.name}."))
        elif not subject.needs_language_code and language is not None:
            errors.append(RowError(number, LANGUAGE, f"{subject.name} ska inte ha språkkod."))
        elif language is not None and not LANGUAGE_CODE.match(language):
            errors.append(
                RowError(
                    number,
                    LANGUAGE,
                    f"ogiltig språkkod {_shown(language)}; ange tre bokstäver enligt "
                    "ISO 639-3, t.ex. SPA.",
                )
            )
    grade_text = row.get(GRADE, "")
    grade: Grade | None = None
    try:
        grade = parse_grade(grade_text)
    except ValueError:
        errors.append(
            RowError(
                number, GRADE, f"ogiltigt betyg {_shown(grade_text)}; ange A–F eller – (streck)."
            )
        )
    term_text = row.get(TERM, "").upper()
    if term_text not in _TERMS:
        errors.append(
            RowError(
                number,
                TERM,
                f"ogiltig termin {_shown(term_text)}; ange HT9, SLUTBETYG eller KOMPLETTERING.",
            )
        )
    if len(errors) > before or grade is None:
        return None
    return GradeRecord(Term(term_text), SubjectGrade(code, grade, slot, language))


def _shown(value: str) -> str:
    return repr(value if len(value) <= _SHOWN else value[:_SHOWN] + "…")


def _sentence(message: str) -> str:
    """`Ogiltigt personnummer: …` → `ogiltigt personnummer: ….` as in the other row errors."""
    return message[:1].lower() + message[1:] + "."
