"""Fast inserts of many plain rows (ADR 0003): an admission run's results, the demo's grades.

The ORM's `bulk_create` builds a model object and prepares every value of every row,
which costs tens of microseconds a row; an admission run of a region stores 130,000
line results and the demo region a million grades. Here the caller gives rows of values
already in the form the database stores (str, int, Decimal, bool, None, and datetimes
through `db_datetime`), and they go to the driver's `executemany` in batches, inside the
caller's transaction. Nothing else (signals, `save()`, defaults) runs: use it only for
derived or generated rows whose constraints the database itself checks.
"""

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from django.db import connection, models

BATCH = 10_000


def _batches(rows: Iterable[Sequence[Any]], size: int) -> Iterator[list[Sequence[Any]]]:
    batch: list[Sequence[Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def db_datetime(moment: datetime) -> Any:
    """A datetime as this database's driver takes it (SQLite stores UTC text)."""
    return connection.ops.adapt_datetimefield_value(moment)


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    column = getattr(field, "column", None)
    if not isinstance(column, str):
        raise ValueError(f"{model.__name__}.{name} har ingen egen kolumn.")
    return column


def bulk_insert(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert `rows` (values in the order of `fields`, by field name); returns the count."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(_column(model, name)) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Table and column names come from the model and are quoted; values are parameters.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    count = 0
    with connection.cursor() as cursor:
        for batch in _batches(rows, BATCH):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
