"""Creating, changing and cancelling offerings: who may, and when; publishing cut-offs."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.accounts.models import Membership, Role, User
from gymnasieregion.apps.audit.models import AuditEvent
from gymnasieregion.apps.catalogue.calendar import PhaseClosed
from gymnasieregion.apps.catalogue.models import Offering
from gymnasieregion.apps.catalogue.selectors import access_offering, offering_list_for_actor
from gymnasieregion.apps.catalogue.services import (
    offering_cancel,
    offering_create,
    offering_cutoffs_publish,
    offering_update,
)
from gymnasieregion.apps.organisations.models import OrganisationKind
from tests.apps.catalogue.conftest import APPLICATION_DAY, PLANNING_DAY
from tests.apps.catalogue.factories import ek_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["school_staff", "principal"])
def test_school_staff_change_their_own_offering_in_the_planning_phase(
    role, make_user, own_offering
):
    offering_update(
        actor=make_user(role), offering=own_offering, data=ek_data(places=96), today=PLANNING_DAY
    )
    own_offering.refresh_from_db()
    assert own_offering.places == 96
    event = AuditEvent.objects.filter(action="catalogue.offering.update").get()
    assert event.payload["changed"] == {"places": 96}


@pytest.mark.parametrize("role", ["school_staff", "principal"])
def test_school_staff_cannot_see_or_change_another_schools_offering(
    role, make_user, other_offering
):
    user = make_user(role)
    with pytest.raises(Http404):
        offering_update(actor=user, offering=other_offering, data=ek_data(), today=PLANNING_DAY)
    with pytest.raises(Http404):
        access_offering(actor=user, pk=other_offering.pk)
    assert other_offering not in offering_list_for_actor(actor=user)


@pytest.mark.parametrize("role", ["applicant", "study_counsellor", "municipal_admin", "auditor"])
def test_other_roles_cannot_change_any_offering(role, make_user, own_offering):
    with pytest.raises(Http404):
        offering_update(
            actor=make_user(role), offering=own_offering, data=ek_data(), today=PLANNING_DAY
        )
    with pytest.raises(Http404):
        offering_list_for_actor(actor=make_user(role))


def test_staff_of_the_organiser_change_the_offerings_of_its_school_units(
    organisations, own_offering
):
    # No role is given at an organiser yet (roles.json); the rule is ready for one.
    user = User.objects.create_user(username="huvudman", password="x-Lösen-123")
    Membership.objects.create(
        user=user,
        role=Role.objects.get(code="school_staff"),
        organisation=organisations["school_unit"].parent,
    )
    offering_update(actor=user, offering=own_offering, data=ek_data(places=32), today=PLANNING_DAY)
    assert list(offering_list_for_actor(actor=user)) == [own_offering]


def test_school_staff_cannot_change_an_offering_outside_the_planning_phase(make_user, own_offering):
    user = make_user("school_staff")
    for day in (date(2026, 9, 30), APPLICATION_DAY):
        with pytest.raises(PhaseClosed) as refused:
            offering_update(actor=user, offering=own_offering, data=ek_data(), today=day)
        assert str(refused.value) == (
            "Skolorna kan lägga upp och ändra utbildningar 1 oktober 2026–13 januari 2027."
        )


def test_the_office_changes_any_offering_until_applications_open(make_user, other_offering):
    office = make_user("admission_officer")
    offering_update(
        actor=office, offering=other_offering, data=ek_data(places=30), today=date(2026, 9, 1)
    )
    with pytest.raises(PhaseClosed, match="till och med 13 januari 2027"):
        offering_update(
            actor=office, offering=other_offering, data=ek_data(), today=APPLICATION_DAY
        )


def test_school_staff_add_offerings_to_their_own_school_only(
    make_user, organisations, year_2027, other_school
):
    user = make_user("school_staff")
    created = offering_create(
        actor=user,
        admission_year=year_2027,
        school_unit=organisations["school_unit"],
        code="SA-1",
        data=ek_data(programme_code="SA", orientation="Beteendevetenskap", name="SA"),
        today=PLANNING_DAY,
    )
    assert created.school_unit == organisations["school_unit"]
    with pytest.raises(Http404):
        offering_create(
            actor=user,
            admission_year=year_2027,
            school_unit=other_school,
            code="SA-2",
            data=ek_data(),
            today=PLANNING_DAY,
        )


def test_an_invalid_offering_is_refused_with_a_message_per_field(year_2027, organisations):
    with pytest.raises(ValidationError) as refused:
        offering_create(
            actor=SYSTEM,
            admission_year=year_2027,
            school_unit=organisations["school_unit"],
            code="X-1",
            data=ek_data(programme_code="XX", places=-1, skill_test=True),
            today=PLANNING_DAY,
        )
    errors = refused.value.message_dict
    assert set(errors) == {
        "programme_code",
        "places",
        "skill_test_multiplier",
        "skill_test_max_points",
    }
    assert not Offering.objects.exists()


def test_a_code_is_used_once_per_year(year_2027, organisations, own_offering):
    with pytest.raises(ValidationError, match="Koden EK-OWN-1 används redan 2027"):
        offering_create(
            actor=SYSTEM,
            admission_year=year_2027,
            school_unit=organisations["school_unit"],
            code="EK-OWN-1",
            data=ek_data(),
            today=PLANNING_DAY,
        )


def test_an_offering_needs_a_school_unit(year_2027, organisations):
    sending = organisations["sending_school"]
    assert sending.kind == OrganisationKind.SENDING_SCHOOL
    with pytest.raises(Http404):
        offering_create(
            actor=SYSTEM,
            admission_year=year_2027,
            school_unit=sending,
            code="X-1",
            data=ek_data(),
            today=PLANNING_DAY,
        )


def test_kind_and_programme_must_fit_and_ranked_kinds_use_the_schools_ranking(
    year_2027, organisations
):
    def create(**changes):
        return offering_create(
            actor=SYSTEM,
            admission_year=year_2027,
            school_unit=organisations["school_unit"],
            code=f"X-{len(changes)}-{changes.get('programme_code', '')}",
            data=ek_data(**changes),
            today=PLANNING_DAY,
        )

    with pytest.raises(ValidationError, match="passar inte typen"):
        create(programme_code="IMV", kind="national")
    with pytest.raises(ValidationError, match="skolans rangordning"):
        create(programme_code="IMA", kind="introduction_individual")
    assert create(programme_code="IMA", kind="introduction_individual", selection="ranking")
    assert create(programme_code="IB", kind="ib", name="IB")
    assert create(programme_code="ANP", kind="adapted", selection="ranking", minimum_size=0)
    assert create(programme_code="NA", kind="sports", profile="NIU Fotboll", minimum_size=0)


def test_the_school_cancels_its_offering_until_the_preliminary_admission(make_user, own_offering):
    user = make_user("principal")
    with pytest.raises(PhaseClosed, match="1 oktober 2026–14 april 2027"):
        offering_cancel(actor=user, offering=own_offering, today=date(2027, 4, 15))
    offering_cancel(actor=user, offering=own_offering, today=date(2027, 4, 14))
    own_offering.refresh_from_db()
    assert own_offering.cancelled and own_offering.cancelled_at is not None
    assert own_offering.places == 64  # kept: what was planned stays visible
    with pytest.raises(ValidationError, match="redan nedlagd"):
        offering_cancel(actor=make_user("admission_officer"), offering=own_offering, today=PLANNING_DAY)  # fmt: skip


def test_the_office_cancels_any_offering_until_studies_start(make_user, other_offering):
    office = make_user("admission_officer")
    with pytest.raises(PhaseClosed):
        offering_cancel(actor=office, offering=other_offering, today=date(2027, 8, 17))
    offering_cancel(actor=office, offering=other_offering, today=date(2027, 8, 16))
    assert Offering.objects.get(pk=other_offering.pk).cancelled


def test_another_school_cannot_cancel(make_user, other_offering):
    with pytest.raises(Http404):
        offering_cancel(actor=make_user("school_staff"), offering=other_offering, today=PLANNING_DAY)  # fmt: skip


def test_a_cancelled_offering_cannot_be_changed(make_user, own_offering):
    offering_cancel(actor=SYSTEM, offering=own_offering, today=PLANNING_DAY)
    with pytest.raises(ValidationError, match="nedlagd"):
        offering_update(
            actor=make_user("school_staff"), offering=own_offering, data=ek_data(), today=PLANNING_DAY
        )  # fmt: skip


def test_publishing_cut_offs_records_the_value_the_round_and_all_admitted(
    year_2027, own_offering, other_offering
):
    written = offering_cutoffs_publish(
        actor=SYSTEM,
        admission_year=year_2027,
        cutoffs={own_offering.pk: (Decimal("262.50"), False), other_offering.pk: (None, True)},
        round_name="preliminary",
    )
    assert written == 2
    own_offering.refresh_from_db()
    other_offering.refresh_from_db()
    assert (own_offering.published_cutoff, own_offering.published_cutoff_round) == (
        Decimal("262.50"),
        "preliminary",
    )
    assert other_offering.published_all_admitted and other_offering.published_cutoff is None
    assert own_offering.published_round_label == "Preliminär antagning"
    offering_cutoffs_publish(
        actor=SYSTEM,
        admission_year=year_2027,
        cutoffs={own_offering.pk: (Decimal("270.00"), False)},
        round_name="final",
    )
    other_offering.refresh_from_db()
    assert other_offering.published_cutoff_round == "preliminary"  # not in the round: kept


def test_cut_offs_of_another_years_offering_are_refused(year_2027, own_offering):
    with pytest.raises(ValueError, match="hör inte till antagningsåret 2027"):
        offering_cutoffs_publish(
            actor=SYSTEM,
            admission_year=year_2027,
            cutoffs={own_offering.pk + 1000: (Decimal(200), False)},
            round_name="final",
        )
