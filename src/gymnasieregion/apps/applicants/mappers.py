"""ORM rows ⇄ the pure types of `core.identity` and `core.grades`."""

from datetime import date
from functools import lru_cache

from gymnasieregion.apps.applicants.models import Grade, Person
from gymnasieregion.core.grades.eligibility import ApplicantFacts
from gymnasieregion.core.grades.grade import Grade as CoreGrade
from gymnasieregion.core.grades.subject_grade import SubjectGrade
from gymnasieregion.core.grades.subjects import Slot
from gymnasieregion.core.grades.terms import GradeRecord, Term
from gymnasieregion.core.identity.personal_identity import IdentityKind, IdentityNumber


@lru_cache(maxsize=4096)
def grade_record(term: str, subject: str, slot: str, language_code: str, grade: str) -> GradeRecord:
    """The core record of one stored grade; equal rows share one (immutable) object."""
    return GradeRecord(
        Term(term),
        SubjectGrade(
            subject,
            CoreGrade(grade),
            Slot(slot) if slot else None,
            language_code or None,
        ),
    )


def grade_to_record(grade: Grade) -> GradeRecord:
    return grade_record(grade.term, grade.subject, grade.slot, grade.language_code, grade.grade)


def birth_date_of(identity_number: str, identity_kind: str) -> date:
    """The birth date the number states (the day less 60 for a samordningsnummer)."""
    return IdentityNumber(identity_number, IdentityKind(identity_kind)).birth_date


def applicant_facts(
    *,
    identity_number: str,
    identity_kind: str,
    birth_date: date | None,
    nordic: bool,
    foreign_grades: bool,
    newly_arrived: bool,
    english_waiver: bool,
) -> ApplicantFacts:
    """What eligibility needs beyond the grades, from the columns of a person.

    The register keeps no fact on completed upper-secondary education, dance education
    or residence permits yet, so those take the core defaults.
    """
    return ApplicantFacts(
        birth_date=birth_date or birth_date_of(identity_number, identity_kind),
        nordic=nordic,
        foreign_grades=foreign_grades,
        newly_arrived=newly_arrived,
        english_waiver=english_waiver,
    )


def person_facts(person: Person, *, english_waiver: bool = False) -> ApplicantFacts:
    return applicant_facts(
        identity_number=person.identity_number,
        identity_kind=person.identity_kind,
        birth_date=person.birth_date,
        nordic=person.nordic,
        foreign_grades=person.foreign_grades,
        newly_arrived=person.newly_arrived,
        english_waiver=english_waiver,
    )
