"""The demo region at a small scale: built, both rounds run, verified and plausible."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Avg

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.accounts.demo_users import demo_users_create
from gymnasieregion.apps.admissions.demo import demo_final_grades_add, demo_region_build
from gymnasieregion.apps.admissions.models import ChoiceLine, LineResult, RunKind, RunStatus
from gymnasieregion.apps.admissions.selectors import run_figures
from gymnasieregion.apps.admissions.services import admission_run, admission_run_publish
from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.catalogue.models import Offering

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


def test_a_small_demo_region_is_admitted_in_both_rounds_and_final_merits_rise(reference_data):
    demo_users_create()
    region = demo_region_build(today=TODAY, applicants=1500)
    assert region.persons == 1500
    assert region.applications > 1400  # a few draw no offering at all
    places = sum(
        Offering.objects.filter(admission_year=region.year).values_list("places", flat=True)
    )
    assert 1600 <= places <= 1700  # about 1.1 × applicants
    assert ChoiceLine.objects.filter(late=True).exists()
    assert ChoiceLine.objects.filter(hand="second").exists()
    assert ChoiceLine.objects.filter(hand="none").exists()
    assert Person.objects.get(user__username="demo-sokande").applications.exists()

    preliminary = admission_run(actor=SYSTEM, year=region.year, kind=RunKind.PRELIMINARY)
    assert preliminary.status == RunStatus.SUCCEEDED, preliminary.violations
    admission_run_publish(actor=SYSTEM, run=preliminary)
    demo_final_grades_add(year=region.year)
    final = admission_run(actor=SYSTEM, year=region.year, kind=RunKind.FINAL)
    assert final.status == RunStatus.SUCCEEDED, final.violations

    figures = run_figures(run=final)
    assert figures.placed / figures.applicants > 0.8
    assert 0.15 < figures.vocational_share < 0.5

    def mean_admitted_merit(run) -> Decimal:
        rows = LineResult.objects.filter(run=run, status="admitted")
        return rows.aggregate(mean=Avg("merit"))["mean"]

    # Final grades lie above the autumn grades, so admitted merit values rise (domain §5.10).
    # (Mean cut-offs are not compared: which offerings have one changes between rounds.)
    assert mean_admitted_merit(final) > mean_admitted_merit(preliminary)
