"""The admission office runs the final round and publishes it, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.apps.admissions.scenarios import small_year
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_office_runs_and_publishes_the_final_round(reference_data, live_server, signed_in):
    small = small_year()
    page = signed_in(small.office)
    page.goto(f"{live_server.url}/antagning/?ar=2027")
    expect(page.get_by_role("heading", name="Antagningen 2027")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Omgång", exact=True).select_option("final")
    page.get_by_role("button", name="Kör").click()
    expect(page.get_by_text("Den oberoende kontrollen hittade inga fel.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Slutantagning"))).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Publicera").click()
    expect(page.get_by_text("Slutantagning är publicerad.")).to_be_visible()
    expect(page.get_by_role("button", name="Publicera")).to_have_count(0)


def test_the_public_catalogue_is_searchable_and_accessible(
    reference_data, live_server, page_anonymous
):
    small_year()
    page = page_anonymous
    page.goto(f"{live_server.url}/utbildningar/")
    assert axe_violations(page) == []
    expect(page.get_by_text("Ekonomiprogrammet, Demogymnasiet").first).to_be_visible()
