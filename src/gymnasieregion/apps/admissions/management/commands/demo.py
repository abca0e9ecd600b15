"""`gymnasieregion demo`: build the demo region, run and publish the preliminary and final rounds.

Run once by `make demo`; a database that already has an admission year is reused, and
the command only prints the summary of its newest published run.
"""

import time
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from rich.console import Console
from rich.status import Status

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.admissions.demo import (
    APPLICANTS,
    demo_final_grades_add,
    demo_region_build,
)
from gymnasieregion.apps.admissions.models import RunKind
from gymnasieregion.apps.admissions.reports import run_summary_table
from gymnasieregion.apps.admissions.selectors import admission_year_latest, published_run_latest
from gymnasieregion.apps.admissions.services import admission_run, admission_run_publish


class Command(BaseCommand):
    help = "Bygger demoregionen (cirka 31 000 påhittade sökande) och kör antagningen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--applicants", type=int, default=APPLICANTS, help="Antal sökande (standard 31 000)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=cast(IO[str], self.stdout), width=100)
        existing = admission_year_latest()
        if existing is not None:
            console.print(
                f"Demoregionen finns redan (antagningsår {existing.year}); den används igen."
            )
            run = published_run_latest(year=existing)
            if run is not None:
                console.print(run_summary_table(run, 0.0))
            return
        started = time.perf_counter()
        with console.status("Bygger demoregionen …") as status:
            region = demo_region_build(
                today=timezone.localdate(),
                applicants=options["applicants"],
                progress=lambda step: status.update(f"Bygger demoregionen: {step} …"),
            )
        console.print(
            f"Antagningsår {region.year.year}: {region.offerings} utbildningar, "
            f"{region.applications} ansökningar med {region.lines} valrader "
            f"({time.perf_counter() - started:.0f} s)."
        )
        for kind in (RunKind.PRELIMINARY, RunKind.FINAL):
            if kind == RunKind.FINAL:
                with console.status("Slutbetygen registreras …"):
                    demo_final_grades_add(year=region.year)
            started = time.perf_counter()
            with console.status(f"{kind.label} …") as status:

                def progress(step: str, status: Status = status, kind: RunKind = kind) -> None:
                    status.update(f"{kind.label}: {step} …")

                run = admission_run(actor=SYSTEM, year=region.year, kind=kind, progress=progress)
                run = admission_run_publish(actor=SYSTEM, run=run)
            console.print(run_summary_table(run, time.perf_counter() - started))
