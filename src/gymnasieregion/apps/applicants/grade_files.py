"""Reading an uploaded grade file (CSV or XLSX) into numbered rows, and the templates.

The checks of every row are the core's (`core.grades.grade_file`); this module only turns
bytes into a header and rows of strings. Unlike `files.tabular.read_table` it keeps blank
rows, so that row *n* of the list is row *n + 2* of the file as the school sees it in
Excel, and every error message points at the right row.
"""

import csv
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook

from gymnasieregion.core.grades.grade_file import COLUMNS
from gymnasieregion.files.tabular import MAX_BYTES, XLSX_TYPE, TableFileError

CSV_TEMPLATE_NAME = "betygsmall.csv"
XLSX_TEMPLATE_NAME = "betygsmall.xlsx"

COLUMN_HELP = (
    ("personnummer", "ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN, samordningsnummer eller TF-nummer"),
    ("ämne", "ämneskod: BL BI EN FY GE HKK HI IDH KE MA MU RE SH SL SV SVA TK, MSP, MDM, TSP"),
    ("språkplats", "tomt för vanliga ämnen; M1, M2, ML eller EX1 för språk"),
    ("språkkod", "tre bokstäver enligt ISO 639-3 (t.ex. SPA) för MSP och MDM, annars tomt"),
    ("betyg", "A–F eller – (streck)"),
    ("termin", "HT9, SLUTBETYG eller KOMPLETTERING"),
)


@dataclass(frozen=True)
class GradeTable:
    """The header row and every following row (blank ones included), as strings."""

    header: tuple[str, ...]
    rows: tuple[dict[str, str], ...]


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def grade_table_read(data: bytes, filename: str) -> GradeTable:
    """The rows of a CSV or XLSX grade file; raises `TableFileError` if it cannot be read."""
    if len(data) > MAX_BYTES:
        raise TableFileError("Filen är större än 10 MB.")
    if not data.strip():
        raise TableFileError("Filen är tom.")
    lines = _xlsx_lines(data) if filename.lower().endswith(".xlsx") else _csv_lines(data)
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise TableFileError("Filen saknar rubrikrad.")
    header = tuple(cell.strip() for cell in lines[0])
    rows = tuple(
        {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header) if name}
        for cells in lines[1:]
    )
    return GradeTable(header=header, rows=rows)


def _csv_lines(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableFileError(
            f"Filen är inte UTF-8-kodad (fel vid byte {error.start}). Spara den som CSV UTF-8."
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise TableFileError(f"Filen kan inte läsas som CSV: {error}.") from None


def _xlsx_lines(data: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        lines = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except Exception:  # openpyxl raises many kinds of error on a malformed workbook
        raise TableFileError("Filen kan inte läsas som XLSX.") from None
    return lines


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def header_as_csv(header: Sequence[str]) -> str:
    """The header as one CSV line, for the core's check of missing columns."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerow(header)
    return buffer.getvalue()


def csv_template() -> bytes:
    """The CSV template: the header only, UTF-8 with a byte-order mark, `;`-separated."""
    return ("\ufeff" + ";".join(COLUMNS) + "\r\n").encode("utf-8")


def xlsx_template() -> bytes:
    """The XLSX template: the header on the first sheet, the columns explained on a second.

    It holds no example personnummer: a made-up number can be a real person's.
    """
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Betyg"
    sheet.append(list(COLUMNS))
    for column in "ABCDEF":
        sheet.column_dimensions[column].width = 16
    help_sheet = workbook.create_sheet("Förklaring")
    help_sheet.append(["Kolumn", "Innehåll"])
    for name, text in COLUMN_HELP:
        help_sheet.append([name, text])
    help_sheet.column_dimensions["A"].width = 16
    help_sheet.column_dimensions["B"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TEMPLATE_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE}
