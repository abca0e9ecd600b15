"""A query compiled once gives what the ORM gives, for any values, and refuses what it
cannot bind again."""

import pytest

from gymnasieregion.apps.organisations.models import Municipality, Organisation, OrganisationKind
from gymnasieregion.apps.organisations.services import organisation_create
from gymnasieregion.database.compiled_query import STAND_IN_IDS, CompiledQuery

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(reference_data) -> list[Organisation]:
    organiser = organisation_create(
        actor=None,
        kind=OrganisationKind.ORGANISER,
        name="Huvudman AB",
        organisation_number="556036-0793",
        organiser_type="independent",
    )
    return [
        organisation_create(
            actor=None,
            kind=OrganisationKind.SCHOOL_UNIT,
            name=f"Skola {n}",
            parent=organiser,
            school_unit_code=f"9000001{n}",
        )
        for n in range(3)
    ]


# The ids in the opposite order of the SQL's parameters, to show each lands in its place.
BY_PARENT_AND_ID = CompiledQuery(
    lambda unit_id, parent_id: Organisation.objects.filter(parent_id=parent_id, pk=unit_id),
    STAND_IN_IDS[:2],
)


def test_it_finds_what_the_orm_finds_for_every_value(units):
    parent = units[0].parent_id
    for unit in units:
        assert BY_PARENT_AND_ID.first(Organisation, unit.pk, parent) == unit
        assert BY_PARENT_AND_ID.first(Organisation, unit.pk, unit.pk) is None  # not its parent


def test_rows_give_plain_values(units):
    names = CompiledQuery(
        lambda parent_id: (
            Organisation.objects.filter(parent_id=parent_id)
            .order_by("name")
            .values_list("name", flat=True)
        ),
        STAND_IN_IDS[:1],
    )
    assert names.rows(units[0].parent_id) == [("Skola 0",), ("Skola 1",), ("Skola 2",)]


def test_a_query_with_a_fixed_value_is_refused_when_first_compiled(units):
    with_fixed = CompiledQuery(
        lambda unit_id: Organisation.objects.filter(pk=unit_id, name="Skola 0"),
        STAND_IN_IDS[:1],
    )
    with pytest.raises(ValueError, match="only the stand-ins"):
        with_fixed.first(Organisation, units[0].pk)


def test_equal_stand_ins_and_a_wrong_number_of_values_are_refused(units):
    with pytest.raises(ValueError, match="must differ"):
        CompiledQuery(lambda a, b: Organisation.objects.filter(pk=a, parent_id=b), (1, 1))
    with pytest.raises(TypeError, match="Expected 2 values, got 1"):
        BY_PARENT_AND_ID.first(Organisation, units[0].pk)


def test_rows_as_objects_have_their_values_converted(reference_data):
    by_code = CompiledQuery(lambda code: Municipality.objects.filter(code=code), ("stand-in-code",))
    found = by_code.first(Municipality, "0180")
    fresh = Municipality.objects.get(code="0180")
    assert found is not None and found._state.adding is False
    fields = Municipality._meta.concrete_fields
    values = [(getattr(found, f.attname), type(getattr(found, f.attname))) for f in fields]
    assert values == [(getattr(fresh, f.attname), type(getattr(fresh, f.attname))) for f in fields]
    assert found.is_member is True  # SQLite gives 1; converted as the ORM converts it


def test_objects_of_a_query_that_is_not_a_whole_row_are_refused(units):
    names = CompiledQuery(
        lambda pk: Organisation.objects.filter(pk=pk).only("name"), STAND_IN_IDS[:1]
    )
    with pytest.raises(ValueError, match="not a whole row of Organisation"):
        names.first(Organisation, units[0].pk)
