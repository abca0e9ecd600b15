"""Schools and municipalities in a real browser: a school exports its reserve list, records a
decision (htmx and the keyboard), gets 404 on another school's list; axe on every page type."""

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.apps.admissions.school_year import municipality_organisation, school_year, user_in
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_school_exports_its_reserve_list_and_gets_404_on_another_schools(
    reference_data, live_server, signed_in
):
    year = school_year()
    page = signed_in(user_in("school_staff", year.offering.school_unit, "skolpersonal"))
    page.goto(f"{live_server.url}/skola/antagning/")
    expect(page.get_by_role("heading", name="Skolans antagning 2027")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Reserver till EK-DEMO").click()
    expect(page.get_by_role("heading", name=f"Reserver: {year.offering.name}")).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    content = download.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert [row[3] for row in rows[1:]] == ["Falk", "Gran", "Hed"]

    response = page.goto(f"{live_server.url}/skola/antagning/{year.other_offering.pk}/reserver/")
    assert response is not None and response.status == 404


def test_a_principal_records_free_quota_with_the_keyboard_and_htmx(
    reference_data, live_server, signed_in
):
    year = school_year()
    page = signed_in(user_in("principal", year.offering.school_unit, "rektorn"))
    page.goto(f"{live_server.url}/skola/antagning/{year.offering.pk}/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Gran, Cleo").click()
    expect(page.get_by_role("heading", name="Cleo Gran")).to_be_visible()
    assert axe_violations(page) == []

    form = page.locator("#decision-free_quota")
    form.get_by_label("Antas i fri kvot").select_option("ja")
    form.get_by_role("button", name="Spara beslut om fri kvot").click()  # no reason
    expect(form.get_by_text("Ange skälet till beslutet.")).to_be_visible()
    assert axe_violations(page) == []

    reason = page.locator("#decision-free_quota").get_by_label("Skäl")
    reason.fill("Medicinska skäl, intyg från läkare.")
    reason.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Beslutet om fri kvot är sparat.")).to_be_visible()
    expect(page.locator("#decision-history")).to_contain_text("Medicinska skäl")


def test_the_municipality_pages_are_accessible_and_a_statement_changes_the_hand(
    reference_data, live_server, signed_in
):
    year = school_year()
    page = signed_in(user_in("municipal_admin", municipality_organisation("0180"), "sthlm"))
    for path in (
        "/kommun/antagning/",
        "/kommun/antagning/sokande/",
        "/kommun/antagning/sarskilda-skal/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page) == [], path
    page.goto(f"{live_server.url}/kommun/antagning/yttranden/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Hed, Dan").click()
    form = page.locator("#decision-statement")
    form.get_by_label("Yttrande").select_option("not_offered")
    form.get_by_label("Skäl").fill("Programmet finns inte i kommunen.")
    form.get_by_role("button", name="Spara beslut om yttrande från hemkommunen").click()
    expect(page.get_by_text("Beslutet om yttrande från hemkommunen är sparat.")).to_be_visible()
    expect(page.locator("#line-facts")).to_contain_text("Förstahand")
    assert axe_violations(page) == []
    assert year.line("Dan", year.uppsala_offering).hand == "first"
