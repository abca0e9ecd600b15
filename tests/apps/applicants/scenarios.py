"""Audit scenarios of the applicants services, for tests/apps/test_audit_on_every_write.py.

Each returns the keyword arguments of one call; preparing may write (a school, a pupil,
a pending correction), the call itself is what the audit test checks.
"""

from collections.abc import Callable
from datetime import date

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.applicants.models import GradeCorrection, Person
from gymnasieregion.apps.applicants.services import person_register
from gymnasieregion.apps.organisations.models import Municipality, Organisation, OrganisationKind
from gymnasieregion.apps.organisations.services import organisation_create
from tests.apps.applicants.factories import fake_number

BEFORE = date(2026, 5, 20)
DEADLINE = date(2026, 6, 25)
AFTER = date(2026, 7, 2)


def _school() -> Organisation:
    return organisation_create(
        actor=None,
        kind=OrganisationKind.SENDING_SCHOOL,
        name="Scenarioskolan",
        municipality=Municipality.objects.get(code="0180"),
        school_unit_code="90000055",
    )


def _pupil(school: Organisation) -> Person:
    return person_register(
        actor=SYSTEM,
        identity_number=str(fake_number(4000)),
        given_name="Scenario",
        family_name="Påhittad",
        home_municipality=Municipality.objects.get(code="0180"),
        sending_school=school,
        today=BEFORE,
    )


def _import() -> dict[str, object]:
    school = _school()
    pupil = _pupil(school)
    return {
        "actor": SYSTEM,
        "sending_school": school,
        "header": ["personnummer", "ämne", "språkplats", "språkkod", "betyg", "termin"],
        "rows": [
            {
                "personnummer": pupil.identity_number,
                "ämne": "MA",
                "språkplats": "",
                "språkkod": "",
                "betyg": "B",
                "termin": "SLUTBETYG",
            }
        ],
        "file_name": "betyg.csv",
        "file_sha256": "0" * 64,
        "deadline": DEADLINE,
        "today": BEFORE,
    }


def _request() -> dict[str, object]:
    return {
        "actor": SYSTEM,
        "person": _pupil(_school()),
        "subject": "MA",
        "new_grade": "C",
        "reason": "Fel i betygskatalogen.",
        "deadline": DEADLINE,
        "today": AFTER,
    }


def _decide() -> dict[str, object]:
    pupil = _pupil(_school())
    assert pupil.sending_school is not None
    correction = GradeCorrection.objects.create(
        person=pupil,
        sending_school=pupil.sending_school,
        subject="MA",
        term="SLUTBETYG",
        new_grade="C",
        reason="Fel i betygskatalogen.",
    )
    return {"actor": SYSTEM, "correction": correction, "approve": True}


def scenarios() -> dict[str, Callable[[], dict[str, object]]]:
    return {
        "applicants.person_register": lambda: {
            "actor": SYSTEM,
            "identity_number": str(fake_number(4001)),
            "given_name": "Ny",
            "family_name": "Påhittad",
            "home_municipality": Municipality.objects.get(code="0180"),
            "today": BEFORE,
        },
        "applicants.grade_import": _import,
        "applicants.grade_correction_request": _request,
        "applicants.grade_correction_decide": _decide,
    }
