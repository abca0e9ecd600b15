"""The budget check: recompute the plan's budget tables and list every stated figure
that differs from the computed one.

Each unit's table gives, per budget year, its income, operating costs, staff costs,
depreciation, internally allocated costs or income, and the stated result. The result
is income − operating − staff − depreciation + internal allocation, where the internal
allocation is income for the unit that receives it and a cost for the units that pay
it. Across the units in the association's total the internal allocations net to zero,
and their full-time equivalents add up to the stated total.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class BudgetItem(StrEnum):
    INCOME = "income"
    OPERATING_COSTS = "operating_costs"
    STAFF_COSTS = "staff_costs"
    DEPRECIATION = "depreciation"
    INTERNAL_ALLOCATIONS = "internal_allocations"
    RESULT = "result"


ITEM_LABELS: dict[BudgetItem, str] = {
    BudgetItem.INCOME: "Intäkter (serviceavgift och övriga intäkter)",
    BudgetItem.OPERATING_COSTS: "Rörelsekostnader",
    BudgetItem.STAFF_COSTS: "Personalkostnader",
    BudgetItem.DEPRECIATION: "Avskrivning och övriga finansiella kostnader",
    BudgetItem.INTERNAL_ALLOCATIONS: "Internt fördelade kostnader/intäkter",
    BudgetItem.RESULT: "Resultat",
}


@dataclass(frozen=True)
class BudgetUnit:
    """One table of the plan, amounts in thousands of kronor (tsek) as printed.

    `internal_is_income` says whether the internal allocation is income to this unit
    (the service-fee-financed unit) or a cost (the units that pay their share).
    """

    code: str
    name: str
    fte: Decimal
    internal_is_income: bool
    in_association_total: bool
    figures: dict[tuple[int, BudgetItem], Decimal]

    def amount(self, year: int, item: BudgetItem) -> Decimal:
        return self.figures.get((year, item), Decimal(0))

    def signed_internal(self, year: int) -> Decimal:
        value = self.amount(year, BudgetItem.INTERNAL_ALLOCATIONS)
        return value if self.internal_is_income else -value

    def computed_result(self, year: int) -> Decimal:
        return (
            self.amount(year, BudgetItem.INCOME)
            - self.amount(year, BudgetItem.OPERATING_COSTS)
            - self.amount(year, BudgetItem.STAFF_COSTS)
            - self.amount(year, BudgetItem.DEPRECIATION)
            + self.signed_internal(year)
        )


@dataclass(frozen=True)
class BudgetTotal:
    """The stated total line (*Total resultat Storsthlm*): FTE and result per year."""

    fte: Decimal
    results: dict[int, Decimal]


@dataclass(frozen=True)
class Discrepancy:
    """A stated figure that differs from the one computed from the other figures."""

    subject: str
    year: int | None
    stated: Decimal
    computed: Decimal

    @property
    def difference(self) -> Decimal:
        return self.stated - self.computed


@dataclass(frozen=True)
class BudgetCheck:
    years: tuple[int, ...]
    computed_results: dict[tuple[str, int], Decimal]
    internal_net: dict[int, Decimal]
    fte_total: Decimal
    discrepancies: tuple[Discrepancy, ...]


def check_budget(
    *, units: Sequence[BudgetUnit], total: BudgetTotal, years: Sequence[int]
) -> BudgetCheck:
    """Recompute results, the internal allocations' net and the FTE total."""
    found: list[Discrepancy] = []
    computed: dict[tuple[str, int], Decimal] = {}
    for unit in units:
        for year in years:
            result = unit.computed_result(year)
            computed[(unit.code, year)] = result
            stated = unit.amount(year, BudgetItem.RESULT)
            if stated != result:
                found.append(Discrepancy(f"Resultat, {unit.name}", year, stated, result))
    in_total = [unit for unit in units if unit.in_association_total]
    internal_net = {
        year: sum((u.signed_internal(year) for u in in_total), Decimal(0)) for year in years
    }
    for year in years:
        if internal_net[year] != 0:
            found.append(
                Discrepancy(
                    "Internt fördelade kostnader/intäkter, netto",
                    year,
                    Decimal(0),
                    internal_net[year],
                )
            )
        total_result = sum((computed[(u.code, year)] for u in in_total), Decimal(0))
        stated_total = total.results.get(year, Decimal(0))
        if stated_total != total_result:
            found.append(Discrepancy("Totalt resultat", year, stated_total, total_result))
    fte_total = sum((u.fte for u in in_total), Decimal(0))
    if fte_total != total.fte:
        found.append(Discrepancy("Årsarbetare totalt", None, total.fte, fte_total))
    return BudgetCheck(
        years=tuple(years),
        computed_results=computed,
        internal_net=internal_net,
        fte_total=fte_total,
        discrepancies=tuple(found),
    )
