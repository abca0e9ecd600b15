"""Admission years with a calendar placed around a given day, and offerings, built by services."""

from datetime import date, timedelta

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.catalogue.calendar import AdmissionYearData
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering
from gymnasieregion.apps.catalogue.offering_rules import OfferingData
from gymnasieregion.apps.catalogue.services import admission_year_create, offering_create
from gymnasieregion.apps.organisations.models import Organisation


def planning_calendar(today: date) -> AdmissionYearData:
    """A calendar in which `today` is in the schools' planning phase."""

    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    return AdmissionYearData(
        seed="test",
        offerings_open=day(-30),
        application_opens=day(30),
        application_closes=day(60),
        change_opens=day(120),
        change_closes=day(150),
        preliminary_published=day(120),
        final_grade_deadline=day(180),
        final_published=day(190),
        answer_deadline=day(205),
        reserve_round_dates=(day(215), day(225)),
        study_start=day(235),
    )


def admission_year_in_planning(today: date, year: int | None = None) -> AdmissionYear:
    return admission_year_create(
        actor=SYSTEM, year=year or today.year + 1, data=planning_calendar(today)
    )


def ek_data(**changes: object) -> OfferingData:
    fields: dict[str, object] = {
        "programme_code": "EK",
        "name": "Ekonomiprogrammet – ekonomi",
        "kind": "national",
        "places": 64,
        "orientation": "Ekonomi",
        "minimum_size": 20,
    }
    return OfferingData(**(fields | changes))  # type: ignore[arg-type]


def offering_at(
    school_unit: Organisation, year: AdmissionYear, code: str, today: date, **changes: object
) -> Offering:
    return offering_create(
        actor=SYSTEM,
        admission_year=year,
        school_unit=school_unit,
        code=code,
        data=ek_data(**changes),
        today=today,
    )
