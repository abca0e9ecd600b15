"""Numbers as Swedish readers expect them: 55 384 275 and 0,35."""

from decimal import Decimal

from django import template

register = template.Library()

THIN_SPACE = "\u00a0"


@register.filter
def tal(value: int | Decimal | None, decimals: int = 0) -> str:
    """Thousands separated by a no-break space, decimal comma; empty for None."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    text = f"{number:,.{int(decimals)}f}"
    return text.replace(",", THIN_SPACE).replace(".", ",").replace("-", "−")
