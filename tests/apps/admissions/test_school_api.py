"""API v1 for schools and municipalities: lists, decisions and residents' results, scoped
like the pages; a protected identity's contact is null."""

import pytest
from rest_framework.test import APIClient

from gymnasieregion.apps.accounts.models import User
from gymnasieregion.apps.admissions.models import Decision
from gymnasieregion.apps.audit.models import AuditEvent
from gymnasieregion.apps.catalogue.models import Offering
from tests.apps.admissions.school_year import (
    SchoolYear,
    municipality_organisation,
    school_year,
    user_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(reference_data) -> SchoolYear:
    return school_year()


def api_as(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def staff(year) -> APIClient:
    return api_as(user_in("school_staff", year.offering.school_unit, "skolpersonal"))


@pytest.fixture
def stockholm(year) -> APIClient:
    return api_as(user_in("municipal_admin", municipality_organisation("0180"), "sthlm"))


def test_the_school_lists_its_offerings_with_their_figures(year, staff):
    data = staff.get("/api/v1/school/offerings/").json()
    assert data["year"] == 2027 and data["published_run"] == year.run.pk
    assert [
        (o["code"], o["applicants"], o["admitted"], o["reserves"]) for o in data["results"]
    ] == [("EK-DEMO", 6, 2, 3)]


def test_the_admitted_list_has_contact_data_and_null_for_a_protected_identity(year, staff):
    response = staff.get(f"/api/v1/school/offerings/{year.offering.pk}/admitted/")
    assert response.status_code == 200
    data = response.json()
    assert (data["list"], data["run"], data["count"]) == ("admitted", year.run.pk, 2)
    anna, test = data["results"]
    assert (anna["family_name"], anna["protected_identity"], anna["contact"]) == ("Ek", True, None)
    assert anna["merit"] == "320.00"
    assert test["contact"] == {
        "email": "test@example.invalid",
        "phone": "070-000 00 01",
        "postal_address": "Påhittad väg 1\n111 11 Stockholm",
    }
    assert "Hemlig gata" not in response.content.decode()


def test_the_reserves_come_in_order_and_the_call_is_one_logged_read(year, staff):
    data = staff.get(f"/api/v1/school/offerings/{year.offering.pk}/reserves/").json()
    assert [(r["reserve_position"], r["given_name"]) for r in data["results"]] == [
        (1, "Bo"),
        (2, "Cleo"),
        (3, "Dan"),
    ]
    (event,) = AuditEvent.objects.filter(action="admissions.school_list.read")
    assert event.payload == {"count": 3, "list": "reserves", "via": "api", "run": year.run.pk}


def test_another_schools_offering_is_404(year, staff):
    for name in ("admitted", "reserves"):
        response = staff.get(f"/api/v1/school/offerings/{year.other_offering.pk}/{name}/")
        assert response.status_code == 404


def with_skill_test(year: SchoolYear) -> None:
    Offering.objects.filter(pk=year.offering.pk).update(
        skill_test=True, skill_test_multiplier=2, skill_test_max_points=20
    )


def test_school_staff_record_skill_test_points(year, staff):
    with_skill_test(year)
    line = year.line("Cleo")
    response = staff.post(
        f"/api/v1/choice-lines/{line.pk}/decisions/",
        {"kind": "skill_test", "value": "12.5", "reason": "Provet 3 mars."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["line"], data["kind"], data["value"]) == (
        line.pk,
        "skill_test",
        {"skill_test_points": "12.5"},
    )
    assert AuditEvent.objects.filter(action="admissions.decision.skill_test").count() == 1


def test_a_decision_without_a_reason_is_400_in_swedish_and_saves_nothing(year, staff):
    with_skill_test(year)
    response = staff.post(
        f"/api/v1/choice-lines/{year.line('Cleo').pk}/decisions/",
        {"kind": "skill_test", "value": 12, "reason": ""},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["field_errors"] == {"reason": ["Ange skälet till beslutet."]}
    assert not Decision.objects.exists()


def test_a_decision_the_caller_does_not_own_or_on_a_line_out_of_reach_is_404(year, staff):
    line = year.line("Cleo")
    free_quota = {"kind": "free_quota", "value": True, "reason": "Skäl."}
    url = f"/api/v1/choice-lines/{line.pk}/decisions/"
    assert staff.post(url, free_quota, format="json").status_code == 404  # the principal's
    bo_elsewhere = year.line("Bo", year.other_offering)
    response = staff.post(
        f"/api/v1/choice-lines/{bo_elsewhere.pk}/decisions/",
        {"kind": "skill_test", "value": 1, "reason": "x"},
        format="json",
    )
    assert response.status_code == 404
    assert not Decision.objects.exists()


def test_the_municipality_records_a_statement_through_the_api(year, stockholm):
    line = year.line("Dan", year.uppsala_offering)
    response = stockholm.post(
        f"/api/v1/choice-lines/{line.pk}/decisions/",
        {"kind": "statement", "value": "not_offered", "reason": "Finns inte i regionen."},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["value"] == {"statement": "not_offered", "hand": "first"}
    line.refresh_from_db()
    assert line.hand == "first"


def test_the_municipality_reads_its_residents_results(year, stockholm):
    data = stockholm.get("/api/v1/municipality/results/", {"page_size": 10}).json()
    assert (data["year"], data["run"], data["count"]) == (2027, year.run.pk, 6)
    bo = next(a for a in data["results"] if a["given_name"] == "Bo")
    assert [(x["offering_code"], x["status"], x["reserve_position"]) for x in bo["lines"]] == [
        ("EK-DEMO", "reserve", 1),
        ("SA-ANNAN", "admitted", None),
    ]
    assert "contact" not in bo
    (event,) = AuditEvent.objects.filter(action="admissions.residents.read")
    assert (event.payload["count"], event.payload["via"]) == (6, "api")


def test_school_staff_get_404_for_the_municipalitys_results(year, staff):
    assert staff.get("/api/v1/municipality/results/").status_code == 404


def test_the_endpoints_need_a_bounded_number_of_queries(
    year, staff, stockholm, django_assert_max_num_queries
):
    for client, path in (
        (staff, "/api/v1/school/offerings/"),
        (staff, f"/api/v1/school/offerings/{year.offering.pk}/admitted/"),
        (staff, f"/api/v1/school/offerings/{year.offering.pk}/reserves/"),
        (stockholm, "/api/v1/municipality/results/"),
    ):
        with django_assert_max_num_queries(12):
            assert client.get(path).status_code == 200, path
