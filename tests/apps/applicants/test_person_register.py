"""person_register: by a sending school's counsellor for their own school, or by the office."""

from datetime import date

import pytest
from django.http import Http404

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.applicants.services import person_register
from gymnasieregion.apps.audit.models import AuditEvent
from gymnasieregion.apps.organisations.models import Municipality
from gymnasieregion.core.identity.fake import fake_identity_numbers
from gymnasieregion.core.identity.personal_identity import IdentityKind
from tests.apps.applicants.factories import fake_number

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 20)
SAMORDNING = IdentityKind.SAMORDNINGSNUMMER


def arguments(school, **fields):
    return {
        "identity_number": str(fake_number(1)),
        "given_name": "Alva",
        "family_name": "Påhittad",
        "home_municipality": Municipality.objects.get(code="0180"),
        "sending_school": school,
        "today": TODAY,
    } | fields


def test_a_counsellor_registers_a_pupil_of_their_school_with_a_normalised_number(make_user, school):
    counsellor = make_user("study_counsellor")
    number = fake_number(1)
    ten_digits = f"{number.value[2:8]}-{number.value[8:]}"
    person = person_register(actor=counsellor, **arguments(school, identity_number=ten_digits))
    assert person.identity_number == number.value
    assert person.identity_kind == "personnummer"
    assert person.birth_date == number.birth_date
    event = AuditEvent.objects.get(action="person.register")
    assert (event.actor, event.subject_id) == (counsellor, str(person.pk))


def test_samordningsnummer_and_tf_numbers_keep_their_kind(school):
    number = fake_identity_numbers(
        7, 1, born_from=date(2010, 3, 14), born_to=date(2010, 3, 14), kind=SAMORDNING
    )[0]
    coordination = person_register(actor=SYSTEM, **arguments(school, identity_number=str(number)))
    assert number.value[6:8] == "74"
    assert (coordination.identity_kind, coordination.birth_date) == (
        "samordningsnummer",
        date(2010, 3, 14),
    )
    temporary = person_register(actor=SYSTEM, **arguments(school, identity_number="20100314-TF01"))
    assert (temporary.identity_number, temporary.identity_kind) == ("20100314TF01", "tf-nummer")


def test_an_invalid_number_is_refused_in_swedish_and_nothing_is_saved(school):
    wrong_check_digit = str(fake_number(1))[:-1] + str((int(str(fake_number(1))[-1]) + 1) % 10)
    with pytest.raises(ValueError, match="kontrollsiffran stämmer inte"):
        person_register(actor=SYSTEM, **arguments(school, identity_number=wrong_check_digit))
    with pytest.raises(ValueError, match="ska ha 10 eller 12 siffror"):
        person_register(actor=SYSTEM, **arguments(school, identity_number="12345"))
    assert not Person.objects.exists()


def test_a_number_cannot_be_registered_twice(school):
    person_register(actor=SYSTEM, **arguments(school))
    with pytest.raises(ValueError, match="Det finns redan en person med identitetsnumret"):
        person_register(actor=SYSTEM, **arguments(school, given_name="Annan"))


def test_a_counsellor_cannot_register_pupils_of_another_school(make_user, other_school):
    with pytest.raises(Http404):
        person_register(actor=make_user("study_counsellor"), **arguments(other_school))


@pytest.mark.parametrize("role", ["school_staff", "principal", "sending_school_principal"])
def test_roles_without_the_permission_register_no_one(make_user, school, role):
    with pytest.raises(Http404):
        person_register(actor=make_user(role), **arguments(school))


def test_protected_identity_is_registered_by_the_office_only(make_user, school):
    with pytest.raises(ValueError, match="registreras av antagningskansliet"):
        person_register(
            actor=make_user("study_counsellor"), **arguments(school, protected_identity=True)
        )
    person = person_register(
        actor=make_user("admission_officer"),
        **arguments(None, protected_identity=True, postal_address="Hemlig väg 1"),
    )
    assert person.protected_identity and person.sending_school is None


def test_a_counsellor_must_name_the_school(make_user):
    with pytest.raises(ValueError, match="Ange elevens avlämnande skola"):
        person_register(actor=make_user("study_counsellor"), **arguments(None))


def test_the_registration_page_registers_and_shows_the_card(client_as, school):
    client = client_as("study_counsellor")
    response = client.post(
        "/elever/ny/",
        {
            "identity_number": str(fake_number(3)),
            "given_name": "Bo",
            "family_name": "Påhittad",
            "home_municipality": school.municipality_id,
            "sending_school": school.pk,
        },
    )
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/elever/{person.pk}/"


def test_the_registration_page_shows_the_swedish_error_beside_the_field(client_as, school):
    response = client_as("study_counsellor").post(
        "/elever/ny/",
        {
            "identity_number": "20100314-2380",
            "given_name": "Bo",
            "family_name": "Påhittad",
            "home_municipality": school.municipality_id,
            "sending_school": school.pk,
        },
    )
    assert response.status_code == 400
    assert "kontrollsiffran stämmer inte" in response.content.decode()
    assert not Person.objects.exists()
