"""Parse an imported table of one whole-krona or count figure per municipality.

Used for fee bases (*avgiftsunderlag*) and for youth counts. Rows arrive as
dictionaries of strings (from CSV or XLSX); every problem is collected as a
`RowError` and the caller saves nothing unless the list is empty.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from gymnasieregion.core.row_errors import RowError

CODE_FIELD = "kommunkod"
_AMOUNT = re.compile(r"^-?\d+$")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


@dataclass(frozen=True)
class ParsedAmounts:
    amounts: dict[str, Decimal]
    errors: tuple[RowError, ...]


def parse_municipality_amounts(
    rows: Iterable[Mapping[str, str | None]],
    *,
    amount_field: str,
    known_codes: frozenset[str],
    first_row: int = 2,
) -> ParsedAmounts:
    """Read `kommunkod` and `amount_field` from each row; report every bad row.

    An amount may carry spaces as thousands separators ("6 947 638 236"); it must be
    a whole, non-negative number. A code must be known and appear once.
    """
    amounts: dict[str, Decimal] = {}
    first_seen: dict[str, int] = {}
    errors: list[RowError] = []
    for row_number, row in enumerate(rows, start=first_row):
        code = (row.get(CODE_FIELD) or "").strip()
        raw = _SPACES.sub("", row.get(amount_field) or "")
        if not code:
            errors.append(RowError(row_number, CODE_FIELD, "kommunkod saknas."))
        elif code not in known_codes:
            errors.append(RowError(row_number, CODE_FIELD, f"okänd kommunkod {code!r}."))
        elif code in first_seen:
            errors.append(
                RowError(
                    row_number,
                    CODE_FIELD,
                    f"kommunen {code} finns redan på rad {first_seen[code]}.",
                )
            )
        if not raw:
            errors.append(RowError(row_number, amount_field, "värde saknas."))
        elif not _AMOUNT.match(raw):
            errors.append(RowError(row_number, amount_field, f"{raw!r} är inte ett heltal."))
        elif raw.startswith("-"):
            errors.append(RowError(row_number, amount_field, f"{raw} är negativt."))
        if code and code not in first_seen:
            first_seen[code] = row_number
        if not errors or errors[-1].row != row_number:
            amounts[code] = Decimal(raw)
    return ParsedAmounts(amounts=amounts if not errors else {}, errors=tuple(errors))
