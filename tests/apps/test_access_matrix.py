"""Every URL of the site and the API, for every role: exactly what the role may reach.

The table below must name every route; a new route without a row fails the first test,
so access is decided, written down and tested before a page ships. Forbidden and
missing are the same 404.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from gymnasieregion.apps.admissions.models import (
    AdmissionRun,
    Application,
    ChoiceLine,
    LineResult,
    RunFiles,
    RunKind,
    RunStatus,
)
from gymnasieregion.apps.applicants.models import GradeCorrection, Person
from gymnasieregion.apps.catalogue.models import AdmissionYear
from gymnasieregion.apps.organisations.models import Municipality, OrganisationKind, OrganiserType
from gymnasieregion.apps.organisations.services import organisation_create
from tests.apps.applicants.factories import PersonFactory
from tests.apps.catalogue.factories import admission_year_in_planning, offering_at
from tests.apps.conftest import sign_in

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "applicant",
    "study_counsellor",
    "school_staff",
    "principal",
    "sending_school_principal",
    "municipal_admin",
    "admission_officer",
    "finance_officer",
    "auditor",
]
ALL = dict.fromkeys(ROLES[1:], 200)
LOGIN = 302  # anonymous visitors are sent to the sign-in page
FEE_ROLES = {"finance_officer", "auditor"}
# Who sees the pupil `{pupil}` (sending school and municipality of the test actors):
PUPIL_ROLES = {
    "study_counsellor",
    "sending_school_principal",
    "municipal_admin",
    "admission_officer",
}
PERSON_LIST_ROLES = PUPIL_ROLES | {"applicant"}
GRADE_ROLES = {"study_counsellor", "admission_officer"}
CORRECTION_ROLES = {"study_counsellor", "sending_school_principal", "admission_officer"}


# The catalogue: the office edits every offering; school staff and principals their
# own school's (`{own_offering}`), not `{other_offering}`. `{year}` is in its planning phase.
OFFICE = {"admission_officer"}
OFFERING_EDITORS = {"school_staff", "principal", "admission_officer"}
PUBLIC = {"anonymous": 200} | ALL
# Admissions for schools (their own offerings; the office every one) and municipalities.
SCHOOL = {"school_staff", "principal", "admission_officer"}
MUNICIPAL = {"municipal_admin"}
# The applicant's own pages and API; the applicant of the test is linked to the person `me`.
APPLICANT = {"applicant"}


def only(
    allowed: set[str], status: int = 200, anonymous: int = LOGIN, others: int = 404
) -> dict[str, int]:
    return {"anonymous": anonymous} | {
        role: (status if role in allowed else others) for role in ROLES[1:]
    }


# route name → (method, path, expected status per role). `{own}` and `{other}` are
# organisation ids: the actor's own organisation and one outside every test actor's reach.
MATRIX: dict[str, list[tuple[str, str, dict[str, int]]]] = {
    "web:home": [("get", "/", {"anonymous": 200} | ALL)],
    "accounts:login": [("get", "/konto/logga-in/", {"anonymous": 200} | ALL)],
    "accounts:logout": [("get", "/konto/logga-ut/", dict.fromkeys(ROLES, 405))],
    "accounts:second_factor": [("get", "/konto/tvastegsverifiering/", {"anonymous": LOGIN} | ALL)],
    "accounts:second_factor_enrol": [
        ("get", "/konto/tvastegsverifiering/aktivera/", {"anonymous": LOGIN} | ALL)
    ],
    "organisations:list": [("get", "/organisationer/", {"anonymous": LOGIN} | ALL)],
    "organisations:detail": [
        ("get", "/organisationer/{own}/", {"anonymous": LOGIN} | ALL | {"applicant": 404}),
        ("get", "/organisationer/{other}/", only({"admission_officer", "auditor"})),
    ],
    "fees:index": [("get", "/avgifter/", only(FEE_ROLES, status=302))],
    "fees:year": [("get", "/avgifter/2026/", only(FEE_ROLES))],
    "fees:export": [
        ("get", "/avgifter/2026/serviceavgift.csv", only(FEE_ROLES)),
        ("get", "/avgifter/2026/serviceavgift.xlsx", only(FEE_ROLES)),
        ("get", "/avgifter/2026/serviceavgift.pdf", only(set())),
    ],
    "fees:import": [
        ("post", "/avgifter/2026/import/avgiftsunderlag/", only({"finance_officer"}, status=302)),
        ("post", "/avgifter/2026/import/okand/", only(set())),
    ],
    "fees:rate": [("post", "/avgifter/2026/avgiftsuttag/", only({"finance_officer"}, status=400))],
    "audit:list": [("get", "/granskning/", only({"auditor"}))],
    "audit:export": [("get", "/granskning/export.csv", only({"auditor"}))],
    "applicants:list": [("get", "/elever/", only(PERSON_LIST_ROLES))],
    "applicants:me": [("get", "/elever/mig/", only(APPLICANT, status=302))],
    "applicants:create": [
        ("get", "/elever/ny/", only(GRADE_ROLES)),
        ("post", "/elever/ny/", only(GRADE_ROLES, status=400)),
    ],
    "applicants:card": [
        ("get", "/elever/{pupil}/", only(PUPIL_ROLES)),
        ("get", "/elever/{stranger}/", only({"admission_officer"})),
    ],
    "applicants:correction_create": [
        ("get", "/elever/{pupil}/rattelse/", only({"study_counsellor"})),
        ("get", "/elever/{stranger}/rattelse/", only(set())),
    ],
    "applicants:grade_import": [
        ("get", "/elever/betyg/import/", only(GRADE_ROLES)),
        ("post", "/elever/betyg/import/", only(GRADE_ROLES, status=400)),
    ],
    "applicants:grade_template": [
        ("get", "/elever/betyg/mall.csv", only(GRADE_ROLES)),
        ("get", "/elever/betyg/mall.xlsx", only(GRADE_ROLES)),
        ("get", "/elever/betyg/mall.pdf", only(set())),
    ],
    "applicants:corrections": [("get", "/elever/rattelser/", only(CORRECTION_ROLES))],
    "applicants:correction": [
        ("get", "/elever/rattelser/{correction}/", only(CORRECTION_ROLES)),
        ("post", "/elever/rattelser/{correction}/", only({"sending_school_principal"}, status=400)),
    ],
    "api:me": [("get", "/api/v1/me/", {"anonymous": 403} | ALL)],
    "api:organisations": [("get", "/api/v1/organisations/", {"anonymous": 403} | ALL)],
    "api:organisation": [
        ("get", "/api/v1/organisations/{own}/", {"anonymous": 403} | ALL | {"applicant": 404}),
        (
            "get",
            "/api/v1/organisations/{other}/",
            only({"admission_officer", "auditor"}, anonymous=403),
        ),
    ],
    "api:fee-year": [("get", "/api/v1/fees/2026/", only(FEE_ROLES, anonymous=403))],
    "api:budget-check": [("get", "/api/v1/budget/2026/check/", only(FEE_ROLES, anonymous=403))],
    "api:audit-events": [("get", "/api/v1/audit-events/", only({"auditor"}, anonymous=403))],
    "api:persons": [("get", "/api/v1/persons/", {"anonymous": 403} | ALL)],
    "api:person-card": [
        ("get", "/api/v1/persons/{pupil}/", only(PUPIL_ROLES, anonymous=403)),
        ("get", "/api/v1/persons/{stranger}/", only({"admission_officer"}, anonymous=403)),
    ],
    "catalogue:list": [("get", "/utbildningar/", PUBLIC)],
    "catalogue:offering": [
        ("get", "/utbildningar/{other_code}/", PUBLIC),
        ("get", "/utbildningar/{other_offering}/", PUBLIC),
        ("get", "/utbildningar/FINNS-INTE/", dict.fromkeys(ROLES, 404)),
    ],
    "catalogue:cutoffs": [("get", "/antagningspoang/", PUBLIC)],
    "catalogue:school_list": [("get", "/skola/utbildningar/", only(OFFERING_EDITORS))],
    "catalogue:school_new": [("get", "/skola/utbildningar/ny/", only(OFFERING_EDITORS))],
    "catalogue:school_edit": [
        ("get", "/skola/utbildningar/{own_offering}/", only(OFFERING_EDITORS)),
        ("get", "/skola/utbildningar/{other_offering}/", only(OFFICE)),
    ],
    "catalogue:school_cancel": [
        ("post", "/skola/utbildningar/{other_offering}/lagg-ned/", only(OFFICE, status=302))
    ],
    "catalogue:import": [
        ("get", "/antagning/utbildningar/import/", only(OFFICE)),
        ("post", "/antagning/utbildningar/import/", only(OFFICE, status=400)),
    ],
    "catalogue:import_template": [
        ("get", "/antagning/utbildningar/importmall.csv", only(OFFICE)),
        ("get", "/antagning/utbildningar/importmall.xlsx", only(OFFICE)),
        ("get", "/antagning/utbildningar/importmall.pdf", only(set())),
    ],
    "catalogue:years": [("get", "/antagning/antagningsar/", only(OFFICE))],
    "catalogue:year_new": [("get", "/antagning/antagningsar/nytt/", only(OFFICE))],
    "catalogue:year_edit": [
        ("get", "/antagning/antagningsar/{year}/", only(OFFICE)),
        ("get", "/antagning/antagningsar/1999/", only(set())),
    ],
    "api:admission-years": [("get", "/api/v1/admission-years/", PUBLIC)],
    "api:offerings": [("get", "/api/v1/offerings/", PUBLIC)],
    "api:offering": [("get", "/api/v1/offerings/{other_offering}/", PUBLIC)],
    "api:cutoffs": [("get", "/api/v1/cutoffs/", PUBLIC)],
    "api:offerings-import": [
        ("post", "/api/v1/offerings/import/", only(OFFICE, status=400, anonymous=403))
    ],
    "admissions:counsellor_pupils": [
        ("get", "/syv/", only({"study_counsellor", "sending_school_principal"}))
    ],
    "admissions:office_dashboard": [("get", "/antagning/", only(OFFICE))],
    "admissions:office_run_start": [
        ("post", "/antagning/korningar/ny/", only(OFFICE, status=302))  # no round chosen
    ],
    "admissions:office_run": [("get", "/antagning/korningar/{run}/", only(OFFICE))],
    "admissions:office_run_publish": [
        ("post", "/antagning/korningar/{run}/publicera/", only(OFFICE, status=302))
    ],
    "admissions:office_run_file": [
        ("get", "/antagning/korningar/{run}/problem.json", only(OFFICE)),
        ("get", "/antagning/korningar/{run}/manifest.json", only(OFFICE)),
        ("get", "/antagning/korningar/{run}/okand.json", only(set())),
    ],
    "admissions:office_offering_cancel": [
        ("post", "/antagning/utbildningar/{other_offering}/startar-ej/", only(OFFICE, status=302))
    ],
    "api:admission-runs": [("get", "/api/v1/admission-runs/", only(OFFICE, anonymous=403))],
    "api:admission-run-create": [
        ("post", "/api/v1/admission-runs/new/", only(OFFICE, status=400, anonymous=403))
    ],
    "api:admission-run": [("get", "/api/v1/admission-runs/{run}/", only(OFFICE, anonymous=403))],
    "api:admission-run-publish": [  # a simulation is never published: 400 for the office
        ("post", "/api/v1/admission-runs/{run}/publish/", only(OFFICE, status=400, anonymous=403))
    ],
    "api:admission-run-problem": [
        ("get", "/api/v1/admission-runs/{run}/problem/", only(OFFICE, anonymous=403))
    ],
    # Schools and municipalities (views/school.py, api/v1/school.py): `{own_line}` is the
    # pupil's line to `{own_offering}` (the pupil lives in the municipal admin's
    # municipality), `{other_line}` the stranger's to `{other_offering}`.
    "admissions:school_index": [("get", "/skola/antagning/", only(SCHOOL))],
    "admissions:school_done": [  # no school unit chosen: back to the page with a message
        ("post", "/skola/antagning/klar/", only({"principal"}, status=302))
    ],
    "admissions:school_offering": [
        ("get", "/skola/antagning/{own_offering}/", only(SCHOOL)),
        ("get", "/skola/antagning/{other_offering}/", only(OFFICE)),
    ],
    "admissions:school_line": [
        ("get", "/skola/antagning/{own_offering}/valrad/{own_line}/", only(SCHOOL)),
        ("post", "/skola/antagning/{own_offering}/valrad/{own_line}/", only(SCHOOL, status=400)),
        ("get", "/skola/antagning/{other_offering}/valrad/{other_line}/", only(OFFICE)),
        ("get", "/skola/antagning/{own_offering}/valrad/{other_line}/", only(set())),
    ],
    "admissions:school_list": [
        ("get", "/skola/antagning/{own_offering}/antagna/", only(SCHOOL)),
        ("get", "/skola/antagning/{own_offering}/reserver/", only(SCHOOL)),
        ("get", "/skola/antagning/{other_offering}/antagna/", only(OFFICE)),
        ("get", "/skola/antagning/{own_offering}/okand/", only(set())),
    ],
    "admissions:school_list_export": [
        ("get", "/skola/antagning/{own_offering}/antagna.csv", only(SCHOOL)),
        ("get", "/skola/antagning/{own_offering}/reserver.xlsx", only(SCHOOL)),
        ("get", "/skola/antagning/{other_offering}/reserver.csv", only(OFFICE)),
        ("get", "/skola/antagning/{own_offering}/antagna.pdf", only(set())),
    ],
    "admissions:municipality_index": [("get", "/kommun/antagning/", only(MUNICIPAL))],
    "admissions:municipality_residents": [("get", "/kommun/antagning/sokande/", only(MUNICIPAL))],
    "admissions:municipality_statements": [
        ("get", "/kommun/antagning/yttranden/", only(MUNICIPAL))
    ],
    "admissions:municipality_special_reasons": [
        ("get", "/kommun/antagning/sarskilda-skal/", only(MUNICIPAL))
    ],
    "admissions:municipality_line": [
        ("get", "/kommun/antagning/valrad/{own_line}/", only(MUNICIPAL)),
        ("post", "/kommun/antagning/valrad/{own_line}/", only(MUNICIPAL, status=400)),
        ("get", "/kommun/antagning/valrad/{other_line}/", only(set())),
    ],
    "api:school-offerings": [("get", "/api/v1/school/offerings/", only(SCHOOL, anonymous=403))],
    "api:school-offering-admitted": [
        ("get", "/api/v1/school/offerings/{own_offering}/admitted/", only(SCHOOL, anonymous=403)),
        ("get", "/api/v1/school/offerings/{other_offering}/admitted/", only(OFFICE, anonymous=403)),
    ],
    "api:school-offering-reserves": [
        ("get", "/api/v1/school/offerings/{own_offering}/reserves/", only(SCHOOL, anonymous=403)),
        ("get", "/api/v1/school/offerings/{other_offering}/reserves/", only(OFFICE, anonymous=403)),
    ],
    "api:choice-line-decisions": [  # an empty request: 400 for whoever reaches the line
        (
            "post",
            "/api/v1/choice-lines/{own_line}/decisions/",
            only(SCHOOL | MUNICIPAL, status=400, anonymous=403),
        ),
        (
            "post",
            "/api/v1/choice-lines/{other_line}/decisions/",
            only(OFFICE, status=400, anonymous=403),
        ),
    ],
    "api:municipality-results": [
        ("get", "/api/v1/municipality/results/", only(MUNICIPAL, anonymous=403))
    ],
    # The applicant (views/applicant.py, api/v1/applicant.py): only their own application,
    # results and letter of the published run `{published}`. Others read an applicant's letter
    # through `access_person` (logged): the pupil's by whoever sees the pupil.
    "admissions:application": [("get", "/ansokan/", only(APPLICANT))],
    "admissions:application_draft": [  # nothing chosen: back to the list with a message
        ("post", "/ansokan/utkast/", only(APPLICANT, status=302))
    ],
    "admissions:application_submit": [  # the year is in planning: refused, nothing saved
        ("post", "/ansokan/skicka/", only(APPLICANT, status=400))
    ],
    "admissions:results": [("get", "/ansokan/resultat/", only(APPLICANT))],
    "admissions:answer": [("post", "/ansokan/resultat/svar/", only(APPLICANT, status=400))],
    "admissions:letter": [
        ("get", "/ansokan/beslut/{published}/", only(APPLICANT)),
        ("get", "/ansokan/beslut/{run}/", only(set())),  # a simulation has no letters
    ],
    "admissions:letter_pdf": [("get", "/ansokan/beslut/{published}.pdf", only(APPLICANT))],
    "admissions:person_letter": [
        ("get", "/ansokan/beslut/{published}/elev/{pupil}/", only(PUPIL_ROLES)),
        ("get", "/ansokan/beslut/{published}/elev/{stranger}/", only(OFFICE)),
        ("get", "/ansokan/beslut/{run}/elev/{pupil}/", only(set())),
    ],
    "admissions:person_letter_pdf": [
        ("get", "/ansokan/beslut/{published}/elev/{pupil}.pdf", only(PUPIL_ROLES))
    ],
    "api:application": [
        ("get", "/api/v1/application/", only(APPLICANT, anonymous=403)),
        ("put", "/api/v1/application/", only(APPLICANT, status=400, anonymous=403)),
    ],
    "api:application-results": [
        ("get", "/api/v1/application/results/", only(APPLICANT, anonymous=403))
    ],
    "api:application-answer": [
        ("post", "/api/v1/application/answer/", only(APPLICANT, status=400, anonymous=403))
    ],
}


def route_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= route_names(entry, inner)
        elif isinstance(entry, URLPattern):
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_route_of_the_site_and_api_has_a_row_in_the_matrix():
    assert route_names() == set(MATRIX)


@pytest.fixture
def other_organisation(reference_data):
    organiser = organisation_create(
        actor=None,
        kind=OrganisationKind.ORGANISER,
        name="Annan Skola AB",
        organisation_number="556036-0793",
        organiser_type=OrganiserType.INDEPENDENT,
    )
    return organisation_create(
        actor=None,
        kind=OrganisationKind.SCHOOL_UNIT,
        name="Annat gymnasium",
        parent=organiser,
        school_unit_code="90000099",
    )


@pytest.fixture
def people(organisations, other_organisation):
    """A pupil of the test actors' sending school and municipality, one outside, a correction."""
    stranger_school = organisation_create(
        actor=None,
        kind=OrganisationKind.SENDING_SCHOOL,
        name="Annan grundskola",
        municipality=Municipality.objects.get(code="0184"),
        school_unit_code="90000098",
    )
    pupil = PersonFactory(sending_school=organisations["sending_school"])
    stranger = PersonFactory(
        sending_school=stranger_school, home_municipality=stranger_school.municipality
    )
    correction = GradeCorrection.objects.create(
        person=pupil,
        sending_school=organisations["sending_school"],
        subject="MA",
        term="SLUTBETYG",
        new_grade="C",
        reason="Fel i betygskatalogen.",
    )
    return {"pupil": pupil.pk, "stranger": stranger.pk, "correction": correction.pk}


@pytest.fixture
def catalogue(organisations, other_organisation):
    """An admission year in its planning phase today, with an offering at the test actors'
    school unit and one at another school."""
    today = timezone.localdate()
    year = admission_year_in_planning(today)
    own = offering_at(organisations["school_unit"], year, "EK-EGEN-1", today)
    other = offering_at(other_organisation, year, "EK-ANNAN-1", today)
    run = AdmissionRun.objects.create(  # a stored simulation, for the office's run pages
        admission_year=year,
        kind=RunKind.SIMULATION,
        status=RunStatus.SUCCEEDED,
        started_at=timezone.now(),
        finished_at=timezone.now(),
        manifest={},
    )
    RunFiles.objects.create(run=run, problem=b"{}", result=b"{}")
    return {
        "year": year.year,
        "run": run.pk,
        "own_offering": own.pk,
        "other_offering": other.pk,
        "other_code": other.code,
    }


@pytest.fixture
def choice_lines(people, catalogue):
    """The pupil's line to the own offering and the stranger's to the other, as plain rows."""
    year = AdmissionYear.objects.get(year=catalogue["year"])
    now = timezone.now()

    def line(person: int, offering: int) -> int:
        application = Application.objects.create(
            admission_year=year, person_id=person, created_at=now, updated_at=now
        )
        return ChoiceLine.objects.create(
            application=application, offering_id=offering, rank=1, hand="none"
        ).pk

    return {
        "own_line": line(people["pupil"], catalogue["own_offering"]),
        "other_line": line(people["stranger"], catalogue["other_offering"]),
    }


@pytest.fixture
def published(people, catalogue, choice_lines):
    """A published final round with a result on both lines and on the line of `me`, an
    applicant the test links to its signed-in applicant."""
    year = AdmissionYear.objects.get(year=catalogue["year"])
    now = timezone.now()
    me = PersonFactory()
    application = Application.objects.create(
        admission_year=year, person=me, created_at=now, updated_at=now
    )
    mine = ChoiceLine.objects.create(
        application=application, offering_id=catalogue["own_offering"], rank=1, hand="none"
    )
    run = AdmissionRun.objects.create(
        admission_year=year,
        kind=RunKind.FINAL,
        status=RunStatus.SUCCEEDED,
        started_at=now,
        finished_at=now,
        published_at=now,
        manifest={},
    )
    for line in (choice_lines["own_line"], choice_lines["other_line"], mine.pk):
        LineResult.objects.create(
            run=run,
            line_id=line,
            status="admitted",
            reason="admitted_merit",
            explanation="Antagen med meritvärde 280,0.",
        )
    return {"published": run.pk, "me": me.pk}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_what_it_may(
    role, make_user, organisations, other_organisation, people, catalogue, choice_lines, published
):
    client = Client()
    own = organisations["municipality"].pk
    if role != "anonymous":
        user = make_user(role)
        sign_in(client, user)
        own = user.memberships.get().organisation_id or own
        if role == "applicant":
            Person.objects.filter(pk=published["me"]).update(user=user)
    failures = []
    for name, calls in MATRIX.items():
        for method, template, expected in calls:
            path = template.format(
                own=own,
                other=other_organisation.pk,
                **people,
                **catalogue,
                **choice_lines,
                **published,
            )
            status = getattr(client, method)(path).status_code
            if status != expected[role]:
                failures.append(
                    f"{name} {method.upper()} {path}: {status}, expected {expected[role]}"
                )
    assert failures == []
