"""The grade file parser: valid rows, every row error in Swedish, and fuzzing."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from gymnasieregion.core.grades.grade import Grade
from gymnasieregion.core.grades.grade_file import (
    COLUMNS,
    ParsedGradeFile,
    parse_grade_csv,
    parse_grade_rows,
)
from gymnasieregion.core.grades.subjects import Slot
from gymnasieregion.core.grades.terms import Term
from gymnasieregion.core.row_errors import RowError

REFERENCE = date(2026, 6, 1)
PUPIL = "20100314-2385"  # a made-up number with a valid check digit
OTHER = "191212121212"
HEADER = "personnummer;ämne;språkplats;språkkod;betyg;termin"


def csv(*lines: str) -> ParsedGradeFile:
    return parse_grade_csv("\n".join((HEADER, *lines)), reference_date=REFERENCE)


def errors(*lines: str) -> list[tuple[int, str, str]]:
    return [(e.row, e.field, e.message) for e in csv(*lines).errors]


def test_a_valid_file_gives_one_record_per_row_with_the_normalised_number() -> None:
    parsed = csv(
        f"{PUPIL};MA;;;B;SLUTBETYG",
        f"{PUPIL};msp;m2;spa;c;slutbetyg",
        f"{PUPIL};MU;;;–;HT9",
    )
    assert parsed.errors == ()
    assert [row.row for row in parsed.rows] == [2, 3, 4]
    first, language, dash = (row.record for row in parsed.rows)
    assert parsed.rows[0].identity.value == "201003142385"
    assert (first.term, first.grade.subject, first.grade.grade) == (Term.SLUTBETYG, "MA", Grade.B)
    assert (language.grade.slot, language.grade.language) == (Slot.M2, "SPA")
    assert (dash.term, dash.grade.grade) == (Term.HT9, Grade.DASH)


def test_commas_tabs_a_byte_order_mark_and_ascii_column_names_are_accepted() -> None:
    for delimiter in (",", "\t"):
        header = delimiter.join(
            ("\ufeffPersonnummer", "amne", "sprakplats", "sprakkod", "BETYG", "termin")
        )
        row = delimiter.join((PUPIL, "EN", "", "", "A", "SLUTBETYG"))
        parsed = parse_grade_csv(f"{header}\r\n{row}\r\n", reference_date=REFERENCE)
        assert parsed.errors == ()
        assert len(parsed.rows) == 1


def test_a_missing_column_is_reported_on_row_one() -> None:
    parsed = parse_grade_csv("personnummer;ämne;betyg;termin\n", reference_date=REFERENCE)
    assert parsed.errors == (
        RowError(1, "språkplats", "kolumnen saknas."),
        RowError(1, "språkkod", "kolumnen saknas."),
    )


def test_an_unknown_subject_is_reported_with_row_and_column() -> None:
    assert errors(f"{PUPIL};XX;;;A;SLUTBETYG") == [(2, "ämne", "okänt ämne 'XX'.")]


def test_an_invalid_grade_is_reported() -> None:
    assert errors(f"{PUPIL};MA;;;G;SLUTBETYG") == [
        (2, "betyg", "ogiltigt betyg 'G'; ange A–F eller – (streck).")
    ]


def test_an_invalid_personnummer_is_reported_in_swedish() -> None:
    assert errors("20100314-2384;MA;;;A;SLUTBETYG") == [
        (2, "personnummer", "ogiltigt personnummer: kontrollsiffran stämmer inte.")
    ]


def test_the_same_subject_twice_for_a_pupil_in_one_term_is_reported_on_the_second_row() -> None:
    assert errors(
        f"{PUPIL};MA;;;A;SLUTBETYG",
        f"{OTHER};MA;;;A;SLUTBETYG",
        f"{PUPIL};MA;;;B;HT9",
        "20100314-2385;ma;;;C;SLUTBETYG",
    ) == [(5, "ämne", "eleven har redan MA för SLUTBETYG på rad 2.")]


def test_the_same_slot_twice_is_reported() -> None:
    assert errors(
        f"{PUPIL};MSP;M2;SPA;A;SLUTBETYG",
        f"{PUPIL};MSP;M2;DEU;B;SLUTBETYG",
    ) == [(3, "ämne", "eleven har redan M2 för SLUTBETYG på rad 2.")]


def test_invalid_slots_and_language_codes_are_reported() -> None:
    assert errors(
        f"{PUPIL};MSP;M3;SPA;A;SLUTBETYG",
        f"{PUPIL};MSP;;SPA;A;SLUTBETYG",
        f"{PUPIL};MA;M1;;A;SLUTBETYG",
        f"{PUPIL};MDM;ML;;A;SLUTBETYG",
        f"{PUPIL};MDM;ML;ARABIC;A;SLUTBETYG",
        f"{PUPIL};EN;;ENG;A;SLUTBETYG",
    ) == [
        (2, "språkplats", "ogiltig språkplats 'M3'; ange M1, M2, ML, EX1 eller lämna tomt."),
        (3, "språkplats", "moderna språk ska ha en språkplats."),
        (4, "språkplats", "matematik kan inte stå på M1."),
        (5, "språkkod", "språkkod saknas för modersmål."),
        (
            6,
            "språkkod",
            "ogiltig språkkod 'ARABIC'; ange tre bokstäver enligt ISO 639-3, t.ex. SPA.",
        ),
        (7, "språkkod", "engelska ska inte ha språkkod."),
    ]


def test_an_invalid_term_is_reported() -> None:
    assert errors(f"{PUPIL};MA;;;A;VT9") == [
        (2, "termin", "ogiltig termin 'VT9'; ange HT9, SLUTBETYG eller KOMPLETTERING.")
    ]


def test_every_error_of_a_row_is_reported_and_no_rows_are_returned() -> None:
    parsed = csv(f"{PUPIL};MA;;;A;SLUTBETYG", ";XX;;;Q;")
    assert parsed.rows == ()
    assert [(e.row, e.field) for e in parsed.errors] == [
        (3, "personnummer"),
        (3, "ämne"),
        (3, "betyg"),
        (3, "termin"),
    ]


def test_a_pupil_not_registered_at_the_school_is_reported() -> None:
    parsed = parse_grade_rows(
        [
            {"personnummer": PUPIL, "ämne": "MA", "betyg": "A", "termin": "SLUTBETYG"},
            {"personnummer": OTHER, "ämne": "MA", "betyg": "A", "termin": "SLUTBETYG"},
        ],
        reference_date=REFERENCE,
        known_identities={"201003142385"},
    )
    assert parsed.errors == (RowError(3, "personnummer", "eleven är inte registrerad på skolan."),)


def test_blank_rows_from_a_sheet_are_skipped_but_keep_their_row_numbers() -> None:
    blank = dict.fromkeys(COLUMNS)
    parsed = parse_grade_rows(
        [blank, {"personnummer": PUPIL, "ämne": "XX", "betyg": "A", "termin": "HT9"}],
        reference_date=REFERENCE,
    )
    assert parsed.errors == (RowError(3, "ämne", "okänt ämne 'XX'."),)


def test_blank_lines_in_csv_keep_the_line_numbers_of_the_file() -> None:
    assert errors("", f"{PUPIL};XX;;;A;SLUTBETYG") == [(3, "ämne", "okänt ämne 'XX'.")]


@settings(max_examples=300)
@given(st.text())
def test_any_text_gives_rows_or_row_errors_and_never_raises(text: str) -> None:
    parsed = parse_grade_csv(text, reference_date=REFERENCE)
    assert bool(parsed.rows) + bool(parsed.errors) <= 1
    assert all(isinstance(e, RowError) and e.message for e in parsed.errors)


cells = st.one_of(
    st.sampled_from(
        ["", "MA", "MSP", "M2", "SPA", "A", "–", "F", "HT9", "SLUTBETYG", PUPIL, OTHER]
    ),
    st.text(max_size=15),
)


@settings(max_examples=300)
@given(st.lists(st.lists(cells, min_size=0, max_size=8), max_size=6))
def test_any_table_under_a_valid_header_gives_rows_or_row_errors_and_never_raises(
    table: list[list[str]],
) -> None:
    text = "\n".join([HEADER] + [";".join(row) for row in table])
    parsed = parse_grade_csv(text, reference_date=REFERENCE)
    assert bool(parsed.rows) + bool(parsed.errors) <= 1
    rows = [dict(zip(COLUMNS, row, strict=False)) for row in table]
    again = parse_grade_rows(rows, reference_date=REFERENCE)
    assert bool(again.rows) + bool(again.errors) <= 1
