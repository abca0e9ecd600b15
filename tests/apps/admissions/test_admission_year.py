"""A small admission year end to end, through the services, against outcomes worked by hand.

Three offerings with one place each: NA and SA at a municipal school in Stockholm, EK at an
independent school. Grades are sixteen equal letters, so merit values are easy to read:
A → 320, B → 280, C → 240; Eva has fifteen B and one C → 277.5.

| applicant | home | autumn (HT9) | final | choices |
|---|---|---|---|---|
| Anna | Stockholm | 280 | 320 | NA, SA |
| Bo | Stockholm | 320 | 280 | NA, EK |
| Cleo | Stockholm | 240 | 240 | SA |
| Dan | Uppsala (outside the area: second-hand at the municipal school) | 320 | 320 | SA |
| Eva | Stockholm | 280 | 277.5 | EK; after the change period NA added on top (late) |
| Fia | Stockholm | – | 320 | NA, applied after the final round (late) |
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gymnasieregion.apps.accounts.models import User
from gymnasieregion.apps.admissions.models import (
    AdmissionRun,
    Application,
    LineResult,
    OfferingResult,
    RunKind,
    RunStatus,
)
from gymnasieregion.apps.admissions.services import (
    admission_run,
    admission_run_publish,
    application_save,
    offer_answer,
)
from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.applicants.services import grade_import, person_register
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering
from gymnasieregion.apps.organisations.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    OrganiserType,
)
from gymnasieregion.apps.organisations.services import organisation_create
from gymnasieregion.core.identity.fake import fake_identity_numbers
from tests.apps.admissions.scenarios import SUBJECTS, at, year_2027

pytestmark = pytest.mark.django_db

HEADER = ["personnummer", "ämne", "språkplats", "språkkod", "betyg", "termin"]


@pytest.fixture
def year() -> AdmissionYear:
    return year_2027()


@pytest.fixture
def offerings(year: AdmissionYear, organisations: dict[str, Organisation]) -> dict[str, Offering]:
    stockholm = Municipality.objects.get(code="0180")
    city = organisation_create(
        actor=None,
        kind=OrganisationKind.ORGANISER,
        name="Stockholms stad",
        organisation_number="212000-0142",
        organiser_type=OrganiserType.MUNICIPAL,
    )
    municipal = organisation_create(
        actor=None,
        kind=OrganisationKind.SCHOOL_UNIT,
        name="Kommunala gymnasiet",
        parent=city,
        municipality=stockholm,
        school_unit_code="90000010",
    )
    independent = organisations["school_unit"]

    def offering(code: str, school: Organisation, programme: str) -> Offering:
        return Offering.objects.create(
            admission_year=year,
            code=code,
            school_unit=school,
            programme_code=programme,
            name=f"{programme} vid {school.name}",
            kind="national",
            places=1,
        )

    return {
        "NA": offering("NA-K", municipal, "NA"),
        "SA": offering("SA-K", municipal, "SA"),
        "EK": offering("EK-D", independent, "EK"),
    }


def grade_rows(number: str, term: str, letters: list[str]) -> list[dict[str, str]]:
    return [
        dict(zip(HEADER, [number, subject, "", "", letter, term], strict=True))
        for subject, letter in zip(SUBJECTS, letters, strict=True)
    ]


def test_a_year_from_registration_to_the_second_reserve_round(
    year: AdmissionYear,
    offerings: dict[str, Offering],
    organisations: dict[str, Organisation],
    make_user,
) -> None:
    counsellor = make_user("study_counsellor")
    office = make_user("admission_officer")
    sending = organisations["sending_school"]
    homes = {"Dan": Municipality.objects.get(code="0380")}
    grades = {  # name → (autumn letters, final letters)
        "Anna": (["B"] * 16, ["A"] * 16),
        "Bo": (["A"] * 16, ["B"] * 16),
        "Cleo": (["C"] * 16, ["C"] * 16),
        "Dan": (["A"] * 16, ["A"] * 16),
        "Eva": (["B"] * 16, ["B"] * 15 + ["C"]),
        "Fia": (None, ["A"] * 16),
    }
    numbers = fake_identity_numbers(
        2027, len(grades), born_from=date(2011, 1, 1), born_to=date(2011, 12, 31)
    )
    people: dict[str, Person] = {}
    users: dict[str, User] = {}
    rows: list[dict[str, str]] = []
    for (name, (autumn, _final)), number in zip(grades.items(), numbers, strict=True):
        users[name] = make_user("applicant")
        people[name] = person_register(
            actor=counsellor,
            identity_number=str(number),
            given_name=name,
            family_name="Testsson",
            home_municipality=homes.get(name, Municipality.objects.get(code="0180")),
            sending_school=sending,
            user=users[name],
            today=date(2026, 11, 1),
        )
        if autumn:
            rows += grade_rows(number.value, "HT9", autumn)
    grade_import(
        actor=counsellor,
        sending_school=sending,
        header=HEADER,
        rows=rows,
        file_name="ht9.csv",
        file_sha256="0" * 64,
        deadline=year.final_grade_deadline,
        today=date(2027, 1, 10),
    )

    def apply(name: str, codes: list[str], day: str) -> Application:
        return application_save(
            actor=users[name],
            person=people[name],
            year=year,
            offering_ids=[offerings[c].pk for c in codes],
            now=at(day),
        )

    apply("Anna", ["NA", "SA"], "2027-01-20")
    apply("Bo", ["NA", "EK"], "2027-01-21")
    apply("Cleo", ["SA"], "2027-02-01")
    apply("Dan", ["SA"], "2027-02-02")
    apply("Eva", ["EK"], "2027-02-03")
    with pytest.raises(ValidationError, match="Ansökan är öppen 14 januari–15 februari 2027"):
        apply("Fia", ["NA"], "2027-01-02")

    def outcome(run: AdmissionRun) -> dict[tuple[str, str], str]:
        code_of = {o.pk: code for code, o in offerings.items()}
        found = {}
        for r in LineResult.objects.filter(run=run).select_related("line__application__person"):
            position = f" {r.reserve_position}" if r.reserve_position else ""
            key = (r.line.application.person.given_name, code_of[r.line.offering_id])
            found[key] = f"{r.status}{position}"
        return found

    # Preliminary round on the autumn grades: Bo 320 beats Anna 280 at NA; at SA the
    # first-hand Anna comes before Dan, second-hand; Cleo is reserve before Dan.
    preliminary = admission_run(
        actor=office, year=year, kind=RunKind.PRELIMINARY, now=at("2027-04-14")
    )
    assert preliminary.status == RunStatus.SUCCEEDED, preliminary.violations
    assert outcome(preliminary) == {
        ("Anna", "NA"): "reserve 1",
        ("Anna", "SA"): "admitted",
        ("Bo", "NA"): "admitted",
        ("Bo", "EK"): "struck",
        ("Cleo", "SA"): "reserve 1",
        ("Dan", "SA"): "reserve 2",
        ("Eva", "EK"): "admitted",
    }
    admission_run_publish(actor=office, run=preliminary, now=at("2027-04-15"))
    offerings["NA"].refresh_from_db()
    assert offerings["NA"].published_cutoff == Decimal("320.00")

    # Final grades arrive before the deadline; Eva adds NA above EK after the change period.
    final_rows = [
        r
        for name, (_, final) in grades.items()
        for r in grade_rows(people[name].identity_number, "SLUTBETYG", final)
    ]
    grade_import(
        actor=counsellor,
        sending_school=sending,
        header=HEADER,
        rows=final_rows,
        file_name="slutbetyg.csv",
        file_sha256="1" * 64,
        deadline=year.final_grade_deadline,
        today=date(2027, 6, 10),
    )
    eva = apply("Eva", ["NA", "EK"], "2027-05-20")
    assert [(line.offering_id, line.late) for line in eva.lines.order_by("rank")] == [
        (offerings["NA"].pk, True),
        (offerings["EK"].pk, False),
    ]

    # Final round: Anna 320 takes NA; Bo 280 beats Eva 277.5 at EK; Cleo, first-hand,
    # beats Dan at SA although Dan's merit is higher.
    final = admission_run(actor=office, year=year, kind=RunKind.FINAL, now=at("2027-06-30"))
    assert final.status == RunStatus.SUCCEEDED, final.violations
    assert outcome(final) == {
        ("Anna", "NA"): "admitted",
        ("Anna", "SA"): "struck",
        ("Bo", "NA"): "reserve 1",
        ("Bo", "EK"): "admitted",
        ("Cleo", "SA"): "admitted",
        ("Dan", "SA"): "reserve 1",
        ("Eva", "NA"): "reserve 2",
        ("Eva", "EK"): "reserve 1",
    }
    # Nothing to answer before the final round is published.
    with pytest.raises(ValidationError, match="ingen plats att svara på"):
        offer_answer(
            actor=users["Cleo"],
            application=people["Cleo"].applications.get(),
            answer="decline",
            now=at("2027-07-02"),
        )
    admission_run_publish(actor=office, run=final, now=at("2027-07-01"))

    # Answers: Cleo declines SA; Bo stays reserve for NA by not answering.
    offer_answer(
        actor=users["Cleo"],
        application=people["Cleo"].applications.get(),
        answer="decline",
        now=at("2027-07-02"),
    )
    with pytest.raises(ValidationError, match="Svar på antagningen kan lämnas 1 juli–17 juli 2027"):
        offer_answer(
            actor=users["Anna"],
            application=people["Anna"].applications.get(),
            answer="accept_stay_reserve",
            now=at("2027-07-20"),
        )

    # Reserve round 1: Cleo's seat at SA goes down the reserve list to Dan.
    reserve_1 = admission_run(actor=office, year=year, kind=RunKind.RESERVE, now=at("2027-07-25"))
    assert reserve_1.status == RunStatus.SUCCEEDED, reserve_1.violations
    result_1 = outcome(reserve_1)
    assert result_1[("Dan", "SA")] == "admitted"
    assert result_1[("Cleo", "SA")] == "declined"
    assert result_1[("Anna", "NA")] == "admitted"
    assert result_1[("Bo", "EK")] == "admitted"
    assert result_1[("Bo", "NA")] == "reserve 1"
    assert result_1[("Eva", "NA")] == "reserve 2"
    admission_run_publish(actor=office, run=reserve_1, now=at("2027-07-26"))

    # Fia applies late to NA: she outranks Eva in the late tier, but not Bo (in time),
    # and nobody loses a secured place.
    apply("Fia", ["NA"], "2027-07-28")
    reserve_2 = admission_run(actor=office, year=year, kind=RunKind.RESERVE, now=at("2027-08-05"))
    assert reserve_2.status == RunStatus.SUCCEEDED, reserve_2.violations
    assert reserve_2.number == 2
    result_2 = outcome(reserve_2)
    assert result_2[("Anna", "NA")] == "admitted"
    assert result_2[("Dan", "SA")] == "admitted"
    assert result_2[("Bo", "EK")] == "admitted"
    assert (result_2[("Bo", "NA")], result_2[("Fia", "NA")], result_2[("Eva", "NA")]) == (
        "reserve 1",
        "reserve 2",
        "reserve 3",
    )
    na = OfferingResult.objects.get(run=reserve_2, offering=offerings["NA"])
    assert (na.admitted, na.reserves) == (1, 3)
    assert AdmissionRun.objects.filter(published_at__isnull=False).count() == 3
