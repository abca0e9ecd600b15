"""The fee page as the finance officer sees it, its exports and its imports."""

import csv
import io
import re
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from gymnasieregion.apps.fees.models import FeeBase, YouthCount
from tests.core.fees.test_service_fee import PLAN_2026

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r'<tr><th scope="row">([^<]+)</th><td class="num">([^<]*)</td><td class="num">([^<]+)</td><td class="num"[^>]*>([^<]+)</td></tr>'
)


def number(text: str) -> int:
    return int(text.replace("\xa0", "").replace(" ", ""))


def test_the_finance_officer_sees_the_2026_table_equal_to_the_plan_row_by_row(client_as):
    response = client_as("finance_officer").get("/avgifter/2026/")
    assert response.status_code == 200
    html = response.content.decode()
    table = html[
        html.index('id="service-fee-table"') : html.index(
            "</table>", html.index('id="service-fee-table"')
        )
    ]
    rows = ROW.findall(table)
    assert len(rows) == 26 + 1  # municipalities and the total row
    fee_by_base = {base: fee for base, fee in PLAN_2026.values()}
    for _name, _population, base, fee in rows[:-1]:
        assert fee_by_base[number(base)] == number(fee)
    assert rows[-1][0] == "Länets kommuner"
    assert (number(rows[-1][1]), number(rows[-1][2]), number(rows[-1][3])) == (
        2_471_773,
        158_240_785_951,
        55_384_275,
    )
    assert re.search(r'id="rounding-difference">2<', html)


def test_the_page_lists_the_budget_discrepancies(client_as):
    html = client_as("finance_officer").get("/avgifter/2026/").content.decode()
    assert "Resultat, Serviceavgiftsfinansierad verksamhet" in html
    assert "Totalt resultat" in html


def test_the_csv_export_holds_every_row_the_total_and_the_difference(client_as):
    response = client_as("finance_officer").get("/avgifter/2026/serviceavgift.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Kommunkod"
    assert {r[0]: int(r[4]) for r in rows[1:27]} == {
        code: fee for code, (_, fee) in PLAN_2026.items()
    }
    assert rows[27][4] == "55384275" and rows[28][4] == "55384273" and rows[29][4] == "2"


def test_the_xlsx_export_keeps_numbers_as_numbers(client_as):
    response = client_as("finance_officer").get("/avgifter/2026/serviceavgift.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[27][4] == 55_384_275
    assert values[1][0] == "0114" and values[1][4] == 1_213_726


def xlsx_file(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "ungdomar.xlsx"
    return buffer


def test_youth_counts_imported_from_xlsx_give_the_per_youth_fees(client_as):
    client = client_as("finance_officer")
    upload = xlsx_file([["kommunkod", "antal_ungdomar"], ["0180", 10_000], ["0182", 1_500]])
    response = client.post("/avgifter/2026/import/ungdomar/", {"file": upload}, follow=True)
    assert "2 rader med antal ungdomar för 2026 importerades." in response.content.decode()
    assert YouthCount.objects.filter(year=2026).count() == 2
    html = client.get("/avgifter/2026/").content.decode()
    assert "7\xa0820\xa0000" in html  # 10 000 youths × 782 kr
    assert "450\xa0000" in html  # 10 000 youths × 45 kr


def test_a_bad_fee_base_csv_is_reported_per_row_in_swedish_and_nothing_is_saved(client_as):
    client = client_as("finance_officer")
    before = FeeBase.objects.get(year=2026, municipality__code="0180").amount
    upload = io.BytesIO(b"kommunkod;avgiftsunderlag\n0180;12\n0180;13\n4242;x\n")
    upload.name = "underlag.csv"
    html = client.post(
        "/avgifter/2026/import/avgiftsunderlag/", {"file": upload}, follow=True
    ).content.decode()
    assert "Ingenting sparades" in html
    assert "Rad 3, fältet kommunkod: kommunen 0180 finns redan på rad 2." in html
    assert "Rad 4, fältet kommunkod: okänd kommunkod &#x27;4242&#x27;." in html
    assert "Rad 4, fältet avgiftsunderlag: &#x27;x&#x27; är inte ett heltal." in html
    assert FeeBase.objects.get(year=2026, municipality__code="0180").amount == before


def test_a_file_that_is_not_a_table_gives_one_clear_message(client_as):
    client = client_as("finance_officer")
    upload = io.BytesIO(b"\xff\xfe\x00garbage")
    upload.name = "underlag.xlsx"
    html = client.post(
        "/avgifter/2026/import/avgiftsunderlag/", {"file": upload}, follow=True
    ).content.decode()
    assert "Filen kan inte läsas som XLSX." in html


def test_a_rate_above_the_ceiling_is_refused_beside_the_field(client_as):
    client = client_as("finance_officer")
    response = client.post("/avgifter/2026/avgiftsuttag/", {"rate_per_mille": "0,50"})
    assert response.status_code == 400
    assert "0,50 promille överstiger taket 0,45 promille" in response.content.decode()
    assert FeeBase.objects.filter(year=2026).count() == 26


def test_the_api_gives_the_fee_table_with_the_rounding_difference(client_as):
    data = client_as("auditor").get("/api/v1/fees/2026/").json()
    service = data["service_fees"]
    assert service["total_fee"] == "55384275"
    assert service["rounding_difference"] == "2"
    assert {r["municipality_code"]: Decimal(r["fee"]) for r in service["rows"]}[
        "0180"
    ] == 20_996_128


def test_the_budget_check_api_lists_the_discrepancies(client_as):
    data = client_as("finance_officer").get("/api/v1/budget/2026/check/").json()
    assert data["fte_total"] == "42.5"
    assert len(data["discrepancies"]) == 7
