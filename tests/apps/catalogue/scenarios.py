"""Audit scenarios of the catalogue services, for tests/apps/test_audit_on_every_write.py.

Each returns the keyword arguments of one call; preparing may write (a year, a school
unit, an offering), the call itself is what the audit test checks.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.catalogue.demo import demo_admission_year_data
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering
from gymnasieregion.apps.catalogue.services import admission_year_create
from gymnasieregion.apps.organisations.models import Organisation, OrganisationKind
from gymnasieregion.apps.organisations.services import organisation_create
from tests.apps.catalogue.factories import ek_data, offering_at

PLANNING_DAY = date(2026, 11, 2)


def _year() -> AdmissionYear:
    return admission_year_create(actor=SYSTEM, year=2027, data=demo_admission_year_data(2027))


def _school() -> Organisation:
    return organisation_create(
        actor=None,
        kind=OrganisationKind.SCHOOL_UNIT,
        name="Scenariogymnasiet",
        school_unit_code="90000066",
    )


def _offering() -> Offering:
    return offering_at(_school(), _year(), "EK-SCEN-1", PLANNING_DAY)


def scenarios() -> dict[str, Callable[[], dict[str, object]]]:
    return {
        "catalogue.admission_year_create": lambda: {
            "actor": SYSTEM,
            "year": 2028,
            "data": demo_admission_year_data(2028),
        },
        "catalogue.admission_year_update": lambda: {
            "actor": SYSTEM,
            "admission_year": _year(),
            "data": replace(demo_admission_year_data(2027), choice_cap=12),
        },
        "catalogue.offering_create": lambda: {
            "actor": SYSTEM,
            "admission_year": _year(),
            "school_unit": _school(),
            "code": "EK-NY-1",
            "data": ek_data(),
            "today": PLANNING_DAY,
        },
        "catalogue.offering_update": lambda: {
            "actor": SYSTEM,
            "offering": _offering(),
            "data": ek_data(places=96),
            "today": PLANNING_DAY,
        },
        "catalogue.offering_import": lambda: {
            "actor": SYSTEM,
            "admission_year": _year(),
            "rows": [
                {
                    "kod": "NA-IMP-1",
                    "skolenhetskod": _school().school_unit_code,
                    "programkod": "NA",
                    "namn": "Naturvetenskapsprogrammet",
                    "typ": "nationellt",
                    "platser": "32",
                }
            ],
            "today": PLANNING_DAY,
        },
        "catalogue.offering_cancel": lambda: {
            "actor": SYSTEM,
            "offering": _offering(),
            "today": PLANNING_DAY,
        },
        "catalogue.offering_cutoffs_publish": lambda: _cutoffs(),
    }


def _cutoffs() -> dict[str, object]:
    offering = _offering()
    return {
        "actor": SYSTEM,
        "admission_year": offering.admission_year,
        "cutoffs": {offering.pk: (Decimal("245.50"), False)},
        "round_name": "preliminary",
    }
