"""Reading fee tables and the budget check, for roles with `fees.view`."""

from dataclasses import dataclass
from decimal import Decimal

from gymnasieregion.apps.accounts.access import Actor, access_permission
from gymnasieregion.apps.fees.mappers import (
    budget_total_to_core,
    budget_unit_to_core,
    budget_years,
)
from gymnasieregion.apps.fees.models import (
    BudgetUnit,
    FeeBase,
    FeeCeiling,
    PerYouthFee,
    ServiceFeeRate,
    YouthCount,
)
from gymnasieregion.apps.organisations.models import Municipality
from gymnasieregion.core.fees.budget import BudgetCheck, check_budget
from gymnasieregion.core.fees.budget import BudgetUnit as CoreBudgetUnit
from gymnasieregion.core.fees.per_youth import PerYouthFeeTable, per_youth_fee_table
from gymnasieregion.core.fees.service_fee import ServiceFeeTable, service_fee_table


@dataclass(frozen=True)
class FeeYear:
    """Everything the fee page shows for one year; a part is None when its data is missing."""

    year: int
    municipalities: dict[str, Municipality]
    ceiling_per_mille: Decimal | None
    service_fees: ServiceFeeTable | None
    per_youth_fees: PerYouthFeeTable | None


@dataclass(frozen=True)
class BudgetReport:
    plan_year: int
    units: tuple[CoreBudgetUnit, ...]
    check: BudgetCheck


def fee_ceiling_for(year: int) -> FeeCeiling | None:
    """The ceiling in force for `year`: the latest decided with `first_year` ≤ year."""
    return FeeCeiling.objects.filter(first_year__lte=year).order_by("-first_year").first()


def fee_year_list(*, actor: Actor) -> list[int]:
    access_permission(actor, "fees.view")
    return list(ServiceFeeRate.objects.values_list("year", flat=True))


def fee_year_get(*, actor: Actor, year: int) -> FeeYear:
    """The service-fee table and the per-youth fees of `year`."""
    access_permission(actor, "fees.view")
    municipalities = {m.code: m for m in Municipality.objects.all()}
    rate = ServiceFeeRate.objects.filter(year=year).first()
    ceiling = fee_ceiling_for(year)
    bases = {
        code: amount
        for code, amount in FeeBase.objects.filter(year=year).values_list(
            "municipality__code", "amount"
        )
    }
    service = None
    if rate is not None and bases:
        service = service_fee_table(
            year=year,
            fee_bases=bases,
            rate_per_mille=rate.rate_per_mille,
            ceiling_per_mille=ceiling.rate_per_mille if ceiling else rate.rate_per_mille,
        )
    per_youth = None
    fee = PerYouthFee.objects.filter(year=year).first()
    counts = dict(YouthCount.objects.filter(year=year).values_list("municipality__code", "count"))
    if fee is not None and counts:
        per_youth = per_youth_fee_table(
            year=year,
            youth_counts=counts,
            admission_fee_per_youth=fee.admission_fee,
            uedb_fee_per_youth=fee.uedb_fee,
        )
    return FeeYear(
        year=year,
        municipalities=municipalities,
        ceiling_per_mille=ceiling.rate_per_mille if ceiling else None,
        service_fees=service,
        per_youth_fees=per_youth,
    )


def budget_report_get(*, actor: Actor, plan_year: int) -> BudgetReport | None:
    """The plan's budget tables and their check; None when the plan is not loaded."""
    access_permission(actor, "fees.view")
    rows = list(BudgetUnit.objects.filter(plan_year=plan_year).prefetch_related("figures"))
    units = [u for u in rows if not u.is_total_line]
    totals = [u for u in rows if u.is_total_line]
    if not units or not totals:
        return None
    core_units = tuple(budget_unit_to_core(u) for u in units)
    return BudgetReport(
        plan_year=plan_year,
        units=core_units,
        check=check_budget(
            units=core_units, total=budget_total_to_core(totals[0]), years=budget_years(rows)
        ),
    )
