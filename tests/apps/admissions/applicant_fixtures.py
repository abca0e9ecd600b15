"""Fixtures of the applicant's pages, API and letters: the small year, more offerings, a second
applicant, and a clock the applicant's views read (`_now`), so dates can be set per test
without touching the session's expiry."""

from collections.abc import Callable

import pytest
from django.test import Client

from gymnasieregion.apps.accounts.models import User
from gymnasieregion.apps.admissions.api.v1 import applicant as applicant_api
from gymnasieregion.apps.admissions.views import applicant as applicant_views
from gymnasieregion.apps.applicants.models import Grade, Person
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering
from gymnasieregion.apps.organisations.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    OrganiserType,
)
from gymnasieregion.apps.organisations.services import organisation_create
from tests.apps.admissions.scenarios import SUBJECTS, SmallYear, _user, at, small_year
from tests.apps.applicants.factories import PersonFactory
from tests.apps.conftest import sign_in


@pytest.fixture
def small(reference_data: None) -> SmallYear:
    return small_year()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Set the day (at noon) that the applicant's pages and API see."""

    def set_day(day: str) -> None:
        moment = at(day)
        monkeypatch.setattr(applicant_views, "_now", lambda: moment)
        monkeypatch.setattr(applicant_api, "_now", lambda: moment)

    set_day("2027-01-25")
    return set_day


@pytest.fixture
def applicant(small: SmallYear) -> Client:
    return sign_in(Client(), small.applicant)


def add_offering(
    year: AdmissionYear,
    code: str,
    *,
    school: Organisation | None = None,
    places: int = 1,
    **fields: object,
) -> Offering:
    if school is None:
        school = Offering.objects.filter(admission_year=year).first().school_unit  # type: ignore[union-attr]
    return Offering.objects.create(
        admission_year=year,
        code=code,
        school_unit=school,
        programme_code=str(fields.pop("programme_code", "SA")),
        name=str(fields.pop("name", f"Program {code}")),
        kind=str(fields.pop("kind", "national")),
        places=places,
        **fields,
    )


def municipal_school() -> Organisation:
    """A municipal school in Stockholm (first- and second-hand reception apply there)."""
    city = organisation_create(
        actor=None,
        kind=OrganisationKind.ORGANISER,
        name="Stockholms stad",
        organisation_number="212000-0142",
        organiser_type=OrganiserType.MUNICIPAL,
    )
    return organisation_create(
        actor=None,
        kind=OrganisationKind.SCHOOL_UNIT,
        name="Kommunala gymnasiet",
        parent=city,
        municipality=Municipality.objects.get(code="0180"),
        school_unit_code="90000010",
    )


def another_applicant(
    name: str, *, home: str = "0180", english: str = "B", email: str = ""
) -> tuple[User, Person]:
    """An applicant with sixteen B grades (English as given), living in `home`."""
    user = _user(f"sokande-{name.lower()}", "applicant", None)
    person = PersonFactory(
        given_name=name,
        family_name="Testsson",
        home_municipality=Municipality.objects.get(code=home),
        user=user,
        email=email,
    )
    Grade.objects.bulk_create(
        Grade(person=person, subject=s, grade=english if s == "EN" else "B", term=term)
        for s in SUBJECTS
        for term in ("HT9", "SLUTBETYG")
    )
    return user, person
