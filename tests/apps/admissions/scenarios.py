"""A minimal admission year for tests that need one: one offering, one applicant with grades.

Used by the audit test (every admissions service) and by page and API tests.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from gymnasieregion.apps.accounts.demo_users import demo_organisations
from gymnasieregion.apps.accounts.models import Role, User
from gymnasieregion.apps.accounts.services import membership_grant, user_create
from gymnasieregion.apps.admissions.models import AdmissionRun, Application, RunKind
from gymnasieregion.apps.admissions.services import (
    admission_run,
    admission_run_publish,
    application_save,
)
from gymnasieregion.apps.applicants.models import Grade, Person
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering
from gymnasieregion.apps.organisations.models import Municipality, Organisation

SUBJECTS = [
    "BL",
    "BI",
    "EN",
    "FY",
    "GE",
    "HKK",
    "HI",
    "IDH",
    "KE",
    "MA",
    "MU",
    "RE",
    "SH",
    "SL",
    "TK",
    "SV",
]


def at(day: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(f"{day}T12:00"))


def year_2027() -> AdmissionYear:
    """Admission year 2027 with the calendar of the region (domain §6), fixed dates."""
    return AdmissionYear.objects.create(
        year=2027,
        seed="test-2027",
        offerings_open=date(2026, 10, 1),
        application_opens=date(2027, 1, 14),
        application_closes=date(2027, 2, 15),
        preliminary_published=date(2027, 4, 15),
        change_opens=date(2027, 4, 15),
        change_closes=date(2027, 5, 15),
        final_grade_deadline=date(2027, 6, 25),
        final_published=date(2027, 7, 1),
        answer_deadline=date(2027, 7, 17),
        reserve_round_dates=["2027-07-25", "2027-08-05"],
        study_start=date(2027, 8, 17),
    )


@dataclass
class SmallYear:
    year: AdmissionYear
    offering: Offering
    person: Person
    applicant: User
    office: User


def _user(username: str, role: str, organisation: Organisation | None) -> User:
    user = user_create(actor=None, username=username, password="x-Lösen-123")
    membership_grant(
        actor=None, user=user, role=Role.objects.get(code=role), organisation=organisation
    )
    return user


def small_year(*, suffix: str = "") -> SmallYear:
    """Year 2027 (calendar of the service test), one EK place, one applicant who has applied."""
    organisations = demo_organisations()
    year = year_2027()
    offering = Offering.objects.create(
        admission_year=year,
        code="EK-DEMO",
        school_unit=organisations["school_unit"],
        programme_code="EK",
        name="Ekonomiprogrammet, Demogymnasiet",
        kind="national",
        places=1,
    )
    applicant = _user(f"sokande{suffix}", "applicant", None)
    office = _user(f"antagning{suffix}", "admission_officer", organisations["admission_office"])
    person = Person.objects.create(
        identity_number="201103152383",
        identity_kind="personnummer",
        birth_date=date(2011, 3, 15),
        given_name="Test",
        family_name="Testsson",
        home_municipality=Municipality.objects.get(code="0180"),
        sending_school=organisations["sending_school"],
        user=applicant,
    )
    Grade.objects.bulk_create(
        Grade(person=person, subject=s, grade="B", term=term)
        for s in SUBJECTS
        for term in ("HT9", "SLUTBETYG")
    )
    application_save(
        actor=applicant, person=person, year=year, offering_ids=[offering.pk], now=at("2027-01-20")
    )
    return SmallYear(year, offering, person, applicant, office)


def published_final(small: SmallYear) -> AdmissionRun:
    run = admission_run(
        actor=small.office, year=small.year, kind=RunKind.FINAL, now=at("2027-06-30")
    )
    return admission_run_publish(actor=small.office, run=run, now=at("2027-07-01"))


def application_of(small: SmallYear) -> Application:
    return Application.objects.get(person=small.person)


def scenarios() -> dict[str, object]:
    """Service name → a function preparing its keyword arguments (for the audit test)."""

    def save() -> dict[str, object]:
        small = small_year()
        return {
            "actor": small.applicant,
            "person": small.person,
            "year": small.year,
            "offering_ids": [small.offering.pk],
            "now": at("2027-04-20"),
        }

    def decide() -> dict[str, object]:
        small = small_year()
        line = application_of(small).lines.get()
        return {
            "actor": small.office,
            "line": line,
            "kind": "free_quota",
            "value": True,
            "reason": "Särskilda skäl.",
            "now": at("2027-03-01"),
        }

    def run() -> dict[str, object]:
        small = small_year()
        return {"actor": small.office, "year": small.year, "kind": "final", "now": at("2027-06-30")}

    def publish() -> dict[str, object]:
        small = small_year()
        created = admission_run(
            actor=small.office, year=small.year, kind="final", now=at("2027-06-30")
        )
        return {"actor": small.office, "run": created, "now": at("2027-07-01")}

    def answer() -> dict[str, object]:
        small = small_year()
        published_final(small)
        return {
            "actor": small.applicant,
            "application": application_of(small),
            "answer": "decline",
            "now": at("2027-07-02"),
        }

    def cancel() -> dict[str, object]:
        small = small_year()
        return {"actor": small.office, "offering": small.offering, "today": date(2027, 3, 1)}

    def mark_done() -> dict[str, object]:
        small = small_year()
        school_unit = small.offering.school_unit
        return {
            "actor": _user("rektor", "principal", school_unit),
            "school_unit": school_unit,
            "run": published_final(small),
            "now": at("2027-07-05"),
        }

    def letters() -> dict[str, object]:
        small = small_year()
        small.person.email = "test@example.invalid"
        small.person.save(update_fields=["email"])
        return {"actor": small.office, "run": published_final(small)}

    return {
        "admissions.offering_cancel_and_notify": cancel,
        "admissions.cooperation_area_set": lambda: {
            "actor": None,
            "name": "Testområdet",
            "municipality_codes": ["0180", "0184"],
        },
        "admissions.application_save": save,
        "admissions.decision_record": decide,
        "admissions.admission_run": run,
        "admissions.admission_run_publish": publish,
        "admissions.offer_answer": answer,
        "admissions.school_admission_done_mark": mark_done,
        "admissions.decision_letters_send": letters,
    }
