"""The persons API: scoped like the pages, the card as JSON, every card read logged."""

from decimal import Decimal

import pytest

from gymnasieregion.apps.audit.models import AuditEvent
from tests.apps.applicants.factories import EX_02, PersonFactory, grades_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupil(school):
    pupil = PersonFactory(sending_school=school, postal_address="Påhittad gata 1")
    grades_create(pupil, EX_02)
    return pupil


def test_the_list_is_scoped_to_the_caller(client_as, pupil, school, other_school):
    theirs = PersonFactory(sending_school=other_school, home_municipality=other_school.municipality)
    counsellor = client_as("study_counsellor").get("/api/v1/persons/").json()
    assert [p["id"] for p in counsellor["results"]] == [pupil.pk]
    assert counsellor["results"][0]["identity_number"] == pupil.identity_display
    office = client_as("admission_officer").get("/api/v1/persons/").json()
    assert {p["id"] for p in office["results"]} == {pupil.pk, theirs.pk}
    assert client_as("school_staff").get("/api/v1/persons/").json()["count"] == 0
    assert not AuditEvent.objects.filter(action="person.read").exists()


def test_the_list_pages_and_searches(client_as, school):
    PersonFactory.create_batch(5, sending_school=school)
    found = PersonFactory(sending_school=school, family_name="Unikdottir")
    client = client_as("admission_officer")
    page = client.get("/api/v1/persons/?limit=2&offset=1").json()
    assert (page["count"], page["limit"], page["offset"], len(page["results"])) == (6, 2, 1, 2)
    assert [
        p["id"] for p in client.get("/api/v1/persons/?search=unikdottir").json()["results"]
    ] == [found.pk]
    assert client.get("/api/v1/persons/?limit=x").status_code == 400


def test_the_card_has_grades_merit_and_eligibility_and_is_a_logged_read(
    client_as, pupil, year_2026
):
    data = client_as("study_counsellor").get(f"/api/v1/persons/{pupil.pk}/").json()
    assert data["round"] == "final"
    assert Decimal(data["merit"]["total"]) == Decimal("260.00")
    assert data["merit"]["lines"][0].keys() >= {"subject", "grade", "value", "counted", "reason"}
    assert {e["programme"] for e in data["eligibility"] if e["eligible"]} >= {"NA", "EK", "BF"}
    assert len(data["grades"]) == 17
    assert data["contact"]["postal_address"] == "Påhittad gata 1"
    event = AuditEvent.objects.get(action="person.read")
    assert (event.subject_id, event.payload) == (str(pupil.pk), {"via": "api"})


def test_the_card_of_a_protected_person_has_no_contact_data(client_as, school, year_2026):
    pupil = PersonFactory(sending_school=school, protected_identity=True, postal_address="Hemlig")
    data = client_as("admission_officer").get(f"/api/v1/persons/{pupil.pk}/").json()
    assert data["contact"] is None
    assert "Hemlig" not in str(data)


def test_a_round_can_be_asked_for(client_as, pupil, year_2026):
    client = client_as("admission_officer")
    assert (
        client.get(f"/api/v1/persons/{pupil.pk}/?round=preliminary").json()["round"]
        == "preliminary"
    )
    assert client.get(f"/api/v1/persons/{pupil.pk}/?round=x").status_code == 404


@pytest.mark.parametrize("role", ["school_staff", "principal", "finance_officer", "applicant"])
def test_others_get_404_and_nothing_is_logged(client_as, pupil, role, year_2026):
    assert client_as(role).get(f"/api/v1/persons/{pupil.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(action="person.read").exists()


def test_anonymous_callers_are_refused(client, pupil):
    assert client.get(f"/api/v1/persons/{pupil.pk}/").status_code == 403
    assert client.get("/api/v1/persons/").status_code == 403
