"""Schools, pupils registered through the real service, and grade files as bytes."""

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date

import pytest
from openpyxl import Workbook

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.applicants.admission_dates import AdmissionDates, rules_for
from gymnasieregion.apps.applicants.grade_files import file_digest, grade_table_read
from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.applicants.services import GradeImportResult, grade_import, person_register
from gymnasieregion.apps.organisations.models import Municipality, Organisation, OrganisationKind
from gymnasieregion.apps.organisations.services import organisation_create
from tests.apps.applicants.factories import fake_number

BEFORE_DEADLINE = date(2026, 5, 20)
DEADLINE = date(2026, 6, 25)
AFTER_DEADLINE = date(2026, 7, 2)
HEADER = ["personnummer", "ämne", "språkplats", "språkkod", "betyg", "termin"]

Rows = Sequence[Sequence[str]]


@pytest.fixture
def school(organisations: dict[str, Organisation]) -> Organisation:
    return organisations["sending_school"]


@pytest.fixture
def other_school(reference_data: None) -> Organisation:
    return organisation_create(
        actor=None,
        kind=OrganisationKind.SENDING_SCHOOL,
        name="Påhittade skolan (grundskola)",
        municipality=Municipality.objects.get(code="0184"),
        school_unit_code="90000077",
    )


@pytest.fixture
def register(reference_data: None) -> Callable[..., Person]:
    counter = iter(range(100, 10_000))

    def make(school: Organisation | None, **fields: object) -> Person:
        n = next(counter)
        arguments: dict[str, object] = {
            "identity_number": str(fake_number(n)),
            "given_name": f"Elev{n}",
            "family_name": "Påhittad",
            "home_municipality": (school.municipality if school else None)
            or Municipality.objects.get(code="0180"),
            "sending_school": school,
            "today": BEFORE_DEADLINE,
        } | fields
        return person_register(actor=SYSTEM, **arguments)  # type: ignore[arg-type]

    return make


def csv_bytes(rows: Rows, header: Sequence[str] = HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_file(
    school: Organisation,
    data: bytes,
    *,
    name: str = "betyg.csv",
    today: date = BEFORE_DEADLINE,
    actor: object = SYSTEM,
) -> GradeImportResult:
    table = grade_table_read(data, name)
    return grade_import(
        actor=actor,  # type: ignore[arg-type]
        sending_school=school,
        header=table.header,
        rows=table.rows,
        file_name=name,
        file_sha256=file_digest(data),
        deadline=DEADLINE,
        today=today,
    )


def fixed_dates(*, deadline: date = DEADLINE) -> AdmissionDates:
    return AdmissionDates(
        year=2026,
        final_grade_deadline=deadline,
        study_start=date(2026, 8, 15),
        rules=rules_for(2026),
    )


@pytest.fixture
def deadline_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages and API see admission year 2026 with its final-grade deadline behind them."""
    past = fixed_dates(deadline=date(2000, 1, 1))
    for module in ("views", "api.v1.views"):
        monkeypatch.setattr(
            f"gymnasieregion.apps.applicants.{module}.admission_dates", lambda *, today: past
        )


@pytest.fixture
def year_2026(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages and API see admission year 2026 before its final-grade deadline."""
    dates = fixed_dates(deadline=date(2999, 1, 1))
    for module in ("views", "api.v1.views"):
        monkeypatch.setattr(
            f"gymnasieregion.apps.applicants.{module}.admission_dates", lambda *, today: dates
        )
