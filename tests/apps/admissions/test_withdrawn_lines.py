"""A line the applicant removes is withdrawn: published results and letters never change."""

import pytest

from gymnasieregion.apps.admissions.letters import decision_letter_get
from gymnasieregion.apps.admissions.models import ChoiceLine, LineResult
from gymnasieregion.apps.admissions.services import application_save, decision_record
from tests.apps.admissions.scenarios import application_of, at, published_final, small_year
from tests.apps.admissions.test_application_rules import second_offering

pytestmark = pytest.mark.django_db


def test_removing_a_line_keeps_its_published_result_and_letter(reference_data):
    small = small_year()
    run = published_final(small)
    application = application_of(small)
    letter_before = decision_letter_get(run=run, application=application)
    sa = second_offering(small)
    application_save(
        actor=small.applicant,
        person=small.person,
        year=small.year,
        offering_ids=[sa.pk],
        now=at("2027-07-05"),
    )
    assert [line.offering_id for line in application.lines.all()] == [sa.pk]
    withdrawn = ChoiceLine.all_lines.get(application=application, offering=small.offering)
    assert withdrawn.withdrawn_at is not None
    assert LineResult.objects.filter(run=run, line=withdrawn).exists()
    letter_after = decision_letter_get(run=run, application=application)
    assert letter_after == letter_before


def test_a_line_chosen_again_is_the_same_line_with_its_decisions(reference_data):
    small = small_year()
    application = application_of(small)
    line = application.lines.get()
    decision_record(
        actor=small.office, line=line, kind="free_quota", value=True, reason="Särskilda skäl."
    )
    sa = second_offering(small)
    for ids, day in (([sa.pk], "2027-02-01"), ([sa.pk, small.offering.pk], "2027-02-02")):
        application_save(
            actor=small.applicant,
            person=small.person,
            year=small.year,
            offering_ids=ids,
            now=at(day),
        )
    again = application.lines.get(offering=small.offering)
    assert again.pk == line.pk and again.free_quota and again.rank == 2
