"""The applicant's API: read and replace the own list within the periods, read the latest
published results, answer the offer; Swedish 400s that save nothing; 404 for everyone else."""

import pytest
from django.test import Client

from gymnasieregion.apps.admissions.models import (
    ApplicationVersion,
    ChoiceLine,
    OfferAnswer,
    RunKind,
)
from gymnasieregion.apps.admissions.services import admission_run
from tests.apps.admissions import applicant_fixtures
from tests.apps.admissions.applicant_fixtures import add_offering, another_applicant
from tests.apps.admissions.scenarios import at, published_final
from tests.apps.conftest import sign_in

pytestmark = pytest.mark.django_db

# The shared fixtures of the applicant's tests (see applicant_fixtures).
applicant = applicant_fixtures.applicant
clock = applicant_fixtures.clock
small = applicant_fixtures.small

URL = "/api/v1/application/"
RESULTS = "/api/v1/application/results/"
ANSWER = "/api/v1/application/answer/"


def put(client: Client, offerings: object):
    return client.put(URL, {"offerings": offerings}, content_type="application/json")


def codes(small) -> list[str]:
    return list(
        ChoiceLine.objects.filter(application__person=small.person)
        .order_by("rank")
        .values_list("offering__code", flat=True)
    )


def test_the_applicant_reads_their_list(small, applicant, clock):
    data = applicant.get(URL).json()
    assert data["year"] == 2027 and data["choice_cap"] == 20
    assert data["open"] is True and data["in_time"] is True
    assert (
        data["period"]
        == "Ansökan är öppen 14 januari–15 februari 2027. Det du skickar nu är i tid."
    )
    (choice,) = data["choices"]
    assert choice["rank"] == 1 and choice["late"] is False and choice["hand"] == "none"
    assert choice["offering"] == {
        "id": small.offering.pk,
        "code": "EK-DEMO",
        "name": small.offering.name,
        "school_unit_name": "Demogymnasiet",
        "cancelled": False,
    }
    assert choice["decisions"] == []


def test_the_applicant_replaces_the_list_in_order(small, applicant, clock):
    sa = add_offering(small.year, "SA-DEMO")
    response = put(applicant, [sa.pk, small.offering.pk])
    assert response.status_code == 200
    assert [c["offering"]["code"] for c in response.json()["choices"]] == ["SA-DEMO", "EK-DEMO"]
    assert codes(small) == ["SA-DEMO", "EK-DEMO"]


def test_a_line_added_after_the_periods_is_late(small, applicant, clock):
    sa = add_offering(small.year, "SA-DEMO")
    clock("2027-05-20")
    data = put(applicant, [small.offering.pk, sa.pk]).json()
    assert [c["late"] for c in data["choices"]] == [False, True]
    assert data["in_time"] is False


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("before", "Ansökan är öppen 14 januari–15 februari 2027."),
        ("cancelled", "startar inte och kan inte väljas."),
        ("unknown", "Val 2: utbildningen finns inte i antagningsåret 2027."),
        ("twice", "är redan vald högre upp i listan."),
        ("cap", "Du kan välja högst 1 utbildningar."),
    ],
)
def test_bad_lists_get_a_swedish_400_and_nothing_is_saved(small, applicant, clock, case, message):
    offerings = [small.offering.pk]
    if case == "before":
        clock("2026-12-01")
        offerings.append(add_offering(small.year, "SA-DEMO").pk)
    elif case == "cancelled":
        offerings.append(
            add_offering(small.year, "GONE", cancelled=True, cancelled_at=at("2027-01-02")).pk
        )
    elif case == "unknown":
        offerings.append(999_999)
    elif case == "twice":
        offerings.append(small.offering.pk)
    elif case == "cap":
        small.year.choice_cap = 1
        small.year.save()
        offerings.append(add_offering(small.year, "SA-DEMO").pk)
    versions = ApplicationVersion.objects.count()
    response = put(applicant, offerings)
    assert response.status_code == 400
    body = response.json()
    assert message in body["detail"]
    assert any(message in error for error in body["messages"])
    assert ApplicationVersion.objects.count() == versions
    assert codes(small) == ["EK-DEMO"]


def test_a_body_without_a_list_is_a_400(small, applicant, clock):
    response = applicant.put(URL, {"offerings": "EK"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Ange listan av utbildningar (offerings)."


def test_results_show_only_the_latest_published_run(small, applicant, clock):
    admission_run(actor=small.office, year=small.year, kind=RunKind.FINAL, now=at("2027-06-29"))
    admission_run(
        actor=small.office, year=small.year, kind=RunKind.SIMULATION, now=at("2027-06-29")
    )
    empty = applicant.get(RESULTS).json()
    assert empty["run"] is None and empty["choices"] == [] and empty["letter_url"] is None

    run = published_final(small)
    clock("2027-07-02")
    data = applicant.get(RESULTS).json()
    assert data["run"]["id"] == run.pk and data["run"]["kind"] == "final"
    assert data["run"]["round_label"] == "Slutantagning"
    (choice,) = data["choices"]
    assert choice["status"] == "admitted" and choice["status_label"] == "Antagen"
    assert choice["explanation"] == run.line_results.get().explanation
    assert data["answer"] is None and data["answer_open"] is True
    assert data["answer_deadline"] == "2027-07-17"
    assert data["letter_pdf_url"] == f"/ansokan/beslut/{run.pk}.pdf"


def test_the_applicant_answers_and_after_the_deadline_is_refused(small, applicant, clock):
    run = published_final(small)
    clock("2027-07-03")
    response = applicant.post(ANSWER, {"answer": "decline"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["answer"] == "decline"
    assert OfferAnswer.objects.get(run=run).answer == "decline"
    assert applicant.get(RESULTS).json()["answer"]["answer"] == "decline"

    clock("2027-07-18")
    late = applicant.post(
        ANSWER, {"answer": "accept_stay_reserve"}, content_type="application/json"
    )
    assert late.status_code == 400
    assert late.json()["detail"] == "Svar på antagningen kan lämnas 1 juli–17 juli 2027."
    assert OfferAnswer.objects.get(run=run).answer == "decline"


def test_an_unknown_answer_is_a_400(small, applicant, clock):
    published_final(small)
    clock("2027-07-03")
    response = applicant.post(ANSWER, {"answer": "kanske"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Välj ett av svaren")
    assert not OfferAnswer.objects.exists()


def test_answering_without_a_place_is_refused(small, applicant, clock):
    response = applicant.post(ANSWER, {"answer": "decline"}, content_type="application/json")
    assert response.status_code == 400  # before the answer period
    assert "Svar på antagningen kan lämnas" in response.json()["detail"]


def test_others_get_404_and_anonymous_403(small, make_user, clock):
    for role in ("admission_officer", "study_counsellor", "principal", "applicant"):
        client = sign_in(Client(), make_user(role))
        assert client.get(URL).status_code == 404, role
        assert put(client, [small.offering.pk]).status_code == 404, role
        assert client.get(RESULTS).status_code == 404, role
    assert Client().get(URL).status_code == 403
    assert codes(small) == ["EK-DEMO"]


def test_another_applicant_sees_only_their_own_empty_application(small, clock):
    user, _ = another_applicant("Nova")
    client = sign_in(Client(), user)
    assert client.get(URL).json()["choices"] == []
    assert client.get(RESULTS).json()["run"] is None
