"""The `gymnasieregion` command: Django's management commands with the project's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run a management command, e.g. `gymnasieregion fees --year 2026`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gymnasieregion.config.settings.development")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else sys.argv)
    return 0
