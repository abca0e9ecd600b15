"""Per-youth fees: the admission fee and the UEDB fee, per municipality.

The plan for 2026 keeps the admission fee (*avgift för gymnasieantagningen*) at
782 kr and the UEDB fee at 45 kr per youth. A municipality pays the fee × its number
of youths; the amounts are whole kronor, so no rounding arises.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class PerYouthFeeRow:
    municipality_code: str
    youths: int
    admission_fee: Decimal
    uedb_fee: Decimal

    @property
    def total(self) -> Decimal:
        return self.admission_fee + self.uedb_fee


@dataclass(frozen=True)
class PerYouthFeeTable:
    year: int
    admission_fee_per_youth: Decimal
    uedb_fee_per_youth: Decimal
    rows: tuple[PerYouthFeeRow, ...]

    @property
    def youths(self) -> int:
        return sum(row.youths for row in self.rows)

    @property
    def admission_total(self) -> Decimal:
        return sum((row.admission_fee for row in self.rows), Decimal(0))

    @property
    def uedb_total(self) -> Decimal:
        return sum((row.uedb_fee for row in self.rows), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.admission_total + self.uedb_total


def per_youth_fee_table(
    *,
    year: int,
    youth_counts: Mapping[str, int],
    admission_fee_per_youth: Decimal,
    uedb_fee_per_youth: Decimal,
) -> PerYouthFeeTable:
    """Admission and UEDB fees of each municipality from its count of youths."""
    if any(count < 0 for count in youth_counts.values()):
        raise ValueError("Antalet ungdomar kan inte vara negativt.")
    rows = tuple(
        PerYouthFeeRow(
            municipality_code=code,
            youths=count,
            admission_fee=admission_fee_per_youth * count,
            uedb_fee=uedb_fee_per_youth * count,
        )
        for code, count in sorted(youth_counts.items())
    )
    return PerYouthFeeTable(
        year=year,
        admission_fee_per_youth=admission_fee_per_youth,
        uedb_fee_per_youth=uedb_fee_per_youth,
        rows=rows,
    )
