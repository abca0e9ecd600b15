"""assessments_for: the admission run's bulk computation, equal to one-by-one, in few queries."""

from datetime import date
from decimal import Decimal

import pytest

from gymnasieregion.apps.applicants.mappers import grade_to_record, person_facts
from gymnasieregion.apps.applicants.models import Grade
from gymnasieregion.apps.applicants.selectors import assessments_for
from gymnasieregion.apps.audit.models import AuditEvent
from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.assessment import assess_applicant
from gymnasieregion.core.grades.rule_set import RULES_2026
from tests.apps.applicants.factories import EX_02, PersonFactory, grades_create

pytestmark = pytest.mark.django_db
START = date(2026, 8, 15)
GRADES = "ABCDEF–"


@pytest.fixture
def persons(reference_data):
    people = PersonFactory.create_batch(120)
    for n, person in enumerate(people):
        grades = {subject: GRADES[(n + i) % len(GRADES)] for i, subject in enumerate(EX_02)}
        grades_create(person, grades)
        if n % 3 == 0:
            grades_create(person, {"MA": "C", "SV": "B"}, term="HT9")
    return people


def test_the_bulk_result_equals_assessing_each_person_alone(persons):
    bulk = assessments_for(
        person_ids=[p.pk for p in persons], rules=RULES_2026, round_=Round.FINAL, start_date=START
    )
    for person in persons:
        alone = assess_applicant(
            [grade_to_record(g) for g in Grade.objects.filter(person=person)],
            rules=RULES_2026,
            facts=person_facts(person),
            round_=Round.FINAL,
            start_date=START,
        )
        assert bulk[person.pk] == alone


def test_the_number_of_queries_does_not_grow_with_the_persons(
    persons, django_assert_num_queries, monkeypatch
):
    ids = [p.pk for p in persons]
    with django_assert_num_queries(2):
        assessments_for(person_ids=ids, rules=RULES_2026, round_=Round.FINAL, start_date=START)
    monkeypatch.setattr("gymnasieregion.apps.applicants.selectors.ASSESSMENT_CHUNK", 50)
    with django_assert_num_queries(6):  # three chunks of at most 50
        assessments_for(person_ids=ids, rules=RULES_2026, round_=Round.FINAL, start_date=START)


def test_no_audit_event_is_written_and_unknown_ids_are_left_out(persons):
    events = AuditEvent.objects.count()
    result = assessments_for(
        person_ids=[persons[0].pk, 10**9], rules=RULES_2026, round_=Round.FINAL, start_date=START
    )
    assert list(result) == [persons[0].pk]
    assert AuditEvent.objects.count() == events


def test_the_english_waiver_counts_in_the_final_round_only(reference_data):
    person = PersonFactory()
    grades_create(person, {**EX_02, "EN": "F"})
    for round_, eligible in [(Round.PRELIMINARY, False), (Round.FINAL, True)]:
        result = assessments_for(
            person_ids=[person.pk],
            rules=RULES_2026,
            round_=round_,
            start_date=START,
            english_waiver_ids=frozenset({person.pk}),
        )[person.pk]
        assert result.for_programme("NA").eligible is eligible


def test_ex_02_from_the_domain_document(reference_data):
    person = PersonFactory()
    grades_create(person, EX_02)
    result = assessments_for(
        person_ids=[person.pk], rules=RULES_2026, round_=Round.FINAL, start_date=START
    )[person.pk]
    assert result.merit is not None and result.merit.total == Decimal("260.0")
    assert all(e.eligible for e in result.eligibility if e.programme in {"EK", "ES", "NA", "BF"})
