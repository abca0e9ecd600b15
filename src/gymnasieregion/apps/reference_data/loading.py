"""Reading the reference data files shipped in `data/` and handing them to the services."""

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import transaction

from gymnasieregion.apps.admissions.services import cooperation_area_set
from gymnasieregion.apps.fees.services import (
    FEE_BASE_FIELD,
    budget_load,
    fee_bases_import,
    fee_ceiling_set,
    fee_rate_set,
    per_youth_fee_set,
)
from gymnasieregion.apps.organisations.services import MunicipalityRow, municipalities_load

DATA_DIR = Path(__file__).resolve().parent / "data"
POPULATION_DATE = date(2024, 11, 1)


def _csv_rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _json(name: str) -> Any:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def municipality_rows() -> list[MunicipalityRow]:
    return [
        MunicipalityRow(
            code=row["code"],
            name=row["name"],
            county_code=row["county_code"],
            county=row["county"],
            is_member=row["member_of_association"] == "ja",
            population=int(row["population_2024_11_01"]) if row["population_2024_11_01"] else None,
            population_date=POPULATION_DATE if row["population_2024_11_01"] else None,
        )
        for row in _csv_rows("municipalities.csv")
    ]


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Load roles, municipalities, fee rates, fee bases and the budget; safe to run again."""
    call_command("loaddata", "roles", verbosity=0)
    counts = {"kommuner": municipalities_load(actor=None, rows=municipality_rows())}
    fees = _json("fees.json")
    for ceiling in fees["ceilings"]:
        fee_ceiling_set(
            actor=None,
            first_year=ceiling["first_year"],
            rate_per_mille=Decimal(ceiling["rate_per_mille"]),
            decision=ceiling["decision"],
        )
    for year, rate in fees["service_fee_rates"].items():
        fee_rate_set(actor=None, year=int(year), rate_per_mille=Decimal(rate))
    counts["avgiftsuttag"] = len(fees["service_fee_rates"])
    for year, fee in fees["per_youth_fees"].items():
        per_youth_fee_set(
            actor=None,
            year=int(year),
            admission_fee=Decimal(fee["admission_fee"]),
            uedb_fee=Decimal(fee["uedb_fee"]),
        )
    for year, filename in fees["fee_bases"].items():
        rows = [
            {"kommunkod": r["kommunkod"], FEE_BASE_FIELD: r[FEE_BASE_FIELD]}
            for r in _csv_rows(filename)
        ]
        counts[f"avgiftsunderlag {year}"] = fee_bases_import(actor=None, year=int(year), rows=rows)
    counts["budgetenheter"] = budget_load(actor=None, data=_json("budget_2026.json"))
    areas = _json("cooperation_areas.json")["areas"]
    for area in areas:
        cooperation_area_set(
            actor=None, name=area["name"], municipality_codes=area["municipalities"]
        )
    counts["samverkansområden"] = len(areas)
    return counts
