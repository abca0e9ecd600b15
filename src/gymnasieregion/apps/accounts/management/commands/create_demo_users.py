"""`gymnasieregion create_demo_users`: one demo user per role, printed with passwords."""

from typing import IO, Any, cast

from django.core.management.base import BaseCommand
from rich.console import Console
from rich.table import Table

from gymnasieregion.apps.accounts.demo_users import demo_users_create


class Command(BaseCommand):
    help = "Skapar en demoanvändare per roll och skriver ut användarnamn och lösenord."

    def handle(self, *args: Any, **options: Any) -> None:
        users = demo_users_create()
        table = Table(title="Demoanvändare (endast för demo på 127.0.0.1)")
        for column in ("Användarnamn", "Lösenord", "Roll", "Organisation"):
            table.add_column(column)
        for user in users:
            table.add_row(
                user.username, user.password, user.role.name, str(user.organisation or "–")
            )
        Console(file=cast(IO[str], self.stdout), width=120).print(table)
