"""The applicant in a real browser: finds an offering, builds and reorders the list with the
keyboard, sends it; sees the final result with its reason, answers, reads the letter. axe-core
on every page type of the applicant's e-service."""

import pytest
from playwright.sync_api import expect

from gymnasieregion.apps.admissions.models import ChoiceLine, OfferAnswer
from gymnasieregion.apps.admissions.views import applicant as applicant_views
from tests.apps.admissions.applicant_fixtures import add_offering
from tests.apps.admissions.scenarios import at, published_final, small_year
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_applicant_builds_a_list_with_the_keyboard_sends_it_and_answers(
    reference_data, live_server, signed_in, monkeypatch
):
    small = small_year()
    sa = add_offering(small.year, "SA-DEMO", name="Samhällsvetenskapsprogrammet, Demogymnasiet")
    monkeypatch.setattr(applicant_views, "_now", lambda: at("2027-01-25"))
    page = signed_in(small.applicant)
    page.goto(f"{live_server.url}/ansokan/")
    expect(page.get_by_role("heading", name="Min ansökan 2027")).to_be_visible()
    assert axe_violations(page) == []

    search = page.get_by_label("Sök utbildning, skola eller kommun")
    search.focus()
    page.keyboard.type("Samhäll")
    page.keyboard.press("Enter")  # htmx swaps the list and the results in place
    add = page.get_by_role("button", name="Lägg till Samhällsvetenskapsprogrammet")
    add.focus()
    page.keyboard.press("Enter")
    status = page.locator("#status")
    expect(status).to_contain_text("är tillagd som val 2.")
    expect(page.get_by_text("Nytt val, inte skickat")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Flytta upp Samhällsvetenskapsprogrammet").focus()
    page.keyboard.press("Enter")
    expect(status).to_contain_text("är nu val 1.")
    assert page.evaluate("document.activeElement.id") == f"upp-{sa.pk}"  # focus stays
    expect(page.locator("ol.choices > li").first).to_contain_text("Samhällsvetenskapsprogrammet")

    page.get_by_role("button", name="Skicka ansökan").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Din ansökan är skickad med 2 val.")).to_be_visible()
    assert list(
        ChoiceLine.objects.filter(application__person=small.person)
        .order_by("rank")
        .values_list("offering__code", flat=True)
    ) == ["SA-DEMO", "EK-DEMO"]

    run = published_final(small)
    monkeypatch.setattr(applicant_views, "_now", lambda: at("2027-07-02"))
    page.get_by_role("link", name="Antagningsbesked", exact=True).click()
    expect(page.get_by_role("heading", name="Antagningsbesked 2027")).to_be_visible()
    expect(
        page.get_by_text(run.line_results.filter(line__offering=sa).get().explanation)
    ).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Jag tackar nej till platsen").check()
    page.get_by_role("button", name="Spara svar").click()
    expect(page.get_by_text("Ditt svar är sparat.")).to_be_visible()
    assert OfferAnswer.objects.get(run=run).answer == "decline"

    page.get_by_role("link", name="Läs beslutet").click()
    expect(page.get_by_role("heading", name="Antagningsbesked: slutantagning 2027")).to_be_visible()
    assert axe_violations(page) == []
