"""The demo region in its own SQLite file for the benchmarks (var/bench-demo.sqlite3).

Built once like `make demo` does (reference data, demo users, the region, the preliminary
and final rounds published) and kept between benchmark runs; delete the file to build
it anew.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE = Path(__file__).resolve().parents[1] / "var" / "bench-demo.sqlite3"


def database_url() -> str:
    return f"sqlite:///{DATABASE}"


def ensure() -> None:
    """Set up Django on the benchmark database, building the demo region if it is missing."""
    os.environ["DATABASE_URL"] = database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gymnasieregion.config.settings.test")
    import django

    django.setup()
    if DATABASE.exists():
        return
    from django.core.management import call_command

    DATABASE.parent.mkdir(exist_ok=True)
    print(f"building the demo region in {DATABASE} (once) ...", flush=True)
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("create_demo_users", verbosity=0)
    call_command("demo", verbosity=0)
