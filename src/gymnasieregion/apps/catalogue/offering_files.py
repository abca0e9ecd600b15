"""The offering import file: its columns, its values and the rows it becomes.

The template is described in docs/reference/offering-files.md. Every row is checked and
every error is reported with its row (the header is row 1) and column; the services save
nothing unless all rows are valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gymnasieregion.apps.catalogue.models import Offering, OfferingKind, OfferingSelection
from gymnasieregion.apps.catalogue.offering_rules import (
    RANKED_KINDS,
    OfferingData,
    offering_data_errors,
)
from gymnasieregion.core.grades.rule_set import RuleSet
from gymnasieregion.core.row_errors import RowError

COLUMNS = (
    "kod",
    "skolenhetskod",
    "programkod",
    "inriktning",
    "profil",
    "namn",
    "typ",
    "platser",
    "minsta_antal",
    "urval",
    "provfaktor",
    "provmaxpoang",
)
REQUIRED = ("kod", "skolenhetskod", "programkod", "namn", "typ", "platser")

KIND_VALUES = {
    "nationellt": OfferingKind.NATIONAL,
    "im-grupp": OfferingKind.INTRODUCTION_GROUP,
    "im-individ": OfferingKind.INTRODUCTION_INDIVIDUAL,
    "anpassad": OfferingKind.ADAPTED,
    "ib": OfferingKind.IB,
    "niu": OfferingKind.SPORTS,
}
KIND_NAMES = {kind: name for name, kind in KIND_VALUES.items()}
SELECTION_VALUES = {
    "meritvärde": OfferingSelection.MERIT,
    "meritvarde": OfferingSelection.MERIT,
    "rangordning": OfferingSelection.RANKING,
}
SELECTION_NAMES = {OfferingSelection.MERIT: "meritvärde", OfferingSelection.RANKING: "rangordning"}

# OfferingData field → the column it comes from, for the rules' messages.
FIELD_COLUMNS = {
    "programme_code": "programkod",
    "name": "namn",
    "kind": "typ",
    "places": "platser",
    "orientation": "inriktning",
    "profile": "profil",
    "minimum_size": "minsta_antal",
    "selection": "urval",
    "skill_test": "provfaktor",
    "skill_test_multiplier": "provfaktor",
    "skill_test_max_points": "provmaxpoang",
}
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$")


@dataclass(frozen=True)
class OfferingRow:
    """A valid row: the offering's code, its school unit's code and its fields."""

    row: int
    code: str
    school_unit_code: str
    data: OfferingData


def _cell(row: Mapping[str, str | None], column: str) -> str:
    return (row.get(column) or "").strip()


def _whole(text: str, column: str, row_number: int, errors: list[RowError]) -> int | None:
    if not re.fullmatch(r"\d+", text.replace(" ", "").replace("\u00a0", "")):
        errors.append(RowError(row_number, column, f"{text!r} är inte ett heltal (0 eller mer)."))
        return None
    return int(text.replace(" ", "").replace("\u00a0", ""))


def _decimal(text: str, column: str, row_number: int, errors: list[RowError]) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        errors.append(RowError(row_number, column, f"{text!r} är inte ett tal."))
        return None
    if not value.is_finite() or value.as_tuple().exponent < -2 or abs(value) >= 10_000:  # type: ignore[operator]
        errors.append(RowError(row_number, column, f"{text!r} ska ha högst två decimaler."))
        return None
    return value


def parse_offering_rows(
    rows: Iterable[Mapping[str, str | None]],
    *,
    rules: RuleSet,
    school_unit_codes: frozenset[str],
) -> tuple[list[OfferingRow], list[RowError]]:
    """The valid rows and every error; a caller saves nothing when there are errors."""
    parsed: list[OfferingRow] = []
    errors: list[RowError] = []
    first_row_of_code: dict[str, int] = {}
    for row_number, row in enumerate(rows, start=2):
        row_errors: list[RowError] = []
        code = _cell(row, "kod")
        if not code:
            row_errors.append(RowError(row_number, "kod", "Ange utbildningens kod."))
        elif not CODE.match(code):
            row_errors.append(
                RowError(
                    row_number,
                    "kod",
                    f"Koden {code!r} får bara innehålla bokstäver A–Z, siffror, punkt, "
                    "bindestreck och understreck, högst 30 tecken.",
                )
            )
        elif code in first_row_of_code:
            row_errors.append(
                RowError(
                    row_number,
                    "kod",
                    f"Koden {code} finns redan på rad {first_row_of_code[code]}; "
                    "varje utbildning ska ha en egen kod.",
                )
            )
        else:
            first_row_of_code[code] = row_number
        unit_code = _cell(row, "skolenhetskod")
        if unit_code not in school_unit_codes:
            row_errors.append(
                RowError(
                    row_number,
                    "skolenhetskod",
                    f"Skolenhetskoden {unit_code!r} finns inte bland regionens skolenheter."
                    if unit_code
                    else "Ange skolenhetskoden (åtta siffror).",
                )
            )
        kind_text = _cell(row, "typ").lower()
        kind = KIND_VALUES.get(kind_text)
        if kind is None:
            row_errors.append(
                RowError(
                    row_number,
                    "typ",
                    f"Typen {kind_text!r} finns inte. Använd en av: "
                    + ", ".join(KIND_VALUES)
                    + ".",
                )
            )
        places = _whole(_cell(row, "platser"), "platser", row_number, row_errors)
        minimum_text = _cell(row, "minsta_antal")
        minimum = (
            _whole(minimum_text, "minsta_antal", row_number, row_errors) if minimum_text else 0
        )
        selection_text = _cell(row, "urval").lower()
        if not selection_text:
            selection = (
                OfferingSelection.RANKING if kind in RANKED_KINDS else OfferingSelection.MERIT
            )
        elif selection_text in SELECTION_VALUES:
            selection = SELECTION_VALUES[selection_text]
        else:
            selection = None
            row_errors.append(
                RowError(
                    row_number,
                    "urval",
                    f"Urvalet {selection_text!r} finns inte. Använd meritvärde eller rangordning.",
                )
            )
        multiplier = _decimal(_cell(row, "provfaktor"), "provfaktor", row_number, row_errors)
        max_points = _decimal(_cell(row, "provmaxpoang"), "provmaxpoang", row_number, row_errors)
        unread = {e.field for e in row_errors}
        if (multiplier is None) != (max_points is None) and not {
            "provfaktor",
            "provmaxpoang",
        } & unread:
            column = "provmaxpoang" if max_points is None else "provfaktor"
            row_errors.append(
                RowError(
                    row_number,
                    column,
                    "Ett färdighetsprov behöver både provfaktor och provmaxpoang.",
                )
            )
        data = OfferingData(
            programme_code=_cell(row, "programkod").upper(),
            name=_cell(row, "namn"),
            kind=kind or "",
            places=places if places is not None else 0,
            orientation=_cell(row, "inriktning"),
            profile=_cell(row, "profil"),
            minimum_size=minimum if minimum is not None and places is not None else 0,
            selection=selection or OfferingSelection.MERIT,
            skill_test=multiplier is not None,
            skill_test_multiplier=multiplier,
            skill_test_max_points=max_points,
        )
        # The rules' findings, except on a column whose value could not be read at all.
        reported = {e.field for e in row_errors}
        row_errors.extend(
            RowError(row_number, FIELD_COLUMNS[name], message)
            for name, message in offering_data_errors(data, rules=rules)
            if FIELD_COLUMNS[name] not in reported
            and not (name == "kind" and kind is None)
            and not (name == "selection" and selection is None)
        )
        if row_errors:
            errors.extend(row_errors)
            continue
        parsed.append(OfferingRow(row_number, code, unit_code, data))
    return parsed, errors


def offering_file_row(offering: Offering) -> list[str | int | Decimal | None]:
    """An offering as a row of the import file (for the template and exports)."""
    return [
        offering.code,
        offering.school_unit.school_unit_code,
        offering.programme_code,
        offering.orientation,
        offering.profile,
        offering.name,
        KIND_NAMES[OfferingKind(offering.kind)],
        offering.places,
        offering.minimum_size,
        SELECTION_NAMES[OfferingSelection(offering.selection)],
        offering.skill_test_multiplier,
        offering.skill_test_max_points,
    ]


TEMPLATE_ROWS: list[list[str | int | Decimal | None]] = [
    ["EK-90000001-1", "90000001", "EK", "Ekonomi", "", "Ekonomiprogrammet – ekonomi", "nationellt", 64, 24, "", None, None],
    ["ES-90000001-1", "90000001", "ES", "Musik", "", "Estetiska programmet – musik", "nationellt", 30, 15, "", Decimal(16), Decimal(20)],
    ["IMV-90000001-1", "90000001", "IMV", "", "Mot EE", "Programinriktat val mot el och energi", "im-grupp", 15, 0, "", None, None],
    ["IMA-90000001-1", "90000001", "IMA", "", "", "Individuellt alternativ", "im-individ", 10, 0, "rangordning", None, None],
]  # fmt: skip
