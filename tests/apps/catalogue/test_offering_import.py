"""The offering import: every bad row reported with row and column, nothing saved unless all
rows are valid; the same file again changes nothing; CSV and XLSX."""

import io
from datetime import date

import pytest
from django.http import Http404
from openpyxl import Workbook

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.audit.models import AuditEvent
from gymnasieregion.apps.catalogue.calendar import PhaseClosed
from gymnasieregion.apps.catalogue.models import Offering
from gymnasieregion.apps.catalogue.offering_files import COLUMNS, REQUIRED
from gymnasieregion.apps.catalogue.services import offering_import
from gymnasieregion.core.row_errors import RowErrors
from gymnasieregion.files.tabular import read_table
from tests.apps.catalogue.conftest import APPLICATION_DAY, PLANNING_DAY

pytestmark = pytest.mark.django_db

HEADER = ";".join(COLUMNS)


def row(**cells: str) -> str:
    values = {
        "kod": "EK-1",
        "skolenhetskod": "90000001",
        "programkod": "EK",
        "inriktning": "Ekonomi",
        "profil": "",
        "namn": "Ekonomiprogrammet – ekonomi",
        "typ": "nationellt",
        "platser": "64",
        "minsta_antal": "20",
        "urval": "",
        "provfaktor": "",
        "provmaxpoang": "",
    } | cells
    return ";".join(values[c] for c in COLUMNS)


def csv_rows(*lines: str) -> tuple[dict[str, str], ...]:
    data = "\n".join([HEADER, *lines]).encode()
    return read_table(data, "utbildningar.csv", required=REQUIRED).rows


@pytest.fixture
def school(organisations):
    return organisations["school_unit"]  # Demogymnasiet, 90000001


def run(year, rows, today=PLANNING_DAY, actor=SYSTEM):
    return offering_import(actor=actor, admission_year=year, rows=rows, today=today)


def test_a_valid_file_creates_every_offering(year_2027, school):
    result = run(
        year_2027,
        csv_rows(
            row(),
            row(kod="ES-1", programkod="ES", inriktning="Musik", namn="Estetiska – musik",
                platser="30", provfaktor="16", provmaxpoang="20"),
            row(kod="IMA-1", programkod="IMA", inriktning="", namn="Individuellt alternativ",
                typ="im-individ", platser="10", minsta_antal=""),
        ),
    )  # fmt: skip
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    es = Offering.objects.get(code="ES-1")
    assert es.skill_test and es.skill_test_multiplier == 16 and es.skill_test_max_points == 20
    ima = Offering.objects.get(code="IMA-1")
    assert ima.selection == "ranking" and ima.kind == "introduction_individual"
    assert ima.minimum_size == 0
    assert Offering.objects.get(code="EK-1").school_unit == school


def test_importing_the_same_file_again_changes_nothing(year_2027, school):
    rows = csv_rows(row(), row(kod="NA-1", programkod="NA", namn="Natur", platser="32"))
    run(year_2027, rows)
    before = list(Offering.objects.order_by("pk").values())
    result = run(year_2027, rows)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert list(Offering.objects.order_by("pk").values()) == before


def test_a_changed_row_updates_the_offering_with_that_code(year_2027, school):
    run(year_2027, csv_rows(row()))
    result = run(year_2027, csv_rows(row(platser="96", minsta_antal="30")))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    offering = Offering.objects.get(code="EK-1")
    assert (offering.places, offering.minimum_size) == (96, 30)
    event = AuditEvent.objects.filter(action="catalogue.offering.import").order_by("pk").last()
    assert event.payload["updated_codes"] == ["EK-1"]


def test_every_bad_row_is_reported_with_row_and_column_and_nothing_is_saved(year_2027, school):
    rows = csv_rows(
        row(),  # row 2: fine
        row(kod="X-1", programkod="ZZ"),  # row 3: unknown programme code
        row(kod="X-2", skolenhetskod="12345678"),  # row 4: unknown school unit
        row(kod="X-3", platser="många"),  # row 5: bad places
        row(kod="X-4", platser="-3"),  # row 6: negative places
        row(),  # row 7: the code of row 2 again
        row(kod="X-5", typ="kurs"),  # row 8: unknown kind
        row(kod="X-6", programkod="IMA", typ="nationellt"),  # row 9: kind does not fit
        row(kod="X-7", provfaktor="16"),  # row 10: skill test without max points
        row(kod="X-8", minsta_antal="80"),  # row 11: minimum above places
        row(kod="X-9", programkod="IMA", typ="im-individ", urval="meritvärde"),  # row 12
        row(kod="", namn=""),  # row 13: no code, no name
    )
    with pytest.raises(RowErrors) as failed:
        run(year_2027, rows)
    found = {(e.row, e.field) for e in failed.value.errors}
    assert found == {
        (3, "programkod"),
        (4, "skolenhetskod"),
        (5, "platser"),
        (6, "platser"),
        (7, "kod"),
        (8, "typ"),
        (9, "typ"),
        (10, "provmaxpoang"),
        (11, "minsta_antal"),
        (12, "urval"),
        (13, "kod"),
        (13, "namn"),
    }
    messages = {(e.row, e.field): e.message for e in failed.value.errors}
    assert "Programkoden 'ZZ' finns inte" in messages[(3, "programkod")]
    assert "Skolenhetskoden '12345678' finns inte" in messages[(4, "skolenhetskod")]
    assert "'många' är inte ett heltal" in messages[(5, "platser")]
    assert messages[(7, "kod")] == (
        "Koden EK-1 finns redan på rad 2; varje utbildning ska ha en egen kod."
    )
    assert str(failed.value).startswith("Rad 3, fältet programkod: Programkoden 'ZZ' finns inte")
    assert not Offering.objects.exists()
    assert not AuditEvent.objects.filter(action="catalogue.offering.import").exists()


def test_an_xlsx_file_is_imported_like_a_csv_file(year_2027, school):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append(
        [
            "TE-1",
            90000001,
            "TE",
            "Teknikvetenskap",
            "",
            "Teknik",
            "nationellt",
            32,
            16,
            "",
            None,
            None,
        ]
    )
    sheet.append(["ES-2", "90000001", "ES", "Dans", "", "Dans", "nationellt", 16, 0, "meritvärde",
                  8.5, 40])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = read_table(buffer.getvalue(), "utbildningar.xlsx", required=REQUIRED).rows
    result = run(year_2027, rows)
    assert result.created == 2
    assert Offering.objects.get(code="TE-1").places == 32
    assert Offering.objects.get(code="ES-2").skill_test_multiplier == pytest.approx(8.5)


def test_the_import_is_closed_once_applications_open(year_2027, school):
    with pytest.raises(PhaseClosed, match="till och med 13 januari 2027"):
        run(year_2027, csv_rows(row()), today=APPLICATION_DAY)
    assert run(year_2027, csv_rows(row()), today=date(2027, 1, 13)).created == 1


def test_only_the_admission_office_imports(year_2027, school, make_user):
    for role in ("school_staff", "principal", "auditor"):
        with pytest.raises(Http404):
            run(year_2027, csv_rows(row()), actor=make_user(role))
    assert run(year_2027, csv_rows(row()), actor=make_user("admission_officer")).created == 1
