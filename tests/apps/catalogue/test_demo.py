"""The demo region's catalogue has the shape of the domain document §9."""

import random
import time
from collections import Counter

import pytest
from django.db import transaction
from stdnum.se import orgnr

from gymnasieregion.apps.catalogue.demo import demo_admission_year, demo_catalogue_build
from gymnasieregion.apps.catalogue.models import OfferingKind
from gymnasieregion.apps.organisations.models import OrganisationKind, OrganiserType

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(reference_data):
    year = demo_admission_year(year=2027)
    started = time.perf_counter()
    offerings = demo_catalogue_build(year=year, rng=random.Random(7), applicants=31_000)
    return year, offerings, time.perf_counter() - started


def test_the_demo_catalogue_has_about_190_school_units_and_2000_offerings(built):
    _year, offerings, seconds = built
    units = {o.school_unit for o in offerings}
    municipal = [u for u in units if u.parent.organiser_type == OrganiserType.MUNICIPAL]
    independent = [u for u in units if u.parent.organiser_type == OrganiserType.INDEPENDENT]
    assert 1_900 <= len(offerings) <= 2_000
    assert len(municipal) == 60
    assert len(independent) == 130
    assert len({u.parent for u in independent}) == 40
    assert all(u.kind == OrganisationKind.SCHOOL_UNIT for u in units)
    assert all(len(u.school_unit_code) == 8 and u.school_unit_code.isdigit() for u in units)
    assert seconds < 10


def test_places_are_1_1_times_the_applicants(built):
    _year, offerings, _ = built
    assert sum(o.places for o in offerings) == round(1.1 * 31_000)


def test_every_organiser_has_a_valid_organisation_number(built):
    _year, offerings, _ = built
    organisers = {o.school_unit.parent for o in offerings}
    assert all(orgnr.is_valid(o.organisation_number) for o in organisers)


def test_the_big_preparatory_programmes_hold_most_places_and_vocational_offerings_are_small(built):
    _year, offerings, _ = built
    places = Counter()
    for o in offerings:
        places[o.programme_code] += o.places
    big = sum(places[p] for p in ("EK", "SA", "NA", "TE"))
    assert big > 0.5 * sum(places.values())
    vocational = [o.places for o in offerings if o.programme_code in ("BA", "FR", "IN", "VF")]
    assert sorted(vocational)[len(vocational) // 2] < 24


def test_there_are_ranked_introduction_offerings_skill_tests_and_minimum_sizes(built):
    _year, offerings, _ = built
    kinds = Counter(o.kind for o in offerings)
    assert kinds[OfferingKind.INTRODUCTION_INDIVIDUAL] > 0
    assert kinds[OfferingKind.SPORTS] > 0
    assert all(
        o.selection == "ranking"
        for o in offerings
        if o.kind in (OfferingKind.INTRODUCTION_INDIVIDUAL, OfferingKind.ADAPTED)
    )
    tests = [o for o in offerings if o.skill_test]
    assert tests and all(o.programme_code == "ES" for o in tests)
    assert any(o.minimum_size > 0 for o in offerings)
    assert all(o.minimum_size <= o.places for o in offerings)


def test_municipal_schools_follow_population_and_stockholm_has_the_most(built):
    _year, offerings, _ = built
    municipal = {
        o.school_unit for o in offerings if o.school_unit.parent.organiser_type == "municipal"
    }
    per_municipality = Counter(u.municipality.code for u in municipal)
    assert per_municipality.most_common(1)[0][0] == "0180"
    assert 20 <= per_municipality["0180"] <= 27


def test_the_same_seed_gives_the_same_catalogue(reference_data):
    def shape():
        year = demo_admission_year(year=2027)
        offerings = demo_catalogue_build(year=year, rng=random.Random(1))
        return [(o.code, o.school_unit.name, o.places, o.kind) for o in offerings]

    with transaction.atomic():
        first = shape()
        transaction.set_rollback(True)
    assert shape() == first


@pytest.mark.parametrize("applicants", [100, 3_000])
def test_a_smaller_region_for_fewer_applicants_keeps_the_places_rule(reference_data, applicants):
    year = demo_admission_year(year=2027)
    offerings = demo_catalogue_build(year=year, rng=random.Random(3), applicants=applicants)
    assert sum(o.places for o in offerings) == round(1.1 * applicants)
    assert all(o.places >= 1 for o in offerings)
    units = {o.school_unit for o in offerings}
    assert 4 <= len(units) < 190
    assert {u.parent.organiser_type for u in units} == {"municipal", "independent"}
