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
    # The development settings in demo mode with DEBUG off: what `make demo` serves, minus
    # the cost of DEBUG; the pages bench's server runs with the same.
    os.environ["DATABASE_URL"] = database_url()
    os.environ["DJANGO_SETTINGS_MODULE"] = "gymnasieregion.config.settings.development"
    os.environ["DEBUG"] = "0"
    os.environ["GYMNASIEREGION_DEMO"] = "1"
    import django

    django.setup()
    from django.core.management import call_command

    if DATABASE.exists():
        call_command("migrate", verbosity=0)  # a database kept from an older version
        return
    DATABASE.parent.mkdir(exist_ok=True)
    print(f"building the demo region in {DATABASE} (once) ...", flush=True)
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("create_demo_users", verbosity=0)
    call_command("demo", verbosity=0)
