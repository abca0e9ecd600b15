"""Saving an application: every kind of bad input is refused in Swedish and saves nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from gymnasieregion.apps.admissions.models import ApplicationVersion, ChoiceLine
from gymnasieregion.apps.admissions.services import application_save
from gymnasieregion.apps.catalogue.models import Offering
from tests.apps.admissions.scenarios import SmallYear, at, small_year

pytestmark = pytest.mark.django_db


def second_offering(small: SmallYear, **fields: object) -> Offering:
    return Offering.objects.create(
        admission_year=small.year,
        code=f"SA-{len(fields)}-{Offering.objects.count()}",
        school_unit=small.offering.school_unit,
        programme_code="SA",
        name="Samhällsvetenskapsprogrammet, Demogymnasiet",
        kind="national",
        places=5,
        **fields,
    )


def saved_state(small: SmallYear) -> tuple[int, list[tuple[int, int]]]:
    lines = ChoiceLine.objects.filter(application__person=small.person).order_by("rank")
    return ApplicationVersion.objects.count(), [(x.offering_id, x.rank) for x in lines]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("unknown", "Val 2: utbildningen finns inte i antagningsåret 2027."),
        ("twice", "Val 2: Ekonomiprogrammet, Demogymnasiet är redan vald högre upp i listan."),
        ("cancelled", "Val 2: Samhällsvetenskapsprogrammet, Demogymnasiet startar inte"),
        ("cap", "Du kan välja högst 1 utbildningar."),
        ("before", "Ansökan är öppen 14 januari–15 februari 2027."),
        ("after", "Sena ansökningar och sena omval tas emot 16 februari–5 augusti 2027."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(reference_data, case: str, message: str) -> None:
    small = small_year()
    before = saved_state(small)
    offering_ids = [small.offering.pk]
    day = "2027-04-20"
    if case == "unknown":
        offering_ids.append(999_999)
    elif case == "twice":
        offering_ids.append(small.offering.pk)
    elif case == "cancelled":
        offering_ids.append(second_offering(small, cancelled=True, cancelled_at=timezone.now()).pk)
    elif case == "cap":
        small.year.choice_cap = 1
        small.year.save()
        offering_ids.append(second_offering(small).pk)
    elif case == "before":
        day = "2027-01-02"
    elif case == "after":
        day = "2027-08-06"
    with pytest.raises(ValidationError) as refused:
        application_save(
            actor=small.applicant,
            person=small.person,
            year=small.year,
            offering_ids=offering_ids,
            now=at(day),
        )
    assert any(message in text for text in refused.value.messages), refused.value.messages
    assert saved_state(small) == before


def test_nobody_else_may_change_an_application(reference_data, make_user) -> None:
    small = small_year()
    with pytest.raises(Http404):
        application_save(
            actor=make_user("study_counsellor"),
            person=small.person,
            year=small.year,
            offering_ids=[small.offering.pk],
            now=at("2027-04-20"),
        )


def test_reordering_in_the_change_period_keeps_every_line_in_time(reference_data) -> None:
    small = small_year()
    sa = second_offering(small)
    application_save(
        actor=small.applicant,
        person=small.person,
        year=small.year,
        offering_ids=[sa.pk, small.offering.pk],
        now=at("2027-04-20"),
    )
    lines = ChoiceLine.objects.filter(application__person=small.person).order_by("rank")
    assert [(x.offering_id, x.late) for x in lines] == [(sa.pk, False), (small.offering.pk, False)]
