"""The municipality's admission pages: residents' applications and results, statements on
reception hand, special reasons, per-youth figures — scoped to the actor's municipality."""

import pytest
from django.test import Client

from gymnasieregion.apps.admissions.models import Decision
from gymnasieregion.apps.audit.models import AuditEvent
from tests.apps.admissions.school_year import (
    SchoolYear,
    municipality_organisation,
    school_year,
    user_in,
)
from tests.apps.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(reference_data) -> SchoolYear:
    return school_year()


@pytest.fixture
def stockholm(year) -> Client:
    return sign_in(Client(), user_in("municipal_admin", municipality_organisation("0180"), "sthlm"))


def admin_of(code: str, name: str) -> Client:
    return sign_in(Client(), user_in("municipal_admin", municipality_organisation(code), name))


def line_url(pk: int) -> str:
    return f"/kommun/antagning/valrad/{pk}/"


def decide(client: Client, pk: int, kind: str, value: str, reason: str):
    return client.post(
        line_url(pk), {"kind": kind, f"{kind}-value": value, f"{kind}-reason": reason}
    )


def test_the_figures_count_the_municipalitys_applicants_placed_and_first_choices(year, stockholm):
    html = stockholm.get("/kommun/antagning/").content.decode()
    row = html[html.index('<th scope="row">Stockholm</th>') :].split("</tr>")[0]
    # Six residents applied; Anna, Test, Bo (second choice) and Dan (second choice) placed;
    # two of six got their first choice.
    cells = [cell.split("</td>")[0] for cell in row.split('<td class="num">')[1:]]
    assert cells == ["6", "6", "4", "66,7 %", "2", "33,3 %"]
    assert "Slutantagning (publicerad 2027-07-01)" in html


def test_the_residents_page_lists_only_the_municipalitys_residents_with_their_results(
    year, stockholm
):
    response = stockholm.get("/kommun/antagning/sokande/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Ek, Anna", "Falk, Bo", "Gran, Cleo", "Hed, Dan", "Ås, Eva", "Testsson, Test"):
        assert name in html
    assert "Sjö" not in html  # Fia lives in Uppsala
    bo = html[html.index("Falk, Bo") :].split("</table>")[0]
    assert "Reserv nr 1" in bo and "Antagen" in bo and "SA-ANNAN" in bo
    assert "Hemlig gata" not in html and "@example.invalid" not in html
    (event,) = AuditEvent.objects.filter(action="admissions.residents.read")
    assert event.payload["count"] == 6
    assert event.subject_type == "organisations.municipality"


def test_the_residents_can_be_searched_by_name_or_number(year, stockholm):
    html = stockholm.get("/kommun/antagning/sokande/", {"q": "falk"}).content.decode()
    assert "Falk, Bo" in html and "Gran, Cleo" not in html
    number = year.people["Cleo"].identity_display
    html = stockholm.get("/kommun/antagning/sokande/", {"q": number}).content.decode()
    assert "Gran, Cleo" in html and "Falk, Bo" not in html


def test_statement_cases_are_the_residents_second_hand_lines_at_municipal_schools_elsewhere(
    year, stockholm
):
    html = stockholm.get("/kommun/antagning/yttranden/").content.decode()
    assert "NA-UPPSALA" in html and "Hed, Dan" in html
    assert "EK-DEMO" not in html  # an independent school: no hand, no statement
    assert "Sjö, Fia" not in html  # not a resident
    (event,) = AuditEvent.objects.filter(action="admissions.statements.read")
    assert event.payload["count"] == 1


def test_a_statement_finns_inte_makes_the_line_first_hand_and_is_audited(year, stockholm):
    line = year.line("Dan", year.uppsala_offering)
    assert line.hand == "second"
    page = stockholm.get(line_url(line.pk)).content.decode()
    assert 'id="decision-statement"' in page
    assert 'id="decision-special_reasons"' not in page  # Uppsala's decision, not Stockholm's
    response = decide(stockholm, line.pk, "statement", "not_offered", "Programmet finns inte.")
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.statement, line.hand) == ("not_offered", "first")
    decision = Decision.objects.get(line=line)
    assert decision.value == {"statement": "not_offered", "hand": "first"}
    (event,) = AuditEvent.objects.filter(action="admissions.decision.statement")
    assert event.payload["reason"] == "Programmet finns inte."
    history = stockholm.get(line_url(line.pk)).content.decode()
    assert "Finns inte → förstahand" in history


def test_a_statement_finns_hos_samverkanspart_keeps_the_line_second_hand(year, stockholm):
    line = year.line("Dan", year.uppsala_offering)
    decide(stockholm, line.pk, "statement", "at_partner", "Finns i Solna.")
    line.refresh_from_db()
    assert (line.statement, line.hand) == ("at_partner", "second")


def test_a_statement_needs_a_reason(year, stockholm):
    line = year.line("Dan", year.uppsala_offering)
    response = decide(stockholm, line.pk, "statement", "not_offered", "")
    assert response.status_code == 400
    assert "Ange skälet till beslutet." in response.content.decode()
    line.refresh_from_db()
    assert line.statement == ""
    assert not Decision.objects.exists()


def test_special_reasons_are_decided_by_the_municipality_where_the_school_is(year, stockholm):
    html = stockholm.get("/kommun/antagning/sarskilda-skal/").content.decode()
    assert "Sjö, Fia" in html and "SA-STHLM" in html
    assert "Hed, Dan" not in html
    line = year.line("Fia", year.stockholm_offering)
    assert line.hand == "second"
    page = stockholm.get(line_url(line.pk)).content.decode()
    assert 'id="decision-special_reasons"' in page
    assert 'id="decision-statement"' not in page  # Fia's home municipality, Uppsala, states
    response = decide(stockholm, line.pk, "special_reasons", "ja", "Familjeskäl, intyg.")
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.special_reasons_accepted, line.hand) == (True, "first")
    assert AuditEvent.objects.filter(action="admissions.decision.special_reasons").exists()


def test_another_municipality_gets_404_on_lines_out_of_its_reach(year):
    solna = admin_of("0184", "solna")
    dan_uppsala = year.line("Dan", year.uppsala_offering)
    assert solna.get(line_url(dan_uppsala.pk)).status_code == 404
    assert decide(solna, dan_uppsala.pk, "statement", "not_offered", "x").status_code == 404
    assert "Hed, Dan" not in solna.get("/kommun/antagning/sokande/").content.decode()
    dan_uppsala.refresh_from_db()
    assert dan_uppsala.statement == ""


def test_the_school_municipality_cannot_make_the_home_municipalitys_statement(year):
    # Uppsala reaches Dan's line at its own school (special reasons) but the statement is
    # Stockholm's: 404, and nothing is saved.
    uppsala = admin_of("0380", "uppsala")
    line = year.line("Dan", year.uppsala_offering)
    assert uppsala.get(line_url(line.pk)).status_code == 200
    assert decide(uppsala, line.pk, "statement", "not_offered", "x").status_code == 404
    assert decide(uppsala, line.pk, "special_reasons", "ja", "Skäl.").status_code == 302
    line.refresh_from_db()
    assert (line.statement, line.special_reasons_accepted, line.hand) == ("", True, "first")


def test_lines_at_independent_schools_have_no_reception_decisions(year, stockholm):
    line = year.line("Bo")
    page = stockholm.get(line_url(line.pk)).content.decode()
    assert "Det finns inga beslut för dig att registrera" in page
    assert decide(stockholm, line.pk, "statement", "not_offered", "x").status_code == 404


def test_school_staff_get_404_on_the_municipality_pages(year):
    staff = sign_in(Client(), user_in("school_staff", year.offering.school_unit, "personal"))
    for path in (
        "/kommun/antagning/",
        "/kommun/antagning/sokande/",
        "/kommun/antagning/yttranden/",
        "/kommun/antagning/sarskilda-skal/",
        line_url(year.line("Bo").pk),
    ):
        assert staff.get(path).status_code == 404, path


def test_the_municipality_pages_need_a_bounded_number_of_queries(
    year, stockholm, django_assert_max_num_queries
):
    stockholm.get("/kommun/antagning/")
    for path in (
        "/kommun/antagning/",
        "/kommun/antagning/sokande/",
        "/kommun/antagning/yttranden/",
        "/kommun/antagning/sarskilda-skal/",
        line_url(year.line("Dan", year.uppsala_offering).pk),
    ):
        with django_assert_max_num_queries(16):
            assert stockholm.get(path).status_code == 200, path
