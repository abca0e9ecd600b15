"""Typed reading of parsed JSON that names the path of every error (`applicants[12].lottery`).

Used by the problem and result file readers; messages are Swedish because users see them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)
_DECIMAL = re.compile(r"-?\d+(\.\d+)?")


class FileFormatError(ValueError):
    """A file that is malformed or inconsistent, with the JSON path of the offending value."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path or '(filens rot)'}: {message}")
        self.path = path
        self.message = message


def join(path: str, key: str | int) -> str:
    """The path of a member or element below `path`."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def as_object(value: object, path: str, allowed: frozenset[str]) -> Mapping[str, object]:
    """`value` as a JSON object whose keys are all in `allowed`."""
    if not isinstance(value, dict):
        raise FileFormatError(path, "ska vara ett objekt")
    for key in value:
        if key not in allowed:
            raise FileFormatError(join(path, str(key)), "okänt fält")
    return value


def as_list(value: object, path: str) -> Sequence[object]:
    """`value` as a JSON array."""
    if not isinstance(value, list):
        raise FileFormatError(path, "ska vara en lista")
    return value


def member(obj: Mapping[str, object], key: str, path: str) -> object:
    """A required member."""
    if key not in obj:
        raise FileFormatError(join(path, key), "fältet saknas")
    return obj[key]


def text(value: object, path: str) -> str:
    """A non-empty string."""
    if not isinstance(value, str) or not value:
        raise FileFormatError(path, "ska vara en icke-tom text")
    return value


def integer(value: object, path: str, minimum: int, maximum: int | None = None) -> int:
    """An integer within bounds (JSON true/false are not integers here)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise FileFormatError(path, "ska vara ett heltal")
    if value < minimum:
        raise FileFormatError(path, f"får inte vara mindre än {minimum}")
    if maximum is not None and value > maximum:
        raise FileFormatError(path, f"får inte vara större än {maximum}")
    return value


def optional_integer(
    value: object, path: str, minimum: int, maximum: int | None = None
) -> int | None:
    """An integer within bounds, or null."""
    return None if value is None else integer(value, path, minimum, maximum)


def boolean(value: object, path: str) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise FileFormatError(path, "ska vara true eller false")
    return value


def decimal(value: object, path: str) -> Decimal:
    """A decimal number written as text ("285.0"), never a binary float."""
    if not isinstance(value, str) or not _DECIMAL.fullmatch(value):
        raise FileFormatError(path, 'ska vara ett decimaltal skrivet som text, t.ex. "285.0"')
    return Decimal(value)


def optional_decimal(value: object, path: str) -> Decimal | None:
    """A decimal number written as text, or null."""
    return None if value is None else decimal(value, path)


def choice(value: object, path: str, kind: type[E]) -> E:
    """One of the values of a string enum."""
    allowed = [member.value for member in kind]
    if not isinstance(value, str) or value not in allowed:
        raise FileFormatError(path, "ska vara ett av: " + ", ".join(allowed))
    return kind(value)


def optional_choice(value: object, path: str, kind: type[E]) -> E | None:
    """One of the values of a string enum, or null."""
    return None if value is None else choice(value, path, kind)
