"""The study counsellor's overview of their pupils (issue 6)."""

from datetime import date

import pytest

from gymnasieregion.apps.admissions.counsellor import counsellor_pupils
from gymnasieregion.apps.applicants.models import Grade
from gymnasieregion.apps.audit.models import AuditEvent
from tests.apps.admissions.scenarios import published_final, small_year
from tests.apps.applicants.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_pupils_with_grades_application_and_outcome(
    reference_data, organisations, make_user, django_assert_max_num_queries
):
    small = small_year()
    run = published_final(small)
    idle = PersonFactory(sending_school=organisations["sending_school"])
    PersonFactory()  # a pupil of another school: not on the list
    counsellor = make_user("study_counsellor")
    with django_assert_max_num_queries(10):  # 4 reads, the actor's scope, the audit event
        overview = counsellor_pupils(
            actor=counsellor, year=small.year, run=run, today=date(2027, 2, 5)
        )
    by_person = {row.person.pk: row for row in overview.rows}
    assert set(by_person) == {small.person.pk, idle.pk}
    applied = by_person[small.person.pk]
    assert (applied.autumn_grades, applied.final_grades, applied.lines) == (16, 16, 1)
    assert applied.placed_at == small.offering.name
    assert not by_person[idle.pk].has_application
    assert overview.without_application == 1
    assert overview.application_closing_soon  # 10 days before 15 February
    assert AuditEvent.objects.filter(action="admissions.pupils.read").count() == 1


def test_the_page_flags_missing_applications_and_grades(reference_data, organisations, client_as):
    small = small_year()
    idle = PersonFactory(sending_school=organisations["sending_school"])
    Grade.objects.filter(person=idle).delete()
    page = client_as("study_counsellor").get("/syv/").content.decode()
    assert "Ingen ansökan" in page and "Betyg saknas" in page
    assert small.person.family_name in page
