"""`gymnasieregion admission solve|verify`: the admission engine on open files.

    gymnasieregion admission solve PROBLEM.json --out RESULT.json
    gymnasieregion admission verify PROBLEM.json RESULT.json

`solve` also writes RESULT.manifest.json. `verify` exits with status 1 and lists every
violation when the result is wrong. File formats: docs/reference/admission-files.md.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

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

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "solve":
                self._solve(options["problem"], options["out"])
            else:
                self._verify(options["problem"], options["result"])
        except FileFormatError as error:
            raise CommandError(f"Felaktig fil: {error}") from error

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
