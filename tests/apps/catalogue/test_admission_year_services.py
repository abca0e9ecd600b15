"""Creating and changing an admission year: the office only, the calendar in order."""

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.audit.models import AuditEvent
from gymnasieregion.apps.catalogue.demo import demo_admission_year, demo_admission_year_data
from gymnasieregion.apps.catalogue.models import AdmissionYear
from gymnasieregion.apps.catalogue.services import admission_year_create, admission_year_update

pytestmark = pytest.mark.django_db


def test_the_office_creates_a_year_with_its_calendar_and_the_event_records_it(make_user):
    year = admission_year_create(
        actor=make_user("admission_officer"), year=2027, data=demo_admission_year_data(2027)
    )
    assert year.application_opens == date(2027, 1, 14)
    assert year.reserve_round_dates == ["2027-07-27", "2027-08-05"]
    event = AuditEvent.objects.get(action="catalogue.admission_year.create")
    assert event.payload["seed"] == "demo-2027" and event.payload["study_start"] == "2027-08-17"


@pytest.mark.parametrize("role", ["school_staff", "principal", "municipal_admin", "auditor"])
def test_other_roles_cannot_create_or_change_a_year(role, make_user, year_2027):
    user = make_user(role)
    with pytest.raises(Http404):
        admission_year_create(actor=user, year=2028, data=demo_admission_year_data(2028))
    with pytest.raises(Http404):
        admission_year_update(
            actor=user, admission_year=year_2027, data=demo_admission_year_data(2027)
        )


def test_a_year_exists_once(year_2027):
    with pytest.raises(ValidationError, match="Antagningsåret 2027 finns redan"):
        admission_year_create(actor=SYSTEM, year=2027, data=demo_admission_year_data(2027))


def test_a_calendar_out_of_order_is_refused_and_nothing_changes(year_2027):
    data = replace(demo_admission_year_data(2027), final_published=date(2027, 6, 1))
    with pytest.raises(ValidationError) as refused:
        admission_year_update(actor=SYSTEM, admission_year=year_2027, data=data)
    assert "final_published" in refused.value.message_dict
    assert AdmissionYear.objects.get(year=2027).final_published == date(2027, 7, 1)


def test_the_database_also_keeps_the_calendar_in_order(reference_data):
    fields = {
        k: v
        for k, v in demo_admission_year_data(2030).__dict__.items()
        if k != "reserve_round_dates"
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        AdmissionYear.objects.create(year=2030, **(fields | {"answer_deadline": date(2029, 1, 1)}))


def test_the_demo_year_is_made_once(reference_data):
    first = demo_admission_year(year=2027)
    assert demo_admission_year(year=2027) == first
    assert AdmissionYear.objects.count() == 1
