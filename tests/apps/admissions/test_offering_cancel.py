"""Laying down an offering after applications opened (domain §5.8)."""

from datetime import date

import pytest
from django.core import mail

from gymnasieregion.apps.admissions.models import LineResult, RunKind
from gymnasieregion.apps.admissions.services import admission_run, offering_cancel_and_notify
from tests.apps.admissions.scenarios import at, small_year

pytestmark = pytest.mark.django_db


def test_cancelling_notifies_every_applicant_and_the_line_becomes_startar_ej(reference_data):
    small = small_year()
    small.person.email = "test@exempel.invalid"
    small.person.save()
    notified = offering_cancel_and_notify(
        actor=small.office, offering=small.offering, today=date(2027, 3, 1)
    )
    assert notified == 1
    small.offering.refresh_from_db()
    assert small.offering.cancelled
    run = admission_run(
        actor=small.office, year=small.year, kind=RunKind.FINAL, now=at("2027-06-30")
    )
    assert LineResult.objects.get(run=run).status == "cancelled"


def test_the_mail_goes_out_when_the_change_is_committed(
    reference_data, django_capture_on_commit_callbacks
):
    small = small_year()
    small.person.email = "test@exempel.invalid"
    small.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        offering_cancel_and_notify(
            actor=small.office, offering=small.offering, today=date(2027, 3, 1)
        )
    assert [m.to for m in mail.outbox] == [["test@exempel.invalid"]]
    assert "startar inte" in mail.outbox[0].subject
