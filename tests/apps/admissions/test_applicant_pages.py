"""The applicant's pages: Min ansökan (build, reorder, preview lateness, send), the results of
the latest published run with the answer form, and who reaches what.

The small year (scenarios.small_year): application 14 January–15 February 2027, change
period 15 April–15 May, final admission 1 July, answers until 17 July, reserve rounds 25 July
and 5 August. The applicant has applied to EK-DEMO on 20 January.
"""

import pytest
from django.test import Client

from gymnasieregion.apps.admissions.models import (
    Application,
    ApplicationVersion,
    ChoiceLine,
    OfferAnswer,
    RunKind,
)
from gymnasieregion.apps.admissions.services import (
    admission_run,
    admission_run_publish,
    application_save,
)
from gymnasieregion.apps.audit.models import AuditEvent
from tests.apps.admissions import applicant_fixtures
from tests.apps.admissions.applicant_fixtures import add_offering
from tests.apps.admissions.scenarios import at, published_final
from tests.apps.conftest import sign_in

pytestmark = pytest.mark.django_db

# The shared fixtures of the applicant's tests (see applicant_fixtures).
applicant = applicant_fixtures.applicant
clock = applicant_fixtures.clock
small = applicant_fixtures.small

PAGE = "/ansokan/"
DRAFT = "/ansokan/utkast/"
SUBMIT = "/ansokan/skicka/"
RESULTS = "/ansokan/resultat/"
HTMX = {"HTTP_HX_REQUEST": "true"}


def saved_codes(small) -> list[str]:
    return list(
        ChoiceLine.objects.filter(application__person=small.person)
        .order_by("rank")
        .values_list("offering__code", flat=True)
    )


def nothing_saved(small, versions_before: int, codes_before: list[str]) -> bool:
    versions = ApplicationVersion.objects.filter(application__person=small.person).count()
    return versions == versions_before and saved_codes(small) == codes_before


def page_text(response) -> str:
    return response.content.decode()


# --- Min ansökan ------------------------------------------------------------------------


def test_the_page_lists_the_saved_choices_with_status_and_reception(small, applicant, clock):
    response = applicant.get(PAGE)
    assert response.status_code == 200
    text = page_text(response)
    assert "Min ansökan 2027" in text
    assert "Val 1: " in text and small.offering.name in text
    assert "I tid" in text
    assert "Fristående skola: alla sökande prövas lika" in text  # Demogymnasiet is independent
    assert "Ansökan är öppen 14 januari–15 februari 2027. Det du skickar nu är i tid." in text


def test_an_applicant_builds_reorders_and_sends_a_list(small, applicant, clock):
    sa = add_offering(small.year, "SA-DEMO")
    na = add_offering(small.year, "NA-DEMO", programme_code="NA")
    assert applicant.post(DRAFT, {"lagg_till": sa.pk}).status_code == 302
    assert applicant.post(DRAFT, {"lagg_till": na.pk}).status_code == 302
    assert applicant.post(DRAFT, {"upp": na.pk}).status_code == 302  # NA above SA
    assert applicant.post(DRAFT, {"upp": na.pk}).status_code == 302  # NA above EK
    assert applicant.post(DRAFT, {"ta_bort": sa.pk}).status_code == 302
    assert saved_codes(small) == ["EK-DEMO"]  # nothing saved while editing

    text = page_text(applicant.get(PAGE))
    assert text.index('Val 1: <a href="/utbildningar/NA-DEMO/') < text.index("Val 2: ")
    assert "Nytt val, inte skickat" in text
    assert "Flyttat ned från val 1, inte skickat" in text
    assert "Du har ändringar som inte är skickade." in text

    response = applicant.post(SUBMIT, {"val": [na.pk, small.offering.pk]})
    assert response.status_code == 302
    assert saved_codes(small) == ["NA-DEMO", "EK-DEMO"]
    text = page_text(applicant.get(PAGE))
    assert "Din ansökan är skickad med 2 val." in text
    assert "Du har ändringar som inte är skickade." not in text  # the draft is gone


def test_moving_the_first_line_up_changes_nothing_and_says_so(small, applicant, clock):
    response = applicant.post(DRAFT, {"upp": small.offering.pk}, **HTMX)
    assert response.status_code == 200
    assert "är redan först i listan." in page_text(response)


def test_with_htmx_a_change_returns_the_list_and_announces_it(small, applicant, clock):
    sa = add_offering(small.year, "SA-DEMO")
    response = applicant.post(DRAFT, {"lagg_till": sa.pk, "sok": "SA-DEMO"}, **HTMX)
    assert response.status_code == 200
    text = page_text(response)
    assert text.lstrip().startswith('<div id="editor"')
    assert 'hx-swap-oob="true"' in text and "Program SA-DEMO är tillagd som val 2." in text
    assert "Finns i din lista" in text  # the search result knows it is chosen now
    assert "<html" not in text


def test_with_htmx_the_search_returns_only_the_list_and_the_results(small, applicant, clock):
    add_offering(small.year, "SA-DEMO")
    text = page_text(applicant.get(PAGE, {"sok": "SA-DEMO"}, **HTMX))
    assert text.lstrip().startswith('<div id="editor"') and "<html" not in text
    assert "Lägg till Program SA-DEMO" in text


def test_the_search_lists_the_years_offerings_with_an_add_button(small, applicant, clock):
    sa = add_offering(small.year, "SA-DEMO", name="Samhällsvetenskap, Demogymnasiet")
    text = page_text(applicant.get(PAGE, {"sok": "Samhäll"}))
    assert "Samhällsvetenskap, Demogymnasiet" in text
    assert f'name="lagg_till" value="{sa.pk}"' in text
    assert "Inga utbildningar matchar" in page_text(applicant.get(PAGE, {"sok": "Finnsinte"}))


def test_the_preview_says_which_lines_would_become_late(small, applicant, clock):
    sa = add_offering(small.year, "SA-DEMO")
    clock("2027-05-20")  # after the change period: a new line on top is late
    applicant.post(DRAFT, {"lagg_till": sa.pk})
    applicant.post(DRAFT, {"upp": sa.pk})
    text = page_text(applicant.get(PAGE))
    assert "Ansökningsperioden är stängd." in text
    assert text.count("Blir sent om du skickar nu") == 1
    first, second = text.split("Val 2: ")
    assert "Blir sent om du skickar nu" in first and "I tid" in second
    assert "1 av dem är sent eller blir sent" in text

    response = applicant.post(SUBMIT, {"val": [sa.pk, small.offering.pk]})
    assert response.status_code == 302
    late = dict(
        ChoiceLine.objects.filter(application__person=small.person).values_list(
            "offering__code", "late"
        )
    )
    assert late == {"SA-DEMO": True, "EK-DEMO": False}
    assert "1 av dem är sena" in page_text(applicant.get(PAGE))


def test_moving_an_in_time_line_above_another_after_the_periods_makes_it_late(
    small, applicant, clock
):
    sa = add_offering(small.year, "SA-DEMO")
    application_save(
        actor=small.applicant,
        person=small.person,
        year=small.year,
        offering_ids=[small.offering.pk, sa.pk],
        now=at("2027-01-21"),
    )
    clock("2027-06-01")
    applicant.post(DRAFT, {"upp": sa.pk})
    first, second = page_text(applicant.get(PAGE)).split("Val 2: ")
    assert "Blir sent om du skickar nu" in first and "I tid" in second


# --- Bad input: a Swedish message, nothing saved ---------------------------------------------


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2026-12-01", "Ansökan är öppen 14 januari–15 februari 2027."),
        ("2027-08-10", "Sena ansökningar och sena omval tas emot 16 februari–5 augusti 2027."),
    ],
)
def test_sending_outside_the_periods_says_when_they_are_open(small, applicant, clock, day, message):
    sa = add_offering(small.year, "SA-DEMO")
    clock(day)
    before = ApplicationVersion.objects.count()
    response = applicant.post(SUBMIT, {"val": [small.offering.pk, sa.pk]})
    assert response.status_code == 400
    assert message in page_text(response)
    assert nothing_saved(small, before, ["EK-DEMO"])


def test_the_page_outside_the_periods_says_when_they_are_open_and_offers_no_send_button(
    small, applicant, clock
):
    clock("2026-12-01")
    text = page_text(applicant.get(PAGE))
    assert "Ansökan är öppen 14 januari–15 februari 2027." in text
    assert "Skicka ansökan</button>" not in text


def test_a_cancelled_offering_is_refused_beside_its_line_and_nothing_is_saved(
    small, applicant, clock
):
    gone = add_offering(small.year, "GONE", cancelled=True, cancelled_at=at("2027-01-02"))
    before = ApplicationVersion.objects.count()
    response = applicant.post(SUBMIT, {"val": [small.offering.pk, gone.pk]})
    assert response.status_code == 400
    text = page_text(response)
    assert "Program GONE startar inte och kan inte väljas." in text
    assert f'id="fel-{gone.pk}"' in text  # beside the line
    assert nothing_saved(small, before, ["EK-DEMO"])


def test_an_unknown_offering_is_refused_and_nothing_is_saved(small, applicant, clock):
    before = ApplicationVersion.objects.count()
    response = applicant.post(SUBMIT, {"val": [small.offering.pk, 999_999]})
    assert response.status_code == 400
    assert "Val 2: utbildningen finns inte i antagningsåret 2027." in page_text(response)
    assert nothing_saved(small, before, ["EK-DEMO"])


def test_an_offering_of_another_year_is_unknown(small, applicant, clock):
    from tests.apps.catalogue.factories import admission_year_in_planning

    other_year = admission_year_in_planning(at("2027-01-25").date(), year=2028)
    other = add_offering(other_year, "EK-2028", school=small.offering.school_unit)
    before = ApplicationVersion.objects.count()
    response = applicant.post(SUBMIT, {"val": [other.pk]})
    assert response.status_code == 400
    assert "utbildningen finns inte i antagningsåret 2027" in page_text(response)
    assert nothing_saved(small, before, ["EK-DEMO"])


def test_the_same_offering_twice_is_refused_and_nothing_is_saved(small, applicant, clock):
    sa = add_offering(small.year, "SA-DEMO")
    before = ApplicationVersion.objects.count()
    response = applicant.post(SUBMIT, {"val": [sa.pk, small.offering.pk, sa.pk]})
    assert response.status_code == 400
    assert "Program SA-DEMO är redan vald högre upp i listan." in page_text(response)
    assert nothing_saved(small, before, ["EK-DEMO"])


def test_more_choices_than_the_cap_are_refused_and_nothing_is_saved(small, applicant, clock):
    small.year.choice_cap = 2
    small.year.save()
    extra = [add_offering(small.year, f"X-{n}").pk for n in range(2)]
    before = ApplicationVersion.objects.count()
    response = applicant.post(SUBMIT, {"val": [small.offering.pk, *extra]})
    assert response.status_code == 400
    assert "Du kan välja högst 2 utbildningar." in page_text(response)
    assert nothing_saved(small, before, ["EK-DEMO"])


def test_a_list_that_is_not_numbers_is_refused(small, applicant, clock):
    response = applicant.post(SUBMIT, {"val": ["EK-DEMO"]})
    assert response.status_code == 400
    assert "ogiltigt val" in page_text(response)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("cancelled", "startar inte och kan inte väljas."),
        ("twice", "finns redan i din lista."),
        ("unknown", "Utbildningen finns inte i antagningsåret 2027."),
        ("full", "Du kan välja högst 1 utbildningar."),
    ],
)
def test_the_draft_refuses_what_the_save_would_refuse(small, applicant, clock, case, message):
    if case == "full":
        small.year.choice_cap = 1
        small.year.save()
    offering_id = {
        "cancelled": lambda: (
            add_offering(small.year, "GONE", cancelled=True, cancelled_at=at("2027-01-02")).pk
        ),
        "twice": lambda: small.offering.pk,
        "unknown": lambda: 999_999,
        "full": lambda: add_offering(small.year, "SA-DEMO").pk,
    }[case]()
    response = applicant.post(DRAFT, {"lagg_till": offering_id}, **HTMX)
    assert response.status_code == 400
    assert message in page_text(response)
    assert 'role="alert"' in page_text(response)
    redirected = applicant.post(DRAFT, {"lagg_till": offering_id}, follow=True)
    assert message in page_text(redirected)
    assert saved_codes(small) == ["EK-DEMO"]


# --- Antagningsbesked -------------------------------------------------------------------------


def test_before_anything_is_published_the_results_page_says_when(small, applicant, clock):
    admission_run(actor=small.office, year=small.year, kind=RunKind.FINAL, now=at("2027-06-30"))
    admission_run(
        actor=small.office, year=small.year, kind=RunKind.SIMULATION, now=at("2027-06-30")
    )
    text = page_text(applicant.get(RESULTS))
    assert "Det finns inget publicerat antagningsbesked för dig ännu." in text
    assert "Antagen" not in text


def test_the_results_page_shows_the_latest_published_run_with_the_explanation(
    small, applicant, clock
):
    run = published_final(small)
    admission_run(
        actor=small.office, year=small.year, kind=RunKind.SIMULATION, now=at("2027-07-02")
    )
    clock("2027-07-02")
    text = page_text(applicant.get(RESULTS))
    assert "Slutantagning" in text
    explanation = run.line_results.get().explanation
    assert explanation.startswith("Antagen med meritvärde")
    assert explanation in text
    assert f"/ansokan/beslut/{run.pk}/" in text and f"/ansokan/beslut/{run.pk}.pdf" in text
    assert (
        'value="accept_stay_reserve" aria-describedby="svar-accept_stay_reserve-hjalp" checked'
        in text
    )


def test_a_round_published_after_the_last_view_shows_at_once(small, applicant, clock):
    clock("2027-07-01")
    assert "Det finns inget publicerat" in page_text(applicant.get(RESULTS))
    run = published_final(small)  # the year state kept for a few seconds is forgotten
    text = page_text(applicant.get(RESULTS))
    assert "Slutantagning" in text and f"/ansokan/beslut/{run.pk}/" in text


def test_a_repeated_view_of_the_results_needs_five_queries(small, clock, django_assert_num_queries):
    published_final(small)
    clock("2027-07-02")
    applicant = Client()
    applicant.force_login(small.applicant)  # as applicants sign in: no second factor
    first = page_text(applicant.get(RESULTS))
    # The session, the user, the user's scope, the application and the answer; the year,
    # the run and the letter come from the cache.
    with django_assert_num_queries(5):
        again = page_text(applicant.get(RESULTS))
    assert "Antagen med meritvärde" in again
    assert (
        again.split("<main")[1].split("csrfmiddlewaretoken")[0]
        == (first.split("<main")[1].split("csrfmiddlewaretoken")[0])
    )


def test_an_unpublished_final_run_never_replaces_the_published_preliminary(small, applicant, clock):
    preliminary = admission_run(
        actor=small.office, year=small.year, kind=RunKind.PRELIMINARY, now=at("2027-04-14")
    )
    admission_run_publish(actor=small.office, run=preliminary, now=at("2027-04-15"))
    admission_run(actor=small.office, year=small.year, kind=RunKind.FINAL, now=at("2027-06-30"))
    clock("2027-06-30")
    text = page_text(applicant.get(RESULTS))
    assert "Preliminär antagning" in text and "Preliminärt antagen" in text
    assert "Ditt svar" not in text  # a preliminary round has no place to answer


def test_admitted_to_the_first_choice_the_applicant_says_yes_or_no(small, applicant, clock):
    published_final(small)
    clock("2027-07-05")
    text = page_text(applicant.get(RESULTS))
    assert "Om du inte svarar tackar du ja till platsen." in text
    assert text.count('type="radio"') == 2
    assert "Jag tackar ja till platsen</label>" in text
    assert "stå kvar som reserv" not in text and "står kvar som reserv" not in text


def test_the_applicant_answers_within_the_answer_period(small, applicant, clock):
    full = add_offering(small.year, "FULL", places=0)  # reserve there, admitted below
    application_save(
        actor=small.applicant,
        person=small.person,
        year=small.year,
        offering_ids=[full.pk, small.offering.pk],
        now=at("2027-01-21"),
    )
    run = published_final(small)
    clock("2027-07-05")
    before = page_text(applicant.get(RESULTS))
    assert before.count('type="radio"') == 3
    assert "och står kvar som reserv på dina högre val" in before
    response = applicant.post("/ansokan/resultat/svar/", {"svar": "accept_without_reserve"})
    assert response.status_code == 302
    answer = OfferAnswer.objects.get(run=run)
    assert answer.answer == "accept_without_reserve"
    text = page_text(applicant.get(RESULTS))
    assert "Ditt svar är sparat" in text
    assert (
        'value="accept_without_reserve" aria-describedby="svar-accept_without_reserve-hjalp" checked'
        in text
    )


def test_an_answer_after_the_deadline_is_refused_and_not_saved(small, applicant, clock):
    published_final(small)
    clock("2027-07-18")
    text = page_text(applicant.get(RESULTS))
    assert "Du kan inte svara nu." in text and 'name="svar"' not in text
    response = applicant.post("/ansokan/resultat/svar/", {"svar": "decline"})
    assert response.status_code == 400
    assert "Svar på antagningen kan lämnas 1 juli–17 juli 2027." in page_text(response)
    assert not OfferAnswer.objects.exists()


def test_an_answer_that_is_none_of_the_three_is_refused(small, applicant, clock):
    published_final(small)
    clock("2027-07-05")
    response = applicant.post("/ansokan/resultat/svar/", {"svar": "maybe"})
    assert response.status_code == 400
    assert "Välj ett av svaren." in page_text(response)
    assert not OfferAnswer.objects.exists()


def test_the_results_page_needs_a_bounded_number_of_queries(
    small, applicant, clock, django_assert_max_num_queries
):
    extra = [add_offering(small.year, f"X-{n}", places=0 if n % 2 else 1).pk for n in range(8)]
    application_save(
        actor=small.applicant,
        person=small.person,
        year=small.year,
        offering_ids=[*extra, small.offering.pk],
        now=at("2027-01-21"),
    )
    published_final(small)
    clock("2027-07-02")
    applicant.get(RESULTS)  # warm the session and the scope
    with django_assert_max_num_queries(14):
        response = applicant.get(RESULTS)
    assert page_text(response).count("<tr>") == 1 + 9


# --- Who reaches what ---------------------------------------------------------------------


@pytest.mark.parametrize("path", [PAGE, RESULTS])
def test_other_roles_and_applicants_without_a_record_get_404(small, make_user, path):
    for role in ("admission_officer", "study_counsellor", "school_staff", "applicant"):
        client = sign_in(Client(), make_user(role))
        assert client.get(path).status_code == 404, role
    assert Client().get(path).status_code == 302  # to the sign-in page


def test_an_applicant_without_an_application_sees_empty_pages(small, clock):
    from tests.apps.admissions.applicant_fixtures import another_applicant

    user, _ = another_applicant("Nova")
    client = sign_in(Client(), user)
    assert "Du har inga val ännu." in page_text(client.get(PAGE))
    assert "Du har ingen ansökan till 2027." in page_text(client.get(RESULTS))
    assert client.post("/ansokan/resultat/svar/", {"svar": "decline"}).status_code == 404


def test_the_draft_of_one_applicant_is_not_anothers(small, applicant, clock):
    from tests.apps.admissions.applicant_fixtures import another_applicant

    sa = add_offering(small.year, "SA-DEMO")
    applicant.post(DRAFT, {"lagg_till": sa.pk})
    user, person = another_applicant("Nova")
    text = page_text(sign_in(Client(), user).get(PAGE))
    assert "SA-DEMO" not in text and "EK-DEMO" not in text
    assert not Application.objects.filter(person=person).exists()


def test_reading_the_own_application_writes_no_audit_event(small, applicant, clock):
    published_final(small)
    before = AuditEvent.objects.count()
    applicant.get(PAGE)
    applicant.get(RESULTS)
    assert AuditEvent.objects.count() == before


def test_the_applicant_finds_the_pages_in_the_navigation(small, applicant, clock):
    text = page_text(applicant.get(PAGE))
    assert '<a href="/ansokan/" aria-current="page">Min ansökan</a>' in text
    assert '<a href="/ansokan/resultat/">Antagningsbesked</a>' in text
