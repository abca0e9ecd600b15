"""The school's admission pages: applicants, decisions, admitted and reserve lists, exports,
"Antagningen klar" — scoped to the school's own offerings, with one audit event per list."""

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from gymnasieregion.apps.admissions.models import Decision, SchoolAdmissionDone
from gymnasieregion.apps.admissions.services import decision_record
from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.audit.models import AuditEvent
from gymnasieregion.apps.catalogue.models import Offering
from tests.apps.admissions.school_year import SchoolYear, school_year, user_in
from tests.apps.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(reference_data) -> SchoolYear:
    return school_year()


@pytest.fixture
def staff(year) -> Client:
    return sign_in(Client(), user_in("school_staff", year.offering.school_unit, "skolpersonal"))


@pytest.fixture
def principal(year) -> Client:
    return sign_in(Client(), user_in("principal", year.offering.school_unit, "rektorn"))


def list_url(year: SchoolYear, name: str, offering: Offering | None = None) -> str:
    return f"/skola/antagning/{(offering or year.offering).pk}/{name}/"


def export_url(year: SchoolYear, name: str, file_format: str) -> str:
    return f"/skola/antagning/{year.offering.pk}/{name}.{file_format}"


def line_url(year: SchoolYear, person: str) -> str:
    return f"/skola/antagning/{year.offering.pk}/valrad/{year.line(person).pk}/"


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


# --- Lists ----------------------------------------------------------------------------


def test_the_admitted_list_is_by_name_with_contact_data_but_nothing_of_a_protected_identity(
    year, staff
):
    page = staff.get(list_url(year, "antagna"))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Ek, Anna") < html.index("Testsson, Test")
    assert "test@example.invalid" in html
    assert "070-000 00 01" in html
    assert "Påhittad väg 1" in html
    # Anna has protected identity: her row says so and shows no address, e-mail or phone.
    assert "Skyddad identitet." in html
    assert "anna@example.invalid" not in html
    assert "Hemlig gata" not in html
    assert "Falk" not in html  # Bo is a reserve, not admitted


def test_the_reserve_list_keeps_the_order_of_the_run(year, staff):
    html = staff.get(list_url(year, "reserver")).content.decode()
    assert html.index("Falk, Bo") < html.index("Gran, Cleo") < html.index("Hed, Dan")
    assert "Ek, Anna" not in html
    assert "bo@example.invalid" in html


def test_the_csv_export_has_the_documented_columns_and_the_reserves_in_order(year, staff):
    response = staff.get(export_url(year, "reserver", "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="reserver-EK-DEMO.csv"' in response["Content-Disposition"]
    header, *rows = csv_rows(response.content)
    assert header == [
        "Utbildningskod",
        "Reservplats",
        "Personnummer",
        "Efternamn",
        "Förnamn",
        "Skyddad identitet",
        "E-post",
        "Telefon",
        "Postadress",
        "Val",
        "Meritvärde",
        "Mottagning",
        "Sent val",
    ]
    assert [(r[1], r[3], r[4]) for r in rows] == [
        ("1", "Falk", "Bo"),
        ("2", "Gran", "Cleo"),
        ("3", "Hed", "Dan"),
    ]
    bo = rows[0]
    assert bo[2] == year.people["Bo"].identity_display
    assert bo[5:9] == ["nej", "bo@example.invalid", bo[7], "Hemlig gata 2, 111 11 Stockholm"]
    assert bo[9:] == ["1", "240.00", "Fristående skola", "nej"]


def test_the_csv_export_of_the_admitted_leaves_a_protected_identitys_contact_data_empty(
    year, staff
):
    header, *rows = csv_rows(staff.get(export_url(year, "antagna", "csv")).content)
    assert "Reservplats" not in header
    by_name = {row[2]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_name) == {"Ek", "Testsson"}
    anna = by_name["Ek"]
    assert anna["Skyddad identitet"] == "ja"
    assert (anna["E-post"], anna["Telefon"], anna["Postadress"]) == ("", "", "")
    assert by_name["Testsson"]["Postadress"] == "Påhittad väg 1, 111 11 Stockholm"


def test_the_xlsx_export_has_the_same_rows_with_numbers_as_numbers(year, staff):
    response = staff.get(export_url(year, "antagna", "xlsx"))
    assert response.status_code == 200
    assert 'filename="antagna-EK-DEMO.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[:4] == ("Utbildningskod", "Personnummer", "Efternamn", "Förnamn")
    assert [r[2] for r in rows] == ["Ek", "Testsson"]
    anna = dict(zip(header, rows[0], strict=True))
    assert anna["Skyddad identitet"] == "ja"
    assert not anna["E-post"] and not anna["Postadress"]
    assert Decimal(str(anna["Meritvärde"])) == Decimal("320")
    assert anna["Val"] == 1


def test_each_list_view_and_export_is_one_audit_event_with_the_offering_and_the_count(year, staff):
    staff.get(list_url(year, "reserver"))
    staff.get(export_url(year, "reserver", "csv"))
    staff.get(export_url(year, "antagna", "xlsx"))
    reads = events("admissions.school_list.read")
    assert [(e.subject_type, e.subject_id) for e in reads] == [
        ("catalogue.offering", str(year.offering.pk))
    ] * 3
    assert [(e.payload["list"], e.payload["count"], e.payload["via"]) for e in reads] == [
        ("reserves", 3, "web"),
        ("reserves", 3, "csv"),
        ("admitted", 2, "xlsx"),
    ]
    assert not AuditEvent.objects.filter(action="person.read").exists()


def test_without_a_published_run_the_lists_are_empty_and_say_so(reference_data):
    unpublished = school_year(publish=False)
    client = sign_in(Client(), user_in("school_staff", unpublished.offering.school_unit, "s"))
    page = client.get(list_url(unpublished, "antagna"))
    assert "Ingen antagningsomgång är publicerad ännu" in page.content.decode()
    header, *rows = csv_rows(client.get(export_url(unpublished, "antagna", "csv")).content)
    assert header[0] == "Utbildningskod"
    assert rows == []


def test_an_unknown_list_or_file_format_is_404(year, staff):
    assert staff.get(list_url(year, "struken")).status_code == 404
    assert staff.get(export_url(year, "antagna", "pdf")).status_code == 404


def test_a_school_user_opening_another_schools_offering_gets_404(year, staff):
    other = year.other_offering
    bo_there = year.line("Bo", other)
    for path in (
        f"/skola/antagning/{other.pk}/",
        list_url(year, "antagna", other),
        list_url(year, "reserver", other),
        f"/skola/antagning/{other.pk}/antagna.csv",
        f"/skola/antagning/{other.pk}/reserver.xlsx",
        f"/skola/antagning/{other.pk}/valrad/{bo_there.pk}/",
        # A line of another offering, under the school's own offering:
        f"/skola/antagning/{year.offering.pk}/valrad/{bo_there.pk}/",
    ):
        assert staff.get(path).status_code == 404, path
    assert not AuditEvent.objects.filter(action__endswith=".read").exists()


def test_another_schools_staff_get_404_on_this_schools_lists(year):
    other_school = year.other_offering.school_unit
    client = sign_in(Client(), user_in("principal", other_school, "annan-rektor"))
    assert client.get(list_url(year, "antagna")).status_code == 404
    assert client.get(export_url(year, "reserver", "csv")).status_code == 404
    assert client.get(list_url(year, "antagna", year.other_offering)).status_code == 200


# --- The school's overview and applicants ----------------------------------------------


def test_the_overview_shows_only_the_schools_own_offerings_with_their_figures(year, staff):
    html = staff.get("/skola/antagning/").content.decode()
    assert "EK-DEMO" in html
    assert "SA-ANNAN" not in html and "SA-STHLM" not in html
    assert "Slutantagning (publicerad 2027-07-01)" in html


def test_the_applicants_page_shows_rank_merit_hand_lateness_and_eligibility(year, staff):
    response = staff.get(f"/skola/antagning/{year.offering.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    # Best merit first; Eva (all F) is not eligible and has no merit.
    order = ["Ek, Anna", "Testsson, Test", "Falk, Bo", "Gran, Cleo", "Hed, Dan", "Ås, Eva"]
    positions = [html.index(name) for name in order]
    assert positions == sorted(positions)
    assert "320,0" in html and "Fristående skola" in html
    eva_row = html[html.index("Ås, Eva") :].split("</tr>")[0]
    assert '<span class="bad">Nej</span>' in eva_row
    read = events("admissions.applicants.read")
    assert [(e.subject_id, e.payload["count"]) for e in read] == [(str(year.offering.pk), 6)]


def test_opening_an_applicant_is_a_logged_read_of_the_person(year, staff):
    response = staff.get(line_url(year, "Bo"))
    assert response.status_code == 200
    assert "Reserv nr 1" in response.content.decode()
    (read,) = events("person.read")
    assert read.subject_id == str(year.people["Bo"].pk)
    assert read.payload == {"via": "web", "choice_line": year.line("Bo").pk}


# --- Decisions -------------------------------------------------------------------------


def with_skill_test(year: SchoolYear) -> None:
    Offering.objects.filter(pk=year.offering.pk).update(
        skill_test=True, skill_test_multiplier=Decimal(2), skill_test_max_points=Decimal(20)
    )


def post(client: Client, year: SchoolYear, person: str, kind: str, value: str, reason: str):
    return client.post(
        line_url(year, person),
        {"kind": kind, f"{kind}-value": value, f"{kind}-reason": reason},
    )


def test_school_staff_record_skill_test_points_with_a_reason_and_it_is_audited(year, staff):
    with_skill_test(year)
    page = staff.get(line_url(year, "Cleo")).content.decode()
    assert 'id="decision-skill_test"' in page
    assert 'id="decision-free_quota"' not in page  # the principal's
    response = post(staff, year, "Cleo", "skill_test", "12,5", "Provet genomfört 3 mars.")
    assert response.status_code == 302
    line = year.line("Cleo")
    assert line.skill_test_points == Decimal("12.5")
    decision = Decision.objects.get(line=line)
    assert decision.reason == "Provet genomfört 3 mars."
    assert decision.value == {"skill_test_points": "12.5"}
    (event,) = events("admissions.decision.skill_test")
    assert event.actor_label == "skolpersonal"
    history = staff.get(line_url(year, "Cleo")).content.decode()
    assert "12,5 poäng" in history and "Provet genomfört 3 mars." in history


def test_a_decision_without_a_reason_is_refused_beside_the_field_and_nothing_is_saved(year, staff):
    with_skill_test(year)
    response = post(staff, year, "Cleo", "skill_test", "12", "  ")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_skill_test-reason-error"' in html
    assert "Ange skälet till beslutet." in html
    assert 'aria-describedby="id_skill_test-reason-error"' in html
    assert year.line("Cleo").skill_test_points is None
    assert not Decision.objects.exists()


def test_points_above_the_offerings_maximum_are_refused(year, staff):
    with_skill_test(year)
    response = post(staff, year, "Cleo", "skill_test", "25", "Provet.")
    assert response.status_code == 400
    assert "Provpoängen kan vara högst 20." in response.content.decode()
    assert not Decision.objects.exists()


def test_free_quota_is_the_principals_and_school_staff_get_404(year, staff, principal):
    assert post(staff, year, "Cleo", "free_quota", "ja", "Medicinska skäl.").status_code == 404
    assert not year.line("Cleo").free_quota
    response = post(principal, year, "Cleo", "free_quota", "ja", "Medicinska skäl, intyg.")
    assert response.status_code == 302
    assert year.line("Cleo").free_quota
    assert events("admissions.decision.free_quota")[0].payload == {
        "value": {"free_quota": True},
        "reason": "Medicinska skäl, intyg.",
    }


def test_the_principal_grants_the_english_waiver(year, principal):
    assert post(principal, year, "Eva", "english_waiver", "ja", "Nyanländ.").status_code == 302
    assert year.line("Eva").english_waiver


def test_rankings_are_recorded_on_ranked_offerings_only(year, staff):
    assert post(staff, year, "Bo", "school_rank", "1", "Intervju.").status_code == 404
    Offering.objects.filter(pk=year.offering.pk).update(selection="ranking")
    assert 'id="decision-school_rank"' in staff.get(line_url(year, "Bo")).content.decode()
    assert post(staff, year, "Bo", "school_rank", "1", "Intervju.").status_code == 302
    assert year.line("Bo").school_rank == 1


def test_endorsements_are_the_principals_on_sports_offerings(year, staff, principal):
    Offering.objects.filter(pk=year.offering.pk).update(kind="sports")
    assert post(staff, year, "Bo", "endorsement", "ja", "SF godkänt.").status_code == 404
    assert post(principal, year, "Bo", "endorsement", "ja", "SF godkänt.").status_code == 302
    assert year.line("Bo").endorsed is True


def test_another_schools_principal_cannot_decide_on_this_schools_lines(year):
    client = sign_in(Client(), user_in("principal", year.other_offering.school_unit, "x"))
    assert post(client, year, "Cleo", "free_quota", "ja", "Skäl.").status_code == 404
    assert not Decision.objects.exists()


def test_an_error_of_the_service_is_shown_with_the_form(year, principal):
    # Two places: free quota for a third applicant is refused by `decision_record`.
    post(principal, year, "Bo", "free_quota", "ja", "Skäl ett.")
    post(principal, year, "Cleo", "free_quota", "ja", "Skäl två.")
    response = post(principal, year, "Dan", "free_quota", "ja", "Skäl tre.")
    assert response.status_code == 400
    assert "alla är redan tagna i fri kvot" in response.content.decode()
    assert not year.line("Dan").free_quota


def test_an_unknown_kind_is_a_bad_request(year, staff):
    assert staff.post(line_url(year, "Bo"), {"kind": "okänd"}).status_code == 400
    assert staff.post(line_url(year, "Bo"), {}).status_code == 400


def test_htmx_gets_the_page_back_with_status_200_so_it_swaps_the_error_in(year, staff):
    with_skill_test(year)
    response = staff.post(
        line_url(year, "Cleo"),
        {"kind": "skill_test", "skill_test-value": "1", "skill_test-reason": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Ange skälet till beslutet." in response.content.decode()


# --- Antagningen klar ------------------------------------------------------------------


def test_the_principal_marks_the_schools_admission_done_once(year, principal):
    unit = year.offering.school_unit
    page = principal.get("/skola/antagning/").content.decode()
    assert "Markera antagningen som klar för Demogymnasiet" in page
    response = principal.post("/skola/antagning/klar/", {"skolenhet": unit.pk})
    assert response.status_code == 302
    mark = SchoolAdmissionDone.objects.get()
    assert (mark.run, mark.school_unit, mark.marked_by.username) == (year.run, unit, "rektorn")
    (event,) = events("admissions.school_admission.done")
    assert event.payload["run"] == year.run.pk
    page = principal.get("/skola/antagning/").content.decode()
    assert "Klarmarkerad" in page
    again = principal.post("/skola/antagning/klar/", {"skolenhet": unit.pk}, follow=True)
    assert "redan klarmarkerad" in again.content.decode()
    assert SchoolAdmissionDone.objects.count() == 1


def test_school_staff_and_other_principals_cannot_mark_the_school_done(year, staff):
    unit = year.offering.school_unit
    assert "Markera antagningen" not in staff.get("/skola/antagning/").content.decode()
    assert staff.post("/skola/antagning/klar/", {"skolenhet": unit.pk}).status_code == 404
    other = sign_in(Client(), user_in("principal", year.other_offering.school_unit, "annan"))
    assert other.post("/skola/antagning/klar/", {"skolenhet": unit.pk}).status_code == 404
    assert not SchoolAdmissionDone.objects.exists()


def test_nothing_is_marked_done_before_a_run_is_published(reference_data):
    unpublished = school_year(publish=False)
    unit = unpublished.offering.school_unit
    client = sign_in(Client(), user_in("principal", unit, "r"))
    response = client.post("/skola/antagning/klar/", {"skolenhet": unit.pk}, follow=True)
    assert "ingen publicerad antagning" in response.content.decode()
    assert not SchoolAdmissionDone.objects.exists()


# --- Bounded queries -------------------------------------------------------------------


def test_the_pages_and_exports_need_a_bounded_number_of_queries(
    year, staff, django_assert_max_num_queries
):
    staff.get("/skola/antagning/")  # the session and the scope are warm from here on
    for path in (
        "/skola/antagning/",
        f"/skola/antagning/{year.offering.pk}/",
        list_url(year, "antagna"),
        list_url(year, "reserver"),
        export_url(year, "reserver", "csv"),
        export_url(year, "antagna", "xlsx"),
        line_url(year, "Bo"),
    ):
        with django_assert_max_num_queries(16):
            assert staff.get(path).status_code == 200, path


def test_the_principal_records_a_foreign_grade_assessment(year):
    principal = user_in("principal", year.offering.school_unit, "rektor-utl")
    decision_record(
        actor=principal,
        line=year.line("Eva"),
        kind="foreign_grades",
        value=True,
        reason="Betygen från Finland motsvarar godkänt i alla ämnen.",
    )
    assert Decision.objects.filter(kind="foreign_grades").exists()
    assert Person.objects.get(pk=year.line("Eva").application.person_id).foreign_grades
