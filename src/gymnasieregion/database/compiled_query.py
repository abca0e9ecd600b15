"""ORM queries compiled to SQL once per process, for the busiest pages (ADR 0105).

Building a query with the ORM (`filter`, joins, compiling the SQL) costs several times
what SQLite or PostgreSQL spend running it: on the applicant's result page, three such
lookups took a fifth of the time. A `CompiledQuery` is written with the ORM as usual; the
first call builds it with stand-in values and keeps the SQL for the database in use, and
every later call only binds the new values.

Only for queries whose values are compared for equality, each used once: the stand-ins
must come back as the query's parameters, or the query is refused when first compiled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

# Stand-in ids, far from any real one, so each can be found among the query's parameters.
STAND_IN_IDS = (-904_001, -904_002, -904_003)


class CompiledQuery:
    """`build(*values)` returns a QuerySet; calls run its SQL with real values bound.

    `stand_ins` are the values `build` is first called with: distinct, and of the types
    the real values will have.
    """

    def __init__(self, build: Callable[..., QuerySet[Any]], stand_ins: tuple[Any, ...]) -> None:
        if len(set(stand_ins)) != len(stand_ins):
            raise ValueError(f"The stand-ins {stand_ins!r} must differ from each other.")
        self._build = build
        self._stand_ins = stand_ins
        self._compiled: dict[str, tuple[str, tuple[int, ...]]] = {}
        self._row_plans: dict[str, tuple[list[str], list[Callable[[Any], Any]]]] = {}

    def _sql(self) -> tuple[str, tuple[int, ...]]:
        """The SQL for this database and, per SQL parameter, which value goes there."""
        found = self._compiled.get(connection.vendor)
        if found is None:
            sql, params = self._build(*self._stand_ins).query.sql_with_params()
            if sorted(map(repr, params)) != sorted(map(repr, self._stand_ins)):
                raise ValueError(
                    f"The query has parameters {params!r}; only the stand-ins "
                    f"{self._stand_ins!r}, each once, can be bound later."
                )
            found = (sql, tuple(self._stand_ins.index(p) for p in params))
            self._compiled[connection.vendor] = found
        return found

    def _params(self, values: tuple[Any, ...]) -> list[Any]:
        if len(values) != len(self._stand_ins):
            raise TypeError(f"Expected {len(self._stand_ins)} values, got {len(values)}.")
        return [values[index] for index in self._sql()[1]]

    def rows(self, *values: Any) -> list[tuple[Any, ...]]:
        """The rows as tuples (for `values_list` queries of plain values)."""
        with connection.cursor() as cursor:
            cursor.execute(self._sql()[0], self._params(values))
            rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows

    def objects(self, model: type[M], *values: Any) -> list[M]:
        """The rows as `model` instances, with the database's values converted.

        For queries of whole rows of `model` (no joined columns, nothing deferred); the
        converters per column are worked out once, where a `RawQuerySet` would work
        them out on every call.
        """
        with connection.cursor() as cursor:
            cursor.execute(self._sql()[0], self._params(values))
            columns = [column[0] for column in cursor.description]
            rows = cursor.fetchall()
        names, converters = self._row_plan(model, columns)
        return [
            model.from_db(
                connection.alias,
                names,
                [convert(v) for convert, v in zip(converters, row, strict=True)],
            )
            for row in rows
        ]

    def _row_plan(
        self, model: type[Model], columns: list[str]
    ) -> tuple[list[str], list[Callable[[Any], Any]]]:
        """The fields' names and the converter of each column, worked out once."""
        found = self._row_plans.get(connection.vendor)
        if found is None:
            fields = model._meta.concrete_fields
            if columns != [field.column for field in fields]:
                raise ValueError(
                    f"The query returns the columns {columns!r}, not a whole row of "
                    f"{model.__name__}."
                )
            table = model._meta.db_table
            found = (
                [field.attname for field in fields],
                [_converter(field.get_col(table)) for field in fields],
            )
            self._row_plans[connection.vendor] = found
        return found

    def first(self, model: type[M], *values: Any) -> M | None:
        """The one row of a lookup on a unique key, or None."""
        found = self.objects(model, *values)
        return found[0] if found else None


def _converter(column: Any) -> Callable[[Any], Any]:
    """The backend's and the field's conversions of one column's value, in Django's order."""
    steps = [
        *connection.ops.get_db_converters(column),
        *column.get_db_converters(connection),
    ]

    def convert(value: Any) -> Any:
        for step in steps:
            value = step(value, column, connection)
        return value

    return convert
