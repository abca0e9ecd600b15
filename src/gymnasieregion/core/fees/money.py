"""Rounding of amounts in kronor."""

from decimal import ROUND_HALF_UP, Decimal

ONE_KRONA = Decimal(1)


def round_kronor(amount: Decimal) -> Decimal:
    """Round to whole kronor, half up (0.5 → 1), as the plan's fee table does."""
    return amount.quantize(ONE_KRONA, rounding=ROUND_HALF_UP)
