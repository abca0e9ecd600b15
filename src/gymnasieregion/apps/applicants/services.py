"""Writing persons, grades and grade corrections. Each service is one transaction with its
audit event; a refusal is a `ValueError` (or `RowErrors`) with a Swedish message, and an
actor outside their reach gets the same 404 as for something that does not exist.

Dates are arguments: `today` (defaults to the local date) and the final-grade `deadline`
of the admission year, which the caller resolves (`admission_dates.admission_dates`,
from the catalogue's admission year).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from gymnasieregion.apps.accounts.access import Actor, access_permission, actor_scope
from gymnasieregion.apps.accounts.models import User
from gymnasieregion.apps.applicants.grade_files import header_as_csv
from gymnasieregion.apps.applicants.models import (
    CorrectionStatus,
    Grade,
    GradeCorrection,
    GradeImport,
    IdentityKindChoices,
    Person,
)
from gymnasieregion.apps.applicants.selectors import sending_schools_for
from gymnasieregion.apps.audit.services import audit_event_record
from gymnasieregion.apps.organisations.models import Municipality, Organisation
from gymnasieregion.core.grades.grade import parse_grade
from gymnasieregion.core.grades.grade_file import (
    GRADE,
    GradeRow,
    parse_grade_csv,
    parse_grade_rows,
)
from gymnasieregion.core.grades.subject_grade import SubjectGrade
from gymnasieregion.core.grades.subjects import Slot
from gymnasieregion.core.grades.terms import Term
from gymnasieregion.core.identity.personal_identity import (
    InvalidIdentityNumber,
    parse_identity_number,
)
from gymnasieregion.core.row_errors import RowError, RowErrors

NAME_MISSING = "Ange förnamn och efternamn."
SCHOOL_MISSING = "Ange elevens avlämnande skola."
PROTECTED_BY_OFFICE = (
    "En person med skyddad identitet registreras av antagningskansliet, inte av skolan."
)
ALREADY_REGISTERED = "Det finns redan en person med identitetsnumret {number}."
NO_ROWS = "filen innehåller inga betygsrader."
AFTER_DEADLINE = (
    "slutbetyget kan inte {what} efter sista dag för slutbetyg ({deadline}); "
    "begär en rättelse som rektor godkänner."
)
BEFORE_DEADLINE = (
    "Före sista dag för slutbetyg ({deadline}) ändras slutbetyg genom betygsimporten, "
    "inte genom rättelse."
)
SAME_GRADE = "Eleven har redan betyget {grade} i {subject}; det finns inget att rätta."
PENDING_EXISTS = "Det finns redan en rättelse som väntar på beslut för {subject}."
REASON_MISSING = "Ange skälet till rättelsen."
NOT_PENDING = "Rättelsen är redan beslutad."
OWN_REQUEST = "Den som har begärt rättelsen kan inte själv besluta om den."
SLOTS = frozenset(slot.value for slot in Slot)


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _check_school(actor: Actor, permission: str, school: Organisation | None) -> None:
    """404 unless the actor holds `permission` for the sending school `school`."""
    access_permission(actor, permission)
    if (
        school is None
        or not sending_schools_for(actor=actor, permission=permission).filter(pk=school.pk).exists()
    ):
        raise Http404


@transaction.atomic
def person_register(
    *,
    actor: Actor,
    identity_number: str,
    given_name: str,
    family_name: str,
    home_municipality: Municipality,
    sending_school: Organisation | None = None,
    protected_identity: bool = False,
    email: str = "",
    phone: str = "",
    postal_address: str = "",
    foreign_grades: bool = False,
    nordic: bool = False,
    newly_arrived: bool = False,
    user: User | None = None,
    today: date | None = None,
) -> Person:
    """Register a youth, by a sending school's counsellor (for their own school) or the office.

    The identity number is validated and normalised by `core.identity`; an invalid or
    already registered number is a `ValueError` with a Swedish message. Only the
    admission office (`persons.view_all`) registers a person without a sending school.
    """
    access_permission(actor, "persons.register")
    office = "persons.view_all" in actor_scope(actor).permissions
    if sending_school is None and not office:
        raise ValueError(SCHOOL_MISSING)
    if sending_school is not None:
        _check_school(actor, "persons.register", sending_school)
    if protected_identity and not office:
        raise ValueError(PROTECTED_BY_OFFICE)
    try:
        number = parse_identity_number(identity_number, reference_date=_today(today))
    except InvalidIdentityNumber as error:
        raise ValueError(f"{error}.") from None
    if not given_name.strip() or not family_name.strip():
        raise ValueError(NAME_MISSING)
    if Person.objects.filter(identity_number=number.value).exists():
        raise ValueError(ALREADY_REGISTERED.format(number=number))
    person = Person.objects.create(
        identity_number=number.value,
        identity_kind=IdentityKindChoices(number.kind.value),
        birth_date=number.birth_date,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        protected_identity=protected_identity,
        home_municipality=home_municipality,
        sending_school=sending_school,
        user=user,
        email=email,
        phone=phone,
        postal_address=postal_address,
        foreign_grades=foreign_grades,
        nordic=nordic,
        newly_arrived=newly_arrived,
    )
    audit_event_record(
        actor=actor,
        action="person.register",
        subject=person,
        payload={
            "kind": number.kind.value,
            "home_municipality": home_municipality.code,
            "sending_school": sending_school.pk if sending_school else None,
            "protected_identity": protected_identity,
        },
    )
    return person


@dataclass(frozen=True)
class GradeImportResult:
    """What an import did; `grade_import` is None when the file changed nothing."""

    rows: int
    created: int
    changed: int
    unchanged: int
    grade_import: GradeImport | None


def _grade_key(person_id: int, term: str, subject: str, slot: str) -> tuple[int, str, str]:
    """What is unique within a person's term: the slot, or the subject without a slot."""
    return (person_id, term, slot or subject)


@transaction.atomic
def grade_import(
    *,
    actor: Actor,
    sending_school: Organisation,
    header: Sequence[str],
    rows: Sequence[Mapping[str, str]],
    file_name: str,
    file_sha256: str,
    deadline: date,
    today: date | None = None,
) -> GradeImportResult:
    """Import a sending school's grade file: all rows or nothing.

    `rows` are the rows after the header, blank ones included, so that `rows[i]` is row
    `i + 2` of the file. Every row is checked by `core.grades.grade_file` (subject, slot,
    language code, grade, term, identity number, the pupil registered at this school, the
    same subject twice); all errors are raised together as `RowErrors`.

    A row equal to the stored grade changes nothing, so importing a file again changes
    nothing (and records no import, only the audit event). After `deadline` a row that
    would add or change a final grade (SLUTBETYG) is an error: that goes through
    `grade_correction_request`. Grades not in the file are kept.
    """
    _check_school(actor, "grades.import", sending_school)
    day = _today(today)
    missing = parse_grade_csv(header_as_csv(header), reference_date=day).errors
    if missing:
        raise RowErrors(list(missing))
    pupils = dict(
        Person.objects.filter(sending_school=sending_school).values_list("identity_number", "pk")
    )
    parsed = parse_grade_rows(rows, reference_date=day, known_identities=pupils)
    if parsed.errors:
        raise RowErrors(list(parsed.errors))
    if not parsed.rows:
        raise RowErrors([RowError(2, "fil", NO_ROWS)])
    stored = {
        _grade_key(g.person_id, g.term, g.subject, g.slot): g
        for g in Grade.objects.filter(person_id__in={pupils[r.identity.value] for r in parsed.rows})
    }
    to_create: list[tuple[int, GradeRow]] = []
    to_change: list[tuple[Grade, GradeRow]] = []
    errors: list[RowError] = []
    for row in parsed.rows:
        person_id = pupils[row.identity.value]
        grade = row.record.grade
        slot = grade.slot.value if grade.slot else ""
        key = _grade_key(person_id, row.record.term.value, grade.subject, slot)
        existing = stored.get(key)
        if existing is not None and _same(existing, row):
            continue
        if row.record.term is Term.SLUTBETYG and day > deadline:
            what = "ändras" if existing is not None else "läggas till"
            errors.append(
                RowError(row.row, GRADE, AFTER_DEADLINE.format(what=what, deadline=deadline))
            )
        elif existing is None:
            to_create.append((person_id, row))
        else:
            to_change.append((existing, row))
    if errors:
        raise RowErrors(errors)
    unchanged = len(parsed.rows) - len(to_create) - len(to_change)
    record = None
    if to_create or to_change:
        record = GradeImport.objects.create(
            sending_school=sending_school,
            imported_by=actor if isinstance(actor, User) else None,
            file_name=file_name[:255],
            file_sha256=file_sha256,
            row_count=len(parsed.rows),
            created_count=len(to_create),
            changed_count=len(to_change),
            unchanged_count=unchanged,
        )
        Grade.objects.bulk_create(
            _new_grade(person_id, row, record) for person_id, row in to_create
        )
        for existing, row in to_change:
            _apply(existing, row.record.grade, record)
            existing.save()
    audit_event_record(
        actor=actor,
        action="grades.import",
        subject=record if record is not None else sending_school,
        payload={
            "sending_school": sending_school.pk,
            "file_name": file_name,
            "file_sha256": file_sha256,
            "rows": len(parsed.rows),
            "created": len(to_create),
            "changed": len(to_change),
            "unchanged": unchanged,
            "changed_final_grades": [
                {"person": g.person_id, "subject": g.subject, "slot": g.slot}
                for g, row in to_change
                if row.record.term is Term.SLUTBETYG
            ],
        },
    )
    return GradeImportResult(len(parsed.rows), len(to_create), len(to_change), unchanged, record)


def _same(existing: Grade, row: GradeRow) -> bool:
    grade = row.record.grade
    return (
        existing.subject == grade.subject
        and existing.language_code == (grade.language or "")
        and existing.grade == grade.grade.value
    )


def _new_grade(person_id: int, row: GradeRow, record: GradeImport | None) -> Grade:
    slot = row.record.grade.slot
    grade = Grade(person_id=person_id, term=row.record.term.value, slot=slot.value if slot else "")
    _apply(grade, row.record.grade, record)
    return grade


def _apply(target: Grade, grade: SubjectGrade, record: GradeImport | None) -> None:
    target.subject = grade.subject
    target.language_code = grade.language or ""
    target.grade = grade.grade.value
    target.grade_import = record


def _subject_grade(subject: str, slot: str, language_code: str, grade: str) -> SubjectGrade:
    """The grade as the core reads it; a `ValueError` in Swedish if it is not one."""
    slot_text = slot.strip().upper()
    if slot_text and slot_text not in SLOTS:
        raise ValueError(f"Ogiltig språkplats {slot_text!r}; ange M1, M2, ML, EX1 eller inget.")
    try:
        return SubjectGrade(
            subject.strip().upper(),
            parse_grade(grade),
            Slot(slot_text) if slot_text else None,
            language_code.strip().upper() or None,
        )
    except ValueError as error:
        message = str(error)
        raise ValueError(message[:1].upper() + message[1:] + ".") from None


@transaction.atomic
def grade_correction_request(
    *,
    actor: Actor,
    person: Person,
    subject: str,
    slot: str = "",
    language_code: str = "",
    new_grade: str,
    reason: str,
    deadline: date,
    today: date | None = None,
) -> GradeCorrection:
    """Ask to correct (or add) a final grade after the deadline; the principal decides.

    By the study counsellor of the pupil's sending school. Before `deadline` final grades
    are changed by importing them, so a request then is refused.
    """
    _check_school(actor, "grades.correction_request", person.sending_school)
    if _today(today) <= deadline:
        raise ValueError(BEFORE_DEADLINE.format(deadline=deadline))
    wanted = _subject_grade(subject, slot, language_code, new_grade)
    if not reason.strip():
        raise ValueError(REASON_MISSING)
    key_filter = (
        {"slot": wanted.slot.value} if wanted.slot else {"slot": "", "subject": wanted.subject}
    )
    current = Grade.objects.filter(person=person, term=Term.SLUTBETYG, **key_filter).first()
    if (
        current is not None
        and current.subject == wanted.subject
        and current.language_code == (wanted.language or "")
        and current.grade == wanted.grade.value
    ):
        raise ValueError(SAME_GRADE.format(grade=current.grade, subject=wanted.label))
    if GradeCorrection.objects.filter(
        person=person,
        term=Term.SLUTBETYG,
        status=CorrectionStatus.PENDING,
        **key_filter,
    ).exists():
        raise ValueError(PENDING_EXISTS.format(subject=wanted.label))
    assert person.sending_school is not None  # checked by _check_school
    correction = GradeCorrection.objects.create(
        person=person,
        sending_school=person.sending_school,
        subject=wanted.subject,
        slot=wanted.slot.value if wanted.slot else "",
        language_code=wanted.language or "",
        term=Term.SLUTBETYG.value,
        old_grade=current.grade if current is not None else "",
        new_grade=wanted.grade.value,
        reason=reason.strip(),
        requested_by=actor if isinstance(actor, User) else None,
    )
    audit_event_record(
        actor=actor,
        action="grades.correction.request",
        subject=correction,
        payload={
            "person": person.pk,
            "subject": correction.subject,
            "slot": correction.slot,
            "language_code": correction.language_code,
            "old_grade": correction.old_grade,
            "new_grade": correction.new_grade,
        },
    )
    return correction


@transaction.atomic
def grade_correction_decide(
    *,
    actor: Actor,
    correction: GradeCorrection,
    approve: bool,
    note: str = "",
    now: datetime | None = None,
) -> GradeCorrection:
    """The principal of the pupil's sending school approves or rejects a correction.

    An approval writes the new grade into the final grades (whatever stands there now;
    the payload records it). The requester cannot decide their own request.
    """
    _check_school(actor, "grades.correction_decide", correction.sending_school)
    correction = GradeCorrection.objects.select_for_update().get(pk=correction.pk)
    if correction.status != CorrectionStatus.PENDING:
        raise ValueError(NOT_PENDING)
    if isinstance(actor, User) and correction.requested_by_id == actor.pk:
        raise ValueError(OWN_REQUEST)
    before = ""
    if approve:
        key_filter = (
            {"slot": correction.slot}
            if correction.slot
            else {"slot": "", "subject": correction.subject}
        )
        grade = Grade.objects.filter(
            person_id=correction.person_id, term=correction.term, **key_filter
        ).first()
        if grade is None:
            grade = Grade(
                person_id=correction.person_id, term=correction.term, slot=correction.slot
            )
        else:
            before = grade.grade
        grade.subject = correction.subject
        grade.language_code = correction.language_code
        grade.grade = correction.new_grade
        grade.grade_import = None
        grade.save()
    correction.status = CorrectionStatus.APPROVED if approve else CorrectionStatus.REJECTED
    correction.decided_by = actor if isinstance(actor, User) else None
    correction.decided_at = now or timezone.now()
    correction.decision_note = note.strip()
    correction.save()
    audit_event_record(
        actor=actor,
        action="grades.correction.approve" if approve else "grades.correction.reject",
        subject=correction,
        payload={
            "person": correction.person_id,
            "subject": correction.subject,
            "slot": correction.slot,
            "new_grade": correction.new_grade,
            "grade_before": before if approve else None,
            "note": correction.decision_note,
        },
    )
    return correction
