"""`gymnasieregion fees --year 2026 [--csv]`: the service-fee table in the terminal or as CSV."""

import csv
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.fees.selectors import FeeYear, fee_year_get
from gymnasieregion.apps.fees.tables import SERVICE_FEE_HEADER, service_fee_export_rows
from gymnasieregion.core.fees.service_fee import format_per_mille


def _kronor(value: object) -> str:
    return "" if value is None else f"{value:,}".replace(",", " ")


class Command(BaseCommand):
    help = "Skriver ut serviceavgiften per kommun för ett år, som tabell eller CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Avgiftsåret, t.ex. 2026.")
        parser.add_argument(
            "--csv", action="store_true", help="Skriv CSV (semikolon) i stället för tabell."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fee_year: FeeYear = fee_year_get(actor=SYSTEM, year=options["year"])
        if fee_year.service_fees is None:
            raise CommandError(f"Avgiftsunderlag eller avgiftsuttag saknas för {options['year']}.")
        rows = service_fee_export_rows(fee_year)
        if options["csv"]:
            writer = csv.writer(self.stdout, delimiter=";", lineterminator="\n")
            writer.writerow(SERVICE_FEE_HEADER)
            writer.writerows(["" if c is None else c for c in row] for row in rows)
            return
        rate = format_per_mille(fee_year.service_fees.rate_per_mille)
        table = Table(title=f"Serviceavgift {fee_year.year} – {rate} promille av avgiftsunderlaget")
        for index, column in enumerate(SERVICE_FEE_HEADER):
            table.add_column(column, justify="right" if index >= 2 else "left")
        for row in rows:
            table.add_row(*(str(row[0]), str(row[1]), *(_kronor(c) for c in row[2:])))
        Console(file=cast(IO[str], self.stdout), width=120).print(table)
