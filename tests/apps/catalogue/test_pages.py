"""The catalogue pages: public catalogue with filters, offering page, cut-offs; the school's
offerings and form; the office's import and admission years."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering
from gymnasieregion.apps.catalogue.offering_files import COLUMNS
from gymnasieregion.apps.catalogue.services import admission_year_create, offering_cutoffs_publish
from gymnasieregion.apps.organisations.models import Municipality, OrganisationKind, OrganiserType
from gymnasieregion.apps.organisations.services import organisation_create
from tests.apps.catalogue.factories import (
    admission_year_in_planning,
    offering_at,
    planning_calendar,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def year(reference_data, today) -> AdmissionYear:
    return admission_year_in_planning(today)


@pytest.fixture
def region(year, organisations, today):
    """Offerings at an independent school in Stockholm and a municipal one in Solna."""
    solna = Municipality.objects.get(code="0184")
    organiser = organisation_create(
        actor=None,
        kind=OrganisationKind.ORGANISER,
        name="Solna stad",
        municipality=solna,
        organisation_number="212000-0209",
        organiser_type=OrganiserType.MUNICIPAL,
    )
    municipal = organisation_create(
        actor=None,
        kind=OrganisationKind.SCHOOL_UNIT,
        name="Kommunala gymnasiet",
        municipality=solna,
        parent=organiser,
        school_unit_code="90000011",
    )
    school = organisations["school_unit"]  # Demogymnasiet, independent, Stockholm
    offerings = {
        "ek": offering_at(school, year, "EK-D-1", today),
        "na": offering_at(school, year, "NA-D-1", today, programme_code="NA", name="Natur",
                          orientation="Naturvetenskap"),
        "sa": offering_at(municipal, year, "SA-K-1", today, programme_code="SA",
                          name="Samhäll", orientation="Beteendevetenskap"),
        "imv": offering_at(municipal, year, "IMV-K-1", today, programme_code="IMV",
                           name="Programinriktat val", kind="introduction_group",
                           orientation="", minimum_size=0),
        "empty": offering_at(municipal, year, "BA-K-1", today, programme_code="BA",
                             name="Bygg", orientation="Husbyggnad", places=0, minimum_size=0),
    }  # fmt: skip
    offering_cutoffs_publish(
        actor=SYSTEM,
        admission_year=year,
        cutoffs={
            offerings["ek"].pk: (Decimal("280.00"), False),
            offerings["na"].pk: (Decimal("300.50"), False),
            offerings["sa"].pk: (None, True),
        },
        round_name="final",
    )
    return offerings


def codes(html: str) -> set[str]:
    return set(re.findall(r'href="/utbildningar/([A-Z]+-[A-Z]-\d)/', html))


def get(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_public_catalogue_lists_offerings_with_places_and_counts_them(client, region):
    html = get(client, "/utbildningar/")
    assert codes(html) == {"EK-D-1", "NA-D-1", "SA-K-1", "IMV-K-1"}  # BA has no places
    assert "4 utbildningar" in html
    assert '<th scope="col">Utbildning</th>' in html
    assert '<label for="id_programme">Program</label>' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("programme=NA", {"NA-D-1"}),
        ("q=natur", {"NA-D-1"}),
        ("q=Kommunala", {"SA-K-1", "IMV-K-1"}),
        ("orientation=beteende", {"SA-K-1"}),
        ("municipality=0184", {"SA-K-1", "IMV-K-1"}),
        ("organiser_type=independent", {"EK-D-1", "NA-D-1"}),
        ("organiser_type=municipal", {"SA-K-1", "IMV-K-1"}),
        ("kind=introduction_group", {"IMV-K-1"}),
        ("max_cutoff=290", {"EK-D-1", "SA-K-1"}),  # SA: every eligible applicant admitted
        ("max_cutoff=290,5&programme=EK", {"EK-D-1"}),
        ("max_cutoff=abc", {"EK-D-1", "NA-D-1", "SA-K-1", "IMV-K-1"}),  # ignored, not an error
    ],
)
def test_the_catalogue_filters(client, region, query, expected):
    assert codes(get(client, f"/utbildningar/?{query}")) == expected


def test_the_school_filter_takes_a_school_unit(client, region, organisations):
    school = organisations["school_unit"].pk
    assert codes(get(client, f"/utbildningar/?school={school}")) == {"EK-D-1", "NA-D-1"}


def test_htmx_gets_only_the_results(client, region):
    html = client.get(
        "/utbildningar/?programme=SA", headers={"HX-Request": "true"}
    ).content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert codes(html) == {"SA-K-1"}


def test_the_catalogue_pages_its_results_with_a_bounded_number_of_queries(
    client, year, organisations, django_assert_max_num_queries
):
    school = organisations["school_unit"]
    Offering.objects.bulk_create(
        Offering(admission_year=year, code=f"EK-P-{i:03d}", school_unit=school,
                 programme_code="EK", name=f"Ekonomi {i:03d}", kind="national", places=30)
        for i in range(120)
    )  # fmt: skip
    with django_assert_max_num_queries(8):
        first = get(client, "/utbildningar/")
    assert "120 utbildningar" in first and "Sida 1 av 3" in first
    with django_assert_max_num_queries(8):
        last = get(client, "/utbildningar/?programme=EK&sida=3")
    assert 'href="?programme=EK&amp;sida=2"' in last
    assert len(re.findall(r'<th scope="row">', last)) == 20


def test_a_repeated_search_is_served_from_the_cache_with_two_queries(
    client, region, django_assert_num_queries
):
    first = get(client, "/utbildningar/?programme=NA")
    with django_assert_num_queries(2):  # the years and the catalogue's version
        again = get(client, "/utbildningar/?programme=NA")
    assert again == first and codes(again) == {"NA-D-1"}


def test_a_change_to_an_offering_shows_at_once_despite_the_cache(client, region, year):
    assert "Natur" in get(client, "/utbildningar/?programme=NA")
    offering = region["na"]
    offering.name = "Naturvetenskap med fältstudier"
    offering.save()  # `updated_at` moves, and with it the catalogue's version
    assert "Naturvetenskap med fältstudier" in get(client, "/utbildningar/?programme=NA")
    offering_cutoffs_publish(
        actor=SYSTEM,
        admission_year=year,
        cutoffs={offering.pk: (Decimal("310.00"), False)},
        round_name="reserve",
    )
    assert "310,00" in get(client, "/utbildningar/?programme=NA")


def test_an_added_offering_shows_at_once_despite_the_cache(client, region, year, today):
    assert "4 utbildningar" in get(client, "/utbildningar/")
    offering_at(region["ek"].school_unit, year, "EK-D-2", today)
    assert "5 utbildningar" in get(client, "/utbildningar/")


def test_an_unknown_year_is_404(client, region):
    assert client.get("/utbildningar/?ar=1999").status_code == 404


def test_a_cancelled_offering_stays_visible_as_startar_ej(client, region, year):
    Offering.objects.filter(code="BA-K-1").update(cancelled=True, cancelled_at=timezone.now())
    html = get(client, "/utbildningar/?programme=BA")
    assert codes(html) == {"BA-K-1"} and "Startar ej" in html
    assert "Startar ej." in get(client, "/utbildningar/BA-K-1/")


def test_the_offering_page_shows_its_facts_cut_off_and_the_years_timeline(client, region):
    html = get(client, "/utbildningar/NA-D-1/")
    assert "<h1>Natur</h1>" in html
    assert "Naturvetenskapsprogrammet (NA)" in html
    assert "300,50" in html and "slutantagning" in html
    assert "Ansökan:" in html
    assert get(client, f"/utbildningar/{region['na'].pk}/") == html


def test_the_cut_off_page_lists_published_cut_offs(client, region):
    html = get(client, "/antagningspoang/")
    assert codes(html) == {"EK-D-1", "NA-D-1", "SA-K-1"}
    assert "Alla behöriga antogs" in html and "280,00" in html
    assert codes(get(client, "/antagningspoang/?program=NA")) == {"NA-D-1"}


def test_school_staff_see_their_offerings_and_save_a_change(client_as, region):
    client = client_as("school_staff")
    html = get(client, "/skola/utbildningar/")
    assert "Skolorna kan lägga upp och ändra utbildningar" in html
    assert {o.code for o in region.values() if o.school_unit.name == "Demogymnasiet"} == {
        "EK-D-1",
        "NA-D-1",
    }
    assert "EK-D-1" in html and "SA-K-1" not in html
    ek = region["ek"]
    form = {"programme_code": "EK", "name": "Ekonomi med juridik", "kind": "national",
            "places": "96", "minimum_size": "24", "selection": "merit", "orientation": "Juridik"}  # fmt: skip
    response = client.post(f"/skola/utbildningar/{ek.pk}/", form)
    assert response.status_code == 302
    ek.refresh_from_db()
    assert (ek.name, ek.places, ek.orientation) == ("Ekonomi med juridik", 96, "Juridik")


def test_errors_are_shown_beside_the_field(client_as, region):
    client = client_as("school_staff")
    form = {"programme_code": "EK", "name": "", "kind": "national", "places": "-1",
            "minimum_size": "0", "selection": "merit"}  # fmt: skip
    response = client.post(f"/skola/utbildningar/{region['ek'].pk}/", form)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_name-error"' in html and "Ange utbildningens namn." in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_places-error"' in html


def test_school_staff_add_an_offering_to_their_own_school(client_as, region, organisations):
    client = client_as("principal")
    form = {"code": "TE-D-1", "school_unit": organisations["school_unit"].pk,
            "programme_code": "TE", "name": "Teknik", "kind": "national", "places": "32",
            "minimum_size": "0", "selection": "merit"}  # fmt: skip
    assert client.post("/skola/utbildningar/ny/", form).status_code == 302
    assert Offering.objects.get(code="TE-D-1").school_unit == organisations["school_unit"]
    other = region["sa"].school_unit.pk
    response = client.post(
        "/skola/utbildningar/ny/", form | {"code": "TE-D-2", "school_unit": other}
    )
    assert response.status_code == 400
    assert not Offering.objects.filter(code="TE-D-2").exists()


def test_the_form_is_closed_outside_the_planning_phase(client_as, organisations, today):
    year = admission_year_create(
        actor=SYSTEM, year=today.year + 3, data=planning_calendar(today - timedelta(days=45))
    )  # applications opened 15 days ago
    offering = offering_at(organisations["school_unit"], year, "EK-S-1", today - timedelta(days=45))
    client = client_as("school_staff")
    html = get(client, f"/skola/utbildningar/{offering.pk}/")
    assert "<fieldset disabled>" in html and "Just nu går det inte att ändra." in html
    form = {"programme_code": "EK", "name": "X", "kind": "national", "places": "1",
            "minimum_size": "0", "selection": "merit"}  # fmt: skip
    response = client.post(f"/skola/utbildningar/{offering.pk}/", form)
    assert response.status_code == 400
    assert "Skolorna kan lägga upp och ändra utbildningar" in response.content.decode()
    offering.refresh_from_db()
    assert offering.name != "X"


def test_another_schools_offering_is_404_for_school_staff(client_as, region):
    client = client_as("school_staff")
    assert client.get(f"/skola/utbildningar/{region['sa'].pk}/").status_code == 404
    assert client.post(f"/skola/utbildningar/{region['sa'].pk}/lagg-ned/").status_code == 404


def test_the_school_cancels_its_offering(client_as, region):
    client = client_as("school_staff")
    response = client.post(f"/skola/utbildningar/{region['ek'].pk}/lagg-ned/")
    assert response.status_code == 302
    assert Offering.objects.get(pk=region["ek"].pk).cancelled


def test_the_office_imports_a_file_and_sees_every_error_beside_the_form(client_as, year, region):
    client = client_as("admission_officer")
    header = ";".join(COLUMNS)
    bad = f"{header}\nX-1;90000001;ZZ;;;Namn;nationellt;30;;;;\nX-2;11111111;EK;;;Namn;nationellt;-;;;;\n"
    upload = _file("utbildningar.csv", bad.encode())
    response = client.post(
        "/antagning/utbildningar/import/", {"admission_year": year.year, "file": upload}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Filen har 3 fel. Ingenting sparades." in html
    assert re.search(r'<td class="num">2</td><td><code>programkod</code></td>', html)
    assert re.search(r'<td class="num">3</td><td><code>skolenhetskod</code></td>', html)
    assert re.search(r'<td class="num">3</td><td><code>platser</code></td>', html)
    good = f"{header}\nX-1;90000001;EK;Ekonomi;;Namn;nationellt;30;;;;\n"
    response = client.post(
        "/antagning/utbildningar/import/",
        {"admission_year": year.year, "file": _file("u.csv", good.encode())},
        follow=True,
    )
    assert "1 rader lästes" in response.content.decode()
    assert Offering.objects.filter(code="X-1").exists()


def test_the_import_template_downloads_as_csv_and_xlsx(client_as):
    client = client_as("admission_officer")
    csv_text = client.get("/antagning/utbildningar/importmall.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == ";".join(COLUMNS)
    xlsx = client.get("/antagning/utbildningar/importmall.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_office_creates_and_edits_an_admission_year(client_as, reference_data):
    client = client_as("admission_officer")
    form = {
        "year": "2029", "rules_version": "2026.1", "seed": "frö-2029", "choice_cap": "12",
        "offerings_open": "2028-10-01", "application_opens": "2029-01-15",
        "application_closes": "2029-02-15", "preliminary_published": "2029-04-16",
        "change_opens": "2029-04-16", "change_closes": "2029-05-15",
        "final_grade_deadline": "2029-06-25", "final_published": "2029-07-02",
        "answer_deadline": "2029-07-16", "reserve_round_dates": "2029-07-27, 2029-08-06",
        "study_start": "2029-08-20",
    }  # fmt: skip
    assert client.post("/antagning/antagningsar/nytt/", form).status_code == 302
    year = AdmissionYear.objects.get(year=2029)
    assert year.reserve_round_dates == ["2029-07-27", "2029-08-06"] and year.choice_cap == 12
    html = get(client, "/antagning/antagningsar/")
    assert "Ansökan" in html and "15 januari–15 februari 2029" in html
    response = client.post(
        "/antagning/antagningsar/2029/", form | {"application_closes": "2029-01-01"}
    )
    assert response.status_code == 400
    assert "Ansökan kan inte stänga innan den öppnar." in response.content.decode()
    assert (
        client.post("/antagning/antagningsar/2029/", form | {"choice_cap": "8"}).status_code == 302
    )
    assert AdmissionYear.objects.get(year=2029).choice_cap == 8


def test_navigation_links_the_catalogue_by_role(client, client_as, reference_data):
    anonymous = get(client, "/")
    assert 'href="/utbildningar/"' in anonymous and 'href="/antagningspoang/"' in anonymous
    assert "Skolans utbildningar" in get(client_as("school_staff"), "/")
    office = get(client_as("admission_officer"), "/")
    assert 'href="/antagning/utbildningar/import/"' in office
    assert 'href="/antagning/antagningsar/"' in office
    assert "Skolans utbildningar" not in get(client_as("auditor"), "/")


def _file(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
