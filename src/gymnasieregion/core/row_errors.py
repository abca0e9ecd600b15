"""Errors found in an imported file, one per row and field, worded for the user."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class RowError:
    """`row` is the line number as the user sees it in the file (the header is row 1)."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"Rad {self.row}, fältet {self.field}: {self.message}"


class RowErrors(ValueError):
    """Raised when a file has errors; nothing from it may be saved."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = sorted(errors)
        super().__init__("\n".join(str(error) for error in self.errors))
