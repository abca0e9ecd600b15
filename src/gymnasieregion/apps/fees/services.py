"""Writing fee data. Each service is one transaction with its audit event."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction

from gymnasieregion.apps.accounts.access import Actor
from gymnasieregion.apps.audit.services import audit_event_record
from gymnasieregion.apps.fees.models import (
    BudgetFigure,
    BudgetUnit,
    FeeBase,
    FeeCeiling,
    PerYouthFee,
    ServiceFeeRate,
    YouthCount,
)
from gymnasieregion.apps.fees.selectors import fee_ceiling_for
from gymnasieregion.apps.organisations.selectors import municipality_by_code
from gymnasieregion.core.fees.budget import BudgetItem
from gymnasieregion.core.fees.municipality_amounts import parse_municipality_amounts
from gymnasieregion.core.fees.service_fee import check_rate
from gymnasieregion.core.row_errors import RowErrors

FEE_BASE_FIELD = "avgiftsunderlag"
YOUTH_COUNT_FIELD = "antal_ungdomar"


@transaction.atomic
def fee_ceiling_set(
    *, actor: Actor | None, first_year: int, rate_per_mille: Decimal, decision: str
) -> FeeCeiling:
    ceiling, _ = FeeCeiling.objects.update_or_create(
        first_year=first_year, defaults={"rate_per_mille": rate_per_mille, "decision": decision}
    )
    audit_event_record(
        actor=actor,
        action="fees.ceiling.set",
        subject=ceiling,
        payload={"first_year": first_year, "rate_per_mille": str(rate_per_mille)},
    )
    return ceiling


@transaction.atomic
def fee_rate_set(*, actor: Actor | None, year: int, rate_per_mille: Decimal) -> ServiceFeeRate:
    """Set the year's rate. From the first year with a ceiling on, it may not exceed it.

    Years before any recorded ceiling (2015–2022) are historical and taken as decided.
    """
    ceiling = fee_ceiling_for(year)
    if ceiling is not None:
        check_rate(rate_per_mille, ceiling.rate_per_mille)
    elif rate_per_mille < 0:
        raise ValueError("Avgiftsuttaget kan inte vara negativt.")
    rate, _ = ServiceFeeRate.objects.update_or_create(
        year=year, defaults={"rate_per_mille": rate_per_mille}
    )
    audit_event_record(
        actor=actor,
        action="fees.rate.set",
        subject=rate,
        payload={"year": year, "rate_per_mille": str(rate_per_mille)},
    )
    return rate


@transaction.atomic
def per_youth_fee_set(
    *, actor: Actor | None, year: int, admission_fee: Decimal, uedb_fee: Decimal
) -> PerYouthFee:
    if admission_fee < 0 or uedb_fee < 0:
        raise ValueError("Avgiften per ungdom kan inte vara negativ.")
    fee, _ = PerYouthFee.objects.update_or_create(
        year=year, defaults={"admission_fee": admission_fee, "uedb_fee": uedb_fee}
    )
    audit_event_record(
        actor=actor,
        action="fees.per_youth.set",
        subject=fee,
        payload={"year": year, "admission_fee": str(admission_fee), "uedb_fee": str(uedb_fee)},
    )
    return fee


def _parse_or_raise(rows: Iterable[Mapping[str, str | None]], field: str) -> dict[str, Decimal]:
    municipalities = municipality_by_code()
    parsed = parse_municipality_amounts(
        rows, amount_field=field, known_codes=frozenset(municipalities)
    )
    if parsed.errors:
        raise RowErrors(list(parsed.errors))
    return parsed.amounts


@transaction.atomic
def fee_bases_import(
    *, actor: Actor | None, year: int, rows: Iterable[Mapping[str, str | None]]
) -> int:
    """Replace the year's fee bases with the file's rows; nothing is saved if any row is bad."""
    amounts = _parse_or_raise(rows, FEE_BASE_FIELD)
    municipalities = municipality_by_code()
    FeeBase.objects.filter(year=year).exclude(municipality__code__in=amounts).delete()
    for code, amount in amounts.items():
        FeeBase.objects.update_or_create(
            year=year, municipality=municipalities[code], defaults={"amount": amount}
        )
    audit_event_record(
        actor=actor,
        action="fees.fee_bases.import",
        subject=("fees.feebase", str(year)),
        payload={"year": year, "rows": len(amounts), "total": str(sum(amounts.values()))},
    )
    return len(amounts)


@transaction.atomic
def youth_counts_import(
    *, actor: Actor | None, year: int, rows: Iterable[Mapping[str, str | None]]
) -> int:
    """Replace the year's youth counts with the file's rows; all or nothing."""
    counts = _parse_or_raise(rows, YOUTH_COUNT_FIELD)
    municipalities = municipality_by_code()
    YouthCount.objects.filter(year=year).exclude(municipality__code__in=counts).delete()
    for code, count in counts.items():
        YouthCount.objects.update_or_create(
            year=year, municipality=municipalities[code], defaults={"count": int(count)}
        )
    audit_event_record(
        actor=actor,
        action="fees.youth_counts.import",
        subject=("fees.youthcount", str(year)),
        payload={"year": year, "rows": len(counts), "youths": int(sum(counts.values()))},
    )
    return len(counts)


@transaction.atomic
def budget_load(*, actor: Actor | None, data: Mapping[str, Any]) -> int:
    """Store the plan's budget tables as printed (replacing an earlier load of the same plan)."""
    plan_year = int(data["plan_year"])
    years = [int(y) for y in data["budget_years"]]
    BudgetUnit.objects.filter(plan_year=plan_year).delete()
    units = [*data["units"], {**data["total"], "is_total_line": True}]
    for position, spec in enumerate(units, start=1):
        unit = BudgetUnit.objects.create(
            plan_year=plan_year,
            code=spec["code"],
            name=spec["name"],
            position=position,
            fte=Decimal(spec["fte"]),
            internal_is_income=spec.get("internal_is_income", False),
            in_association_total=spec.get("in_association_total", False),
            is_total_line=spec.get("is_total_line", False),
        )
        figures = spec.get("figures", {"result": spec.get("result", [])})
        BudgetFigure.objects.bulk_create(
            BudgetFigure(
                unit=unit, budget_year=year, item=BudgetItem(item), amount_tsek=Decimal(amount)
            )
            for item, amounts in figures.items()
            for year, amount in zip(years, amounts, strict=True)
        )
    audit_event_record(
        actor=actor,
        action="fees.budget.load",
        subject=("fees.budgetunit", str(plan_year)),
        payload={"plan_year": plan_year, "units": len(units)},
    )
    return len(units)
