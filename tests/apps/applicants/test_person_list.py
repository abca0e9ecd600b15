"""The person list: one audit event per page shown, with the count, never the search words."""

import pytest

from gymnasieregion.apps.audit.models import AuditEvent
from tests.apps.applicants.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_office_searching_for_a_person_is_logged(reference_data, client_as):
    person = PersonFactory(given_name="Saga", family_name="Sökbar")
    page = client_as("admission_officer").get("/elever/", {"q": person.identity_number})
    assert page.status_code == 200
    assert "Sökbar" in page.content.decode()
    event = AuditEvent.objects.get(action="persons.list.read")
    assert event.payload == {"count": 1, "page": 1, "search": True}
    assert person.identity_number not in str(event.payload)
