"""`gymnasieregion admission solve|verify|run|export`: the admission engine, on files and on the database.

    gymnasieregion admission solve PROBLEM.json --out RESULT.json
    gymnasieregion admission verify PROBLEM.json RESULT.json
    gymnasieregion admission run --round final [--year 2027] [--publish]
    gymnasieregion admission export RUN_ID --out PROBLEM.json

`solve` also writes RESULT.manifest.json. `verify` exits with status 1 and lists every
violation when the result is wrong. `run` runs a round on the stored admission year with
a progress bar and a summary; `export` writes a stored run's problem file so anyone can
re-run it with `solve`. File formats: docs/reference/admission-files.md.
"""

import json
import time
from pathlib import Path
from typing import IO, Any, cast

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.admissions.mappers import STEPS
from gymnasieregion.apps.admissions.models import RunKind, RunStatus
from gymnasieregion.apps.admissions.reports import run_summary_table
from gymnasieregion.apps.admissions.selectors import admission_run_get, admission_year_latest
from gymnasieregion.apps.admissions.services import admission_run, admission_run_publish
from gymnasieregion.core.admission.json_fields import FileFormatError
from gymnasieregion.core.admission.publication import check, publish


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"Kan inte läsa {path}: {error.strerror}.") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(f"{path} är inte giltig JSON: {error}.") from error


def manifest_path(result_path: Path) -> Path:
    """RESULT.json → RESULT.manifest.json, next to the result."""
    return result_path.with_name(f"{result_path.stem}.manifest.json")


class Command(BaseCommand):
    help = "Antagning: lös ett antagningsproblem eller kontrollera ett resultat (JSON-filer)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{solve,verify}")
        solve = actions.add_parser("solve", help="Lös ett problem och skriv resultat och manifest.")
        solve.add_argument("problem", type=Path, help="Problemfilen (JSON).")
        solve.add_argument("--out", type=Path, required=True, help="Resultatfilen som skrivs.")
        verify = actions.add_parser("verify", help="Kontrollera ett resultat mot sitt problem.")
        verify.add_argument("problem", type=Path, help="Problemfilen (JSON).")
        verify.add_argument("result", type=Path, help="Resultatfilen (JSON).")
        run = actions.add_parser("run", help="Kör en antagningsomgång på databasens antagningsår.")
        run.add_argument(
            "--round",
            required=True,
            choices=[k.value for k in RunKind],
            help="Omgång: simulation, preliminary, final eller reserve.",
        )
        run.add_argument("--year", type=int, help="Antagningsåret (standard: det senaste).")
        run.add_argument("--publish", action="store_true", help="Publicera om kontrollen godkände.")
        export = actions.add_parser("export", help="Skriv en sparad körnings problemfil.")
        export.add_argument("run_id", type=int, help="Körningens nummer (id).")
        export.add_argument("--out", type=Path, required=True, help="Problemfilen som skrivs.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "solve":
                self._solve(options["problem"], options["out"])
            elif options["action"] == "verify":
                self._verify(options["problem"], options["result"])
            elif options["action"] == "run":
                self._run(options["round"], options["year"], publish=options["publish"])
            else:
                self._export(options["run_id"], options["out"])
        except FileFormatError as error:
            raise CommandError(f"Felaktig fil: {error}") from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

    def _solve(self, problem_path: Path, out: Path) -> None:
        publication = publish(_read_json(problem_path))
        out.write_bytes(publication.result_bytes)
        manifest_path(out).write_bytes(publication.manifest_bytes)
        result = publication.result
        placed = sum(1 for a in result.applicants if a.placement is not None)
        self.stdout.write(
            f"{placed} av {len(result.applicants)} sökande placerade; "
            f"resultat i {out}, manifest i {manifest_path(out)}."
        )
        for offering in result.below_minimum_size:
            self.stdout.write(f"Under minsta gruppstorlek: {offering}")

    def _verify(self, problem_path: Path, result_path: Path) -> None:
        violations = check(_read_json(problem_path), _read_json(result_path))
        if violations:
            for violation in violations:
                self.stderr.write(str(violation))
            raise CommandError(f"Resultatet är felaktigt: {len(violations)} fel.", returncode=1)
        self.stdout.write("Resultatet är korrekt: inga fel hittades.")

    def _run(self, kind: str, year_number: int | None, *, publish: bool) -> None:
        year = admission_year_latest(year=year_number)
        if year is None:
            raise CommandError(
                "Det finns inget antagningsår i databasen. Kör 'gymnasieregion demo'."
            )
        console = Console(file=cast(IO[str], self.stdout), width=100)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        ) as bar:
            task = bar.add_task(f"{RunKind(kind).label} {year.year}", total=len(STEPS))

            def progress(step: str) -> None:
                bar.update(task, description=step, completed=STEPS.index(step) + 1)

            started = time.perf_counter()
            run = admission_run(actor=SYSTEM, year=year, kind=kind, progress=progress)
            if publish and run.status == RunStatus.SUCCEEDED:
                admission_run_publish(actor=SYSTEM, run=run)
        seconds = time.perf_counter() - started
        console.print(run_summary_table(run, seconds))
        if run.status != RunStatus.SUCCEEDED:
            for violation in run.violations:
                self.stderr.write(violation)
            raise CommandError(
                "Kontrollen underkände resultatet; inget publicerades.", returncode=1
            )

    def _export(self, run_id: int, out: Path) -> None:
        run = admission_run_get(pk=run_id)
        if run is None:
            raise CommandError(f"Körning {run_id} finns inte.")
        out.write_bytes(bytes(run.files.problem))
        self.stdout.write(f"Problemfilen för körning {run_id} skriven till {out}.")
