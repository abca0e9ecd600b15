"""An admission year with a known calendar and offerings at own and other school units."""

from datetime import date

import pytest

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.catalogue.demo import demo_admission_year_data
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering
from gymnasieregion.apps.catalogue.services import admission_year_create, offering_create
from gymnasieregion.apps.organisations.models import Organisation, OrganisationKind, OrganiserType
from gymnasieregion.apps.organisations.services import organisation_create
from tests.apps.catalogue.factories import ek_data

# The worked example of docs/domain/admission-calendar.md.
PLANNING_DAY = date(2026, 11, 2)  # schools plan their offerings
APPLICATION_DAY = date(2027, 1, 20)  # the application period


@pytest.fixture
def year_2027(reference_data) -> AdmissionYear:
    return admission_year_create(actor=SYSTEM, year=2027, data=demo_admission_year_data(2027))


@pytest.fixture
def other_school(reference_data) -> Organisation:
    organiser = organisation_create(
        actor=None,
        kind=OrganisationKind.ORGANISER,
        name="Annan Huvudman AB",
        organisation_number="556036-0793",
        organiser_type=OrganiserType.INDEPENDENT,
    )
    return organisation_create(
        actor=None,
        kind=OrganisationKind.SCHOOL_UNIT,
        name="Annat gymnasium",
        parent=organiser,
        school_unit_code="90000077",
    )


@pytest.fixture
def own_offering(year_2027, organisations) -> Offering:
    return offering_create(
        actor=SYSTEM,
        admission_year=year_2027,
        school_unit=organisations["school_unit"],
        code="EK-OWN-1",
        data=ek_data(),
        today=PLANNING_DAY,
    )


@pytest.fixture
def other_offering(year_2027, other_school) -> Offering:
    return offering_create(
        actor=SYSTEM,
        admission_year=year_2027,
        school_unit=other_school,
        code="EK-OTHER-1",
        data=ek_data(),
        today=PLANNING_DAY,
    )
