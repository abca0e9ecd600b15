"""Published figures per offering: the cut-off (antagningsgräns) and the median (domain §5.10).

The cut-off is the last place outside fri kvot: its tier, its merit value, and the tie-break
step that decided it when the best reserve had the same tier and merit value. An offering
where nobody eligible was turned away publishes "alla behöriga antagna" instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from gymnasieregion.core.admission.outcome import Cutoff
from gymnasieregion.core.admission.priority import PriorityOrder
from gymnasieregion.core.admission.problem import Tier

_TWO = Decimal(2)


def median_merit(merits: Sequence[Decimal]) -> Decimal | None:
    """The median of the admitted merit values, None if nobody was admitted."""
    if not merits:
        return None
    ordered = sorted(merits)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / _TWO


def cutoff(
    order: PriorityOrder,
    last_key: int,
    last_tier: Tier,
    last_merit: Decimal,
    best_reserve_key: int,
) -> Cutoff:
    """The cut-off set by the last admitted line against the best reserve.

    In a reserve round the best reserve can have a higher priority than the last admitted,
    whose seat is secured; then no tie-break decided anything.
    """
    decided_by = (
        order.deciding_step(last_key, best_reserve_key) if last_key < best_reserve_key else None
    )
    return Cutoff(tier=last_tier, merit=last_merit, decided_by=decided_by)
