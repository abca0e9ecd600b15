"""Reading persons, their grades and grade corrections, scoped to the actor.

Row-level access (architecture guide §3.3), by permission:

- `persons.view_self` (applicant): the person linked to the actor's own sign-in;
- `persons.view_school` (study counsellor, sending-school principal): the pupils of the
  actor's sending schools;
- `persons.view_residents` (municipal admin): the residents of the actor's municipality;
- `persons.view_all` (admission office): everybody.

School-unit roles see no one here yet; "applicants to my offerings" belongs to the
admissions app and is added to `_visible` when it exists. Missing and forbidden are the
same 404. Opening a person's record (`access_person`, hence the pupil card and the API)
writes a `person.read` audit event. Lists are not logged: they show name, number, home
municipality and school, never grades or addresses.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from gymnasieregion.apps.accounts.access import Actor, actor_scope
from gymnasieregion.apps.accounts.models import User
from gymnasieregion.apps.applicants.admission_dates import AdmissionDates
from gymnasieregion.apps.applicants.mappers import (
    applicant_facts,
    grade_record,
    grade_to_record,
    person_facts,
)
from gymnasieregion.apps.applicants.models import (
    CorrectionStatus,
    Grade,
    GradeCorrection,
    GradeImport,
    Person,
    TermChoices,
)
from gymnasieregion.apps.audit.services import audit_event_record
from gymnasieregion.apps.organisations.models import Organisation, OrganisationKind
from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.assessment import Assessment, assess_applicant
from gymnasieregion.core.grades.eligibility import Eligibility
from gymnasieregion.core.grades.programmes import Programme
from gymnasieregion.core.grades.rule_set import RuleSet
from gymnasieregion.core.grades.subject_grade import SubjectGrade
from gymnasieregion.core.grades.terms import GradeRecord, Term

VIEW_ALL = "persons.view_all"
ROUND_LABELS = {
    Round.PRELIMINARY: "Preliminär antagning",
    Round.FINAL: "Slutantagning",
    Round.RESERVE: "Reservantagning",
}
ASSESSMENT_CHUNK = 2000  # persons per pair of queries in `assessments_for`


def _visible(actor: Actor) -> Q | None:
    """The persons the actor may see, as a filter; None for everybody."""
    scope = actor_scope(actor)
    permissions = scope.permissions
    if VIEW_ALL in permissions:
        return None
    reach = Q(pk__in=[])
    if "persons.view_school" in permissions:
        reach |= Q(sending_school_id__in=scope.organisation_ids)
    if "persons.view_residents" in permissions:
        reach |= Q(home_municipality_id__in=scope.municipality_ids)
    if "persons.view_self" in permissions and isinstance(actor, User):
        reach |= Q(user_id=actor.pk)
    return reach


def person_list(
    *, actor: Actor, search: str = "", sending_school_id: int | None = None
) -> QuerySet[Person]:
    """The persons the actor may see, optionally searched by name or identity number.

    Each word of `search` must match: digits (a separator allowed) match the identity
    number, other words the given or family name.
    """
    persons = Person.objects.select_related("home_municipality", "sending_school")
    reach = _visible(actor)
    if reach is not None:
        persons = persons.filter(reach)
    for word in search.split():
        digits = word.replace("-", "").replace("+", "")
        if digits.isdigit():
            persons = persons.filter(identity_number__contains=digits)
        else:
            persons = persons.filter(Q(given_name__icontains=word) | Q(family_name__icontains=word))
    if sending_school_id is not None:
        persons = persons.filter(sending_school_id=sending_school_id)
    return persons


def access_person(*, actor: Actor, pk: int, via: str = "web") -> Person:
    """The person if the actor may see them, and a `person.read` audit event; else 404."""
    try:
        person = person_list(actor=actor).get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None
    with transaction.atomic():
        audit_event_record(actor=actor, action="person.read", subject=person, payload={"via": via})
    return person


def own_person_id(*, actor: Actor) -> int | None:
    """The id of the person linked to the actor's sign-in, if any."""
    if not isinstance(actor, User):
        return None
    return Person.objects.filter(user=actor).values_list("pk", flat=True).first()


def sending_schools_for(*, actor: Actor, permission: str) -> QuerySet[Organisation]:
    """The sending schools where the actor may use `permission`: their own, or all for the office."""
    scope = actor_scope(actor)
    schools = Organisation.objects.filter(kind=OrganisationKind.SENDING_SCHOOL).order_by("name")
    if permission not in scope.permissions:
        return schools.none()
    if VIEW_ALL in scope.permissions:
        return schools
    return schools.filter(pk__in=scope.organisation_ids)


def grade_import_list(*, actor: Actor) -> QuerySet[GradeImport]:
    """Accepted grade files of the schools the actor imports for, newest first."""
    schools = sending_schools_for(actor=actor, permission="grades.import")
    return GradeImport.objects.filter(sending_school__in=schools).select_related(
        "sending_school", "imported_by"
    )


@dataclass(frozen=True)
class TermGrades:
    """The grades registered for one term, as the pupil card lists them."""

    term: str
    label: str
    grades: tuple[SubjectGrade, ...]


@dataclass(frozen=True)
class ProgrammeEligibility:
    programme: Programme
    result: Eligibility


@dataclass(frozen=True)
class PupilCard:
    """Everything the pupil card shows: identity, grades per term, merit and eligibility.

    `assessment.merit` is None for foreign grades (no merit value; fri kvot). The English
    waiver is decided on an application, not here, so the card never assumes it.
    """

    person: Person
    terms: tuple[TermGrades, ...]
    round: Round
    round_label: str
    rounds: tuple[tuple[Round, str], ...]
    assessment: Assessment
    programmes: tuple[ProgrammeEligibility, ...]
    corrections: tuple[GradeCorrection, ...]
    dates: AdmissionDates

    @property
    def show_address(self) -> bool:
        """Never for a person with protected identity (skyddad identitet)."""
        return not self.person.protected_identity


def round_for(terms: Iterable[str]) -> Round:
    """The latest round the registered grades are for: supplements, final grades, or autumn."""
    present = set(terms)
    if Term.KOMPLETTERING in present:
        return Round.RESERVE
    if Term.SLUTBETYG in present:
        return Round.FINAL
    return Round.PRELIMINARY


def pupil_card_get(
    *, actor: Actor, pk: int, dates: AdmissionDates, round_: Round | None = None, via: str = "web"
) -> PupilCard:
    """The pupil card of person `pk` (a logged read); `round_` defaults to `round_for`."""
    person = access_person(actor=actor, pk=pk, via=via)
    grades = list(Grade.objects.filter(person=person).order_by("term", "slot", "subject"))
    records = [grade_to_record(g) for g in grades]
    chosen = round_ or round_for(g.term for g in grades)
    assessment = assess_applicant(
        records,
        rules=dates.rules,
        facts=person_facts(person),
        round_=chosen,
        start_date=dates.study_start,
    )
    labels = dict(TermChoices.choices)
    terms = tuple(
        TermGrades(
            term=term.value,
            label=labels[term.value],
            grades=tuple(sorted((r.grade for r in records if r.term is term), key=_card_order)),
        )
        for term in Term
        if any(r.term is term for r in records)
    )
    return PupilCard(
        person=person,
        terms=terms,
        round=chosen,
        round_label=ROUND_LABELS[chosen],
        rounds=tuple(ROUND_LABELS.items()),
        assessment=assessment,
        programmes=tuple(
            ProgrammeEligibility(dates.rules.programme(e.programme), e)
            for e in assessment.eligibility
        ),
        corrections=tuple(
            GradeCorrection.objects.filter(person=person).select_related(
                "requested_by", "decided_by"
            )
        ),
        dates=dates,
    )


def _card_order(grade: SubjectGrade) -> tuple[bool, str]:
    """Subjects without slot first, by name; then the language slots."""
    return (grade.slot is not None, grade.slot or grade.label)


def grade_correction_list(*, actor: Actor, status: str | None = None) -> QuerySet[GradeCorrection]:
    """Corrections of the actor's sending schools (all of them for the admission office)."""
    scope = actor_scope(actor)
    corrections = GradeCorrection.objects.select_related(
        "person", "sending_school", "requested_by", "decided_by"
    )
    if VIEW_ALL not in scope.permissions:
        allowed = {"persons.view_school", "grades.correction_request", "grades.correction_decide"}
        if not allowed & scope.permissions:
            return corrections.none()
        corrections = corrections.filter(sending_school_id__in=scope.organisation_ids)
    if status:
        corrections = corrections.filter(status=status)
    return corrections


def access_grade_correction(*, actor: Actor, pk: int, via: str = "web") -> GradeCorrection:
    """The correction if the actor may see it, logged as a read of the person's record."""
    try:
        correction = grade_correction_list(actor=actor).get(pk=pk)
    except GradeCorrection.DoesNotExist:
        raise Http404 from None
    with transaction.atomic():
        audit_event_record(
            actor=actor,
            action="person.read",
            subject=correction.person,
            payload={"via": via, "grade_correction": correction.pk},
        )
    return correction


def pending_correction_count(*, actor: Actor) -> int:
    return grade_correction_list(actor=actor, status=CorrectionStatus.PENDING).count()


# The terms whose grades a round may use (`core.grades.terms.grades_for_round`); the
# others are not read at all, which halves the rows of a final round.
TERMS_OF_ROUND = {
    Round.PRELIMINARY: (Term.HT9.value, Term.SLUTBETYG.value),
    Round.FINAL: (Term.SLUTBETYG.value,),
    Round.RESERVE: (Term.SLUTBETYG.value, Term.KOMPLETTERING.value),
}


def assessments_for(
    *,
    person_ids: Iterable[int],
    rules: RuleSet,
    round_: Round,
    start_date: date,
    english_waiver_ids: frozenset[int] = frozenset(),
) -> dict[int, Assessment]:
    """Merit value and eligibility of many persons at once, for an admission run.

    A system computation, not a read of a person's record by someone: it takes no actor
    and writes no audit event (the admission run that calls it records its own event, and
    its inputs, per domain §10 R5). Callers must have checked the actor's permission for
    the run; never hand it to a view.

    Queries: two per 2,000 persons (grades, then persons), as plain tuples; equal grade
    rows share one core record. Ids without a person are left out of the result.
    `english_waiver_ids` are the persons granted the English waiver (SL 16 kap 32 §).
    """
    ids = sorted(set(person_ids))
    assessments: dict[int, Assessment] = {}
    terms = TERMS_OF_ROUND[round_]
    for start in range(0, len(ids), ASSESSMENT_CHUNK):
        chunk = ids[start : start + ASSESSMENT_CHUNK]
        records: dict[int, list[GradeRecord]] = {pk: [] for pk in chunk}
        grade_rows = (
            Grade.objects.filter(person_id__in=chunk, term__in=terms)
            .order_by()
            .values_list("person_id", "term", "subject", "slot", "language_code", "grade")
        )
        for person_id, term, subject, slot, language_code, grade in grade_rows:
            records[person_id].append(grade_record(term, subject, slot, language_code, grade))
        person_rows = (
            Person.objects.filter(pk__in=chunk)
            .order_by()
            .values_list(
                "pk",
                "identity_number",
                "identity_kind",
                "birth_date",
                "nordic",
                "foreign_grades",
                "newly_arrived",
            )
        )
        for pk, number, kind, born, nordic, foreign, newly_arrived in person_rows:
            facts = applicant_facts(
                identity_number=number,
                identity_kind=kind,
                birth_date=born,
                nordic=nordic,
                foreign_grades=foreign,
                newly_arrived=newly_arrived,
                english_waiver=pk in english_waiver_ids,
            )
            assessments[pk] = assess_applicant(
                records[pk], rules=rules, facts=facts, round_=round_, start_date=start_date
            )
    return assessments


def person_list_read_record(*, actor: Actor, shown: int, page: int, searched: bool) -> None:
    """One audit event for a page of the person list (ADR 0102): how many, not who.

    A search is logged as searched, never with its words (they may be identity numbers).
    """
    with transaction.atomic():
        audit_event_record(
            actor=actor,
            action="persons.list.read",
            subject=("applicants.person", "list"),
            payload={"count": shown, "page": page, "search": searched},
        )
