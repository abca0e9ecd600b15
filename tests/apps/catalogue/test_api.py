"""The catalogue API: public list with filters, detail, cut-offs, admission years; the
office's import with every row error."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.catalogue.models import Offering
from gymnasieregion.apps.catalogue.offering_files import COLUMNS
from gymnasieregion.apps.catalogue.services import offering_cutoffs_publish
from tests.apps.catalogue.factories import admission_year_in_planning, offering_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(reference_data):
    return admission_year_in_planning(timezone.localdate())


@pytest.fixture
def offerings(year, organisations, other_school):
    today = timezone.localdate()
    ek = offering_at(organisations["school_unit"], year, "EK-A-1", today)
    na = offering_at(other_school, year, "NA-A-1", today, programme_code="NA", name="Natur")
    offering_cutoffs_publish(
        actor=SYSTEM,
        admission_year=year,
        cutoffs={ek.pk: (Decimal("250.00"), False)},
        round_name="preliminary",
    )
    return {"ek": ek, "na": na}


def test_anyone_lists_the_catalogue_with_its_filters(client, offerings, year):
    data = client.get("/api/v1/offerings/").json()
    assert data["count"] == 2
    first = data["results"][0]
    assert first["code"] == "EK-A-1" and first["year"] == year.year
    assert first["school_unit"]["school_unit_code"] == "90000001"
    assert first["school_unit"]["organiser_type"] == "independent"
    assert first["published_cutoff"] == "250.00" and first["kind"] == "national"
    assert client.get("/api/v1/offerings/?programme=NA").json()["count"] == 1
    assert client.get("/api/v1/offerings/?max_cutoff=260").json()["count"] == 1
    assert client.get(f"/api/v1/offerings/?year={year.year}&q=natur").json()["count"] == 1
    assert client.get("/api/v1/offerings/?limit=1").json()["next"] is not None


def test_a_bad_filter_is_a_400_with_the_field_named(client, offerings):
    response = client.get("/api/v1/offerings/?kind=kurs&max_cutoff=x")
    assert response.status_code == 400
    assert set(response.json()) == {"kind", "max_cutoff"}


def test_an_unknown_year_is_404(client, offerings):
    assert client.get("/api/v1/offerings/?year=1999").status_code == 404


def test_anyone_reads_an_offering_and_the_cut_offs(client, offerings):
    assert client.get(f"/api/v1/offerings/{offerings['na'].pk}/").json()["code"] == "NA-A-1"
    assert client.get("/api/v1/offerings/999999/").status_code == 404
    cutoffs = client.get("/api/v1/cutoffs/").json()
    assert [o["code"] for o in cutoffs["results"]] == ["EK-A-1"]
    assert cutoffs["results"][0]["published_cutoff_round"] == "preliminary"


def test_anyone_reads_the_admission_years_calendar(client, year):
    years = client.get("/api/v1/admission-years/").json()
    assert years[0]["year"] == year.year and "seed" not in years[0]


def csv_file(*lines: str) -> SimpleUploadedFile:
    text = "\n".join([";".join(COLUMNS), *lines])
    return SimpleUploadedFile("utbildningar.csv", text.encode())


def test_the_office_imports_offerings(client_as, year, organisations):
    client = client_as("admission_officer")
    upload = csv_file("TE-A-1;90000001;TE;;;Teknik;nationellt;32;;;;")
    response = client.post("/api/v1/offerings/import/", {"year": year.year, "file": upload})
    assert response.status_code == 200
    assert response.json() == {"created": 1, "updated": 0, "unchanged": 0}
    again = csv_file("TE-A-1;90000001;TE;;;Teknik;nationellt;32;;;;")
    assert client.post("/api/v1/offerings/import/", {"year": year.year, "file": again}).json() == {
        "created": 0,
        "updated": 0,
        "unchanged": 1,
    }


def test_an_import_with_bad_rows_answers_every_error_and_saves_nothing(client_as, year):
    client = client_as("admission_officer")
    upload = csv_file(
        "A-1;90000001;ZZ;;;Namn;nationellt;32;;;;", "A-2;90000001;EK;;;Namn;nationellt;x;;;;"
    )
    response = client.post("/api/v1/offerings/import/", {"year": year.year, "file": upload})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Filen har 2 fel. Ingenting sparades."
    assert [(e["row"], e["field"]) for e in body["row_errors"]] == [
        (2, "programkod"),
        (3, "platser"),
    ]
    assert not Offering.objects.exists()


def test_other_roles_cannot_import(client_as, year):
    for role in ("school_staff", "principal", "auditor"):
        response = client_as(role).post(
            "/api/v1/offerings/import/", {"year": year.year, "file": csv_file()}
        )
        assert response.status_code == 404
