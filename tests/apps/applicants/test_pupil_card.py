"""The pupil card and the list: what each role sees, and every card read logged."""

import pytest

from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.audit.models import AuditEvent
from tests.apps.applicants.factories import EX_02, PersonFactory, grades_create
from tests.apps.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupil(school):
    pupil = PersonFactory(
        sending_school=school,
        given_name="Alva",
        family_name="Exempel",
        postal_address="Påhittad gata 1",
        email="alva@example.invalid",
    )
    grades_create(pupil, {**EX_02, "KE": "F"})
    grades_create(pupil, {"MA": "D", "EN": "B"}, term="HT9")
    return pupil


def card(client, pupil, query=""):
    return client.get(f"/elever/{pupil.pk}/{query}")


def test_the_counsellor_sees_grades_by_term_merit_breakdown_and_eligibility_with_reasons(
    client_as, pupil, year_2026
):
    response = card(client_as("study_counsellor"), pupil)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Höstterminsbetyg åk 9" in html and "Slutbetyg" in html
    assert pupil.identity_display in html
    # EX-02 with KE = F: 245 − 10 + 15 (M2) = 250.
    assert "Meritvärde: <strong>250,0</strong>" in html
    assert "moderna språk (SPA), M2" in html
    assert "Moderna språk som språkval räknas som sjuttonde betyg" in html
    assert "Naturvetenskapsprogrammet (NA)" in html
    assert "Godkänt betyg saknas i kemi." in html
    assert "Påhittad gata 1" in html


def test_the_card_explains_the_round_it_shows(client_as, pupil, year_2026):
    client = client_as("admission_officer")
    final = card(client, pupil).content.decode()
    preliminary = card(client, pupil, "?omgang=preliminar").content.decode()
    assert "Meritvärde – slutantagning" in final
    # The preliminary round also uses the final grades when there are any (domain §4.3).
    assert "Meritvärde: <strong>250,0</strong>" in preliminary


def test_with_only_autumn_grades_the_card_shows_the_preliminary_round(client_as, school, year_2026):
    pupil = PersonFactory(sending_school=school)
    grades_create(pupil, {"MA": "A", "SV": "A"}, term="HT9")
    html = card(client_as("study_counsellor"), pupil).content.decode()
    assert "Meritvärde – preliminär antagning" in html
    assert "Meritvärde: <strong>40,0</strong>" in html


def test_protected_identity_never_shows_the_address(client_as, school, year_2026):
    pupil = PersonFactory(
        sending_school=school, protected_identity=True, postal_address="Hemlig väg 9"
    )
    for role in ["study_counsellor", "admission_officer"]:
        html = card(client_as(role), pupil).content.decode()
        assert "Hemlig väg 9" not in html
        assert "Skyddad identitet." in html


def test_foreign_grades_get_no_merit_value(client_as, school, year_2026):
    pupil = PersonFactory(sending_school=school, foreign_grades=True)
    grades_create(pupil, EX_02)
    html = card(client_as("study_counsellor"), pupil).content.decode()
    assert "Inget meritvärde räknas: utländska betyg prövas i fri kvot." in html


def test_the_pupil_sees_their_own_card_and_no_one_elses(
    make_user, client, pupil, school, year_2026
):
    user = make_user("applicant")
    Person.objects.filter(pk=pupil.pk).update(user=user)
    other = PersonFactory(sending_school=school)
    sign_in(client, user)
    response = client.get("/elever/mig/")
    assert response.status_code == 302 and response["Location"] == f"/elever/{pupil.pk}/"
    assert card(client, pupil).status_code == 200
    assert card(client, other).status_code == 404
    listing = client.get("/elever/").content.decode()
    assert pupil.family_name in listing and f"/elever/{other.pk}/" not in listing


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("study_counsellor", 200),
        ("sending_school_principal", 200),
        ("municipal_admin", 200),  # Stockholm, the pupil's home municipality
        ("admission_officer", 200),
        ("applicant", 404),
        ("school_staff", 404),
        ("principal", 404),
        ("finance_officer", 404),
        ("auditor", 404),
    ],
)
def test_who_sees_the_card(client_as, pupil, role, status, year_2026):
    assert card(client_as(role), pupil).status_code == status


def test_a_counsellor_of_another_school_and_another_municipality_get_404(
    client_as, pupil, other_school, organisations, year_2026
):
    from gymnasieregion.apps.organisations.models import Organisation, OrganisationKind

    solna = Organisation.objects.get(kind=OrganisationKind.MUNICIPALITY, municipality__code="0184")
    assert card(client_as("study_counsellor", other_school), pupil).status_code == 404
    assert card(client_as("municipal_admin", solna), pupil).status_code == 404


def test_every_card_read_is_logged_and_a_refused_one_is_not(client_as, pupil, year_2026):
    card(client_as("study_counsellor"), pupil)
    card(client_as("school_staff"), pupil)
    [event] = AuditEvent.objects.filter(action="person.read")
    assert (event.subject_type, event.subject_id, event.payload) == (
        "applicants.person",
        str(pupil.pk),
        {"via": "web"},
    )
    assert event.actor_label.startswith("study_counsellor")


def test_the_list_shows_only_the_counsellors_pupils_and_searches(client_as, school, other_school):
    mine = PersonFactory(sending_school=school, given_name="Sigrid", family_name="Sökbar")
    PersonFactory(sending_school=school, given_name="Ture", family_name="Annan")
    theirs = PersonFactory(
        sending_school=other_school,
        home_municipality=other_school.municipality,
        given_name="Sigrid",
    )
    client = client_as("study_counsellor")
    html = client.get("/elever/?q=sigrid").content.decode()
    assert f"/elever/{mine.pk}/" in html and f"/elever/{theirs.pk}/" not in html
    assert "Annan" not in html
    by_number = client.get(f"/elever/?q={mine.identity_display[2:]}").content.decode()
    assert f"/elever/{mine.pk}/" in by_number
    assert not AuditEvent.objects.filter(action="person.read").exists()


def test_the_list_page_takes_a_bounded_number_of_queries(
    client_as, school, django_assert_max_num_queries
):
    PersonFactory.create_batch(80, sending_school=school)
    client = client_as("admission_officer")
    client.get("/elever/")  # warm the session
    with django_assert_max_num_queries(
        12
    ):  # the page, and its audit event (savepoint, insert, release)
        response = client.get("/elever/")
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row"><a href="/elever/') == 50


def test_the_card_takes_a_bounded_number_of_queries(
    client_as, pupil, django_assert_max_num_queries, year_2026
):
    client = client_as("study_counsellor")
    card(client, pupil)
    with django_assert_max_num_queries(12):
        assert card(client, pupil).status_code == 200
