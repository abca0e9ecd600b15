"""The fee tables as rows for the page, the exports and the terminal."""

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404

from gymnasieregion.apps.fees.selectors import BudgetReport, FeeYear
from gymnasieregion.apps.organisations.models import Municipality
from gymnasieregion.core.fees.budget import ITEM_LABELS, BudgetItem
from gymnasieregion.core.fees.per_youth import PerYouthFeeRow
from gymnasieregion.core.fees.service_fee import ServiceFeeRow
from gymnasieregion.files.tabular import Cell

SERVICE_FEE_HEADER = [
    "Kommunkod",
    "Kommun",
    "Antal invånare",
    "Avgiftsunderlag (kr)",
    "Serviceavgift (kr)",
]


@dataclass(frozen=True)
class BudgetTable:
    name: str
    fte: Decimal
    lines: list[tuple[str, list[Decimal]]]
    computed_results: list[Decimal]


def service_fee_rows(fee_year: FeeYear) -> list[tuple[Municipality, ServiceFeeRow]]:
    table = fee_year.service_fees
    return (
        []
        if table is None
        else [(fee_year.municipalities[r.municipality_code], r) for r in table.rows]
    )


def per_youth_rows(fee_year: FeeYear) -> list[tuple[Municipality, PerYouthFeeRow]]:
    table = fee_year.per_youth_fees
    return (
        []
        if table is None
        else [(fee_year.municipalities[r.municipality_code], r) for r in table.rows]
    )


def population_total(fee_year: FeeYear) -> int:
    return sum(m.population or 0 for m, _ in service_fee_rows(fee_year))


def budget_tables(report: BudgetReport | None) -> list[BudgetTable]:
    if report is None:
        return []
    years = report.check.years
    return [
        BudgetTable(
            name=unit.name,
            fte=unit.fte,
            lines=[
                (ITEM_LABELS[item], [unit.amount(y, item) for y in years]) for item in BudgetItem
            ],
            computed_results=[report.check.computed_results[(unit.code, y)] for y in years],
        )
        for unit in report.units
    ]


def service_fee_export_rows(fee_year: FeeYear) -> list[list[Cell]]:
    """Rows of the export: one per municipality, the total row, the sum of rows, the difference."""
    table = fee_year.service_fees
    if table is None:
        raise Http404
    rows: list[list[Cell]] = [
        [row.municipality_code, m.name, m.population, row.fee_base, row.fee]
        for m, row in service_fee_rows(fee_year)
    ]
    rows.append(
        [
            "",
            "Länets kommuner (totalt)",
            population_total(fee_year),
            table.total_fee_base,
            table.total_fee,
        ]
    )
    rows.append(["", "Summa av avrundade rader", None, None, table.sum_of_rows])
    rows.append(
        ["", "Avrundningsdifferens (total − summa rader)", None, None, table.rounding_difference]
    )
    return rows
