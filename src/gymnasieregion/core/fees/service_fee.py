"""The service fee (*serviceavgift*) of each member municipality.

Storsthlm's statutes § 24: the board sets each year's fee as a share of the fee base
(*avgiftsunderlag*: the previous year's tax revenue and general state grants with
additions and deductions). The general assembly of March 2023 capped the share at
0.45 per mille. Each municipality's fee is its fee base × rate, rounded half up to
whole kronor. The total row is computed on the total fee base, so it may differ from
the sum of the rounded rows; that difference is reported, never hidden.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from gymnasieregion.core.fees.money import round_kronor

PER_MILLE = Decimal(1000)


class RateAboveCeilingError(ValueError):
    """The proposed rate exceeds the ceiling set by the general assembly."""

    def __init__(self, rate: Decimal, ceiling: Decimal) -> None:
        self.rate = rate
        self.ceiling = ceiling
        super().__init__(
            f"Avgiftsuttaget {format_per_mille(rate)} promille överstiger taket "
            f"{format_per_mille(ceiling)} promille som förbundsmötet har beslutat."
        )


def format_per_mille(rate: Decimal) -> str:
    """A rate as the plan writes it: two decimals, decimal comma (0,35)."""
    return f"{rate:.2f}".replace(".", ",")


@dataclass(frozen=True)
class ServiceFeeRow:
    municipality_code: str
    fee_base: Decimal
    fee: Decimal


@dataclass(frozen=True)
class ServiceFeeTable:
    """The fee table of one year: a row per municipality and the total row."""

    year: int
    rate_per_mille: Decimal
    rows: tuple[ServiceFeeRow, ...]
    total_fee_base: Decimal
    total_fee: Decimal

    @property
    def sum_of_rows(self) -> Decimal:
        return sum((row.fee for row in self.rows), Decimal(0))

    @property
    def rounding_difference(self) -> Decimal:
        """Total row minus the sum of the rounded rows (2 kr in 2026)."""
        return self.total_fee - self.sum_of_rows


def service_fee(fee_base: Decimal, rate_per_mille: Decimal) -> Decimal:
    """One municipality's fee: fee base × rate ‰, rounded half up to whole kronor."""
    return round_kronor(fee_base * rate_per_mille / PER_MILLE)


def check_rate(rate_per_mille: Decimal, ceiling_per_mille: Decimal) -> None:
    """Refuse a rate that is negative or above the assembly's ceiling (March 2023: 0.45 ‰)."""
    if rate_per_mille < 0:
        raise ValueError("Avgiftsuttaget kan inte vara negativt.")
    if rate_per_mille > ceiling_per_mille:
        raise RateAboveCeilingError(rate_per_mille, ceiling_per_mille)


def service_fee_table(
    *,
    year: int,
    fee_bases: Mapping[str, Decimal],
    rate_per_mille: Decimal,
    ceiling_per_mille: Decimal,
) -> ServiceFeeTable:
    """The fee table for `year` from each municipality's fee base, in code order."""
    check_rate(rate_per_mille, ceiling_per_mille)
    rows = tuple(
        ServiceFeeRow(code, base, service_fee(base, rate_per_mille))
        for code, base in sorted(fee_bases.items())
    )
    total_base = sum((row.fee_base for row in rows), Decimal(0))
    return ServiceFeeTable(
        year=year,
        rate_per_mille=rate_per_mille,
        rows=rows,
        total_fee_base=total_base,
        total_fee=service_fee(total_base, rate_per_mille),
    )
