"""Fee services: imports are all or nothing, the rate respects the ceiling, all is audited."""

from decimal import Decimal

import pytest

from gymnasieregion.apps.audit.models import AuditEvent
from gymnasieregion.apps.fees.models import FeeBase, ServiceFeeRate, YouthCount
from gymnasieregion.apps.fees.services import fee_bases_import, fee_rate_set, youth_counts_import
from gymnasieregion.core.fees.service_fee import RateAboveCeilingError
from gymnasieregion.core.row_errors import RowErrors

pytestmark = pytest.mark.django_db


def test_the_reference_data_give_the_plans_fee_bases_and_rates(reference_data):
    assert FeeBase.objects.filter(year=2026).count() == 26
    assert (
        sum(FeeBase.objects.filter(year=2026).values_list("amount", flat=True)) == 158_240_785_951
    )
    rates = dict(ServiceFeeRate.objects.values_list("year", "rate_per_mille"))
    assert rates[2015] == rates[2019] == Decimal("0.42")
    assert (rates[2020], rates[2021], rates[2023], rates[2024], rates[2025], rates[2026]) == (
        Decimal("0.40"),
        Decimal("0.39"),
        Decimal("0.39"),
        Decimal("0.36"),
        Decimal("0.35"),
        Decimal("0.35"),
    )


def test_a_bad_fee_base_file_saves_nothing_and_names_every_bad_row(reference_data):
    before = list(FeeBase.objects.filter(year=2026).values_list("municipality__code", "amount"))
    rows = [
        {"kommunkod": "0180", "avgiftsunderlag": "1"},
        {"kommunkod": "0180", "avgiftsunderlag": "2"},
        {"kommunkod": "0999", "avgiftsunderlag": "3"},
        {"kommunkod": "0182", "avgiftsunderlag": "-4"},
        {"kommunkod": "0127", "avgiftsunderlag": "fem"},
    ]
    with pytest.raises(RowErrors) as raised:
        fee_bases_import(actor=None, year=2026, rows=rows)
    assert [(e.row, e.field) for e in raised.value.errors] == [
        (3, "kommunkod"),
        (4, "kommunkod"),
        (5, "avgiftsunderlag"),
        (6, "avgiftsunderlag"),
    ]
    assert (
        list(FeeBase.objects.filter(year=2026).values_list("municipality__code", "amount"))
        == before
    )


def test_importing_youth_counts_replaces_the_years_counts_and_is_audited(reference_data):
    youth_counts_import(
        actor=None, year=2026, rows=[{"kommunkod": "0180", "antal_ungdomar": "12 000"}]
    )
    youth_counts_import(
        actor=None, year=2026, rows=[{"kommunkod": "0182", "antal_ungdomar": "1500"}]
    )
    assert dict(YouthCount.objects.values_list("municipality__code", "count")) == {"0182": 1500}
    event = AuditEvent.objects.filter(action="fees.youth_counts.import").first()
    assert event.payload == {"year": 2026, "rows": 1, "youths": 1500}


def test_a_rate_above_the_ceiling_is_refused_and_nothing_changes(reference_data):
    with pytest.raises(RateAboveCeilingError):
        fee_rate_set(actor=None, year=2026, rate_per_mille=Decimal("0.46"))
    assert ServiceFeeRate.objects.get(year=2026).rate_per_mille == Decimal("0.35")


def test_a_rate_at_the_ceiling_is_saved(reference_data):
    fee_rate_set(actor=None, year=2027, rate_per_mille=Decimal("0.45"))
    assert ServiceFeeRate.objects.get(year=2027).rate_per_mille == Decimal("0.45")
