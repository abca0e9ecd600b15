"""ORM rows ⇄ the pure fee and budget types of `core.fees`."""

from collections.abc import Iterable

from gymnasieregion.apps.fees.models import BudgetUnit
from gymnasieregion.core.fees.budget import BudgetItem, BudgetTotal
from gymnasieregion.core.fees.budget import BudgetUnit as CoreBudgetUnit


def budget_unit_to_core(unit: BudgetUnit) -> CoreBudgetUnit:
    return CoreBudgetUnit(
        code=unit.code,
        name=unit.name,
        fte=unit.fte,
        internal_is_income=unit.internal_is_income,
        in_association_total=unit.in_association_total,
        figures={
            (figure.budget_year, BudgetItem(figure.item)): figure.amount_tsek
            for figure in unit.figures.all()
        },
    )


def budget_total_to_core(unit: BudgetUnit) -> BudgetTotal:
    return BudgetTotal(
        fte=unit.fte,
        results={
            figure.budget_year: figure.amount_tsek
            for figure in unit.figures.all()
            if figure.item == BudgetItem.RESULT
        },
    )


def budget_years(units: Iterable[BudgetUnit]) -> tuple[int, ...]:
    return tuple(sorted({f.budget_year for unit in units for f in unit.figures.all()}))
