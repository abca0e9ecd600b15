"""Reading an uploaded CSV or XLSX table into rows of strings, and writing one back.

Schools and municipalities send spreadsheets saved from Excel: CSV in UTF-8 (with or
without a byte-order mark) separated by semicolons or commas, or XLSX. A file that
cannot be read at all gives one Swedish message; a readable file gives rows keyed by
the lower-cased header, numbered as the user sees them (the header is row 1).
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook, load_workbook

MAX_BYTES = 10 * 1024 * 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TableFileError(ValueError):
    """The file cannot be read as a table; the message is for the user."""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[dict[str, str], ...]


def read_table(data: bytes, filename: str, required: Sequence[str]) -> Table:
    """Rows of a CSV or XLSX file; raises `TableFileError` naming what is wrong."""
    if len(data) > MAX_BYTES:
        raise TableFileError("Filen är större än 10 MB.")
    if not data.strip():
        raise TableFileError("Filen är tom.")
    if filename.lower().endswith(".xlsx"):
        header, body = _read_xlsx(data)
    else:
        header, body = _read_csv(data)
    missing = [name for name in required if name not in header]
    if missing:
        raise TableFileError(
            "Kolumner saknas i rubrikraden: "
            + ", ".join(missing)
            + ". Rubrikraden ska innehålla: "
            + ", ".join(required)
            + "."
        )
    rows = tuple(
        {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}
        for cells in body
    )
    return Table(header=header, rows=rows)


def _read_csv(data: bytes) -> tuple[tuple[str, ...], list[list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableFileError(
            f"Filen är inte UTF-8-kodad (fel vid byte {error.start}). Spara den som CSV UTF-8."
        ) from None
    first_line = text.splitlines()[0] if text.splitlines() else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise TableFileError(f"Filen kan inte läsas som CSV: {error}.") from None
    return _split(lines)


def _read_xlsx(data: bytes) -> tuple[tuple[str, ...], list[list[str]]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error on a malformed workbook
        raise TableFileError("Filen kan inte läsas som XLSX.") from None
    sheet = workbook.worksheets[0]
    lines = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return _split(lines)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _split(lines: list[list[str]]) -> tuple[tuple[str, ...], list[list[str]]]:
    if not lines:
        raise TableFileError("Filen är tom.")
    header = tuple(cell.strip().lower() for cell in lines[0])
    body = [line for line in lines[1:] if any(cell.strip() for cell in line)]
    return header, body


Cell = str | int | Decimal | None


def csv_response(
    filename: str, header: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> HttpResponse:
    """A semicolon-separated UTF-8 CSV with a byte-order mark, as Swedish Excel opens it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows(["" if cell is None else cell for cell in row] for row in rows)
    return response


def xlsx_response(
    filename: str, header: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> HttpResponse:
    """An XLSX workbook with one sheet; numbers stay numbers."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(
            [
                int(cell) if isinstance(cell, Decimal) and cell == cell.to_integral() else cell
                for cell in row
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
