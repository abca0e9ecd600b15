"""`gymnasieregion fees --year 2026` in the terminal and as CSV."""

import io

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_the_command_prints_the_table_with_the_total(reference_data):
    out = io.StringIO()
    call_command("fees", "--year", "2026", stdout=out)
    text = out.getvalue()
    assert "Serviceavgift 2026 – 0,35 promille" in text
    assert "20 996 128" in text and "55 384 275" in text


def test_the_csv_output_ends_with_total_sum_and_difference(reference_data):
    out = io.StringIO()
    call_command("fees", "--year", "2026", "--csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-3:] == [
        ";Länets kommuner (totalt);2471773;158240785951;55384275",
        ";Summa av avrundade rader;;;55384273",
        ";Avrundningsdifferens (total − summa rader);;;2",
    ]


def test_a_year_without_fee_bases_is_a_clear_error(reference_data):
    with pytest.raises(CommandError, match="saknas för 2019"):
        call_command("fees", "--year", "2019")
