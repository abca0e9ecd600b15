"""Writing admission data: applications, decisions, runs, publishing and answers.

Every service is one transaction with its audit event (architecture guide §3.1–3.2), and
refuses bad input with a Swedish message before anything is saved.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection, send_mass_mail
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from gymnasieregion.apps.accounts.access import Actor, access_permission, user_of
from gymnasieregion.apps.admissions import periods
from gymnasieregion.apps.admissions.letters import decision_letters_for_run, letter_email
from gymnasieregion.apps.admissions.mappers import (
    BuiltProblem,
    Progress,
    cooperation_area_codes,
    line_hand,
    no_progress,
    problem_build,
)
from gymnasieregion.apps.admissions.models import (
    AdmissionRun,
    Application,
    ApplicationVersion,
    ChoiceLine,
    CooperationArea,
    Decision,
    DecisionKind,
    LineResult,
    OfferAnswer,
    OfferingResult,
    RunFiles,
    RunKind,
    RunStatus,
    SchoolAdmissionDone,
)
from gymnasieregion.apps.admissions.permissions import (
    MANAGE,
    access_person_application,
    may_decide,
)
from gymnasieregion.apps.admissions.school_lists import may_mark_school_done
from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.audit.services import audit_event_record
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering
from gymnasieregion.apps.catalogue.services import offering_cancel, offering_cutoffs_publish
from gymnasieregion.apps.organisations.models import Municipality, Organisation
from gymnasieregion.core.admission.application_history import Version, current_late_flags
from gymnasieregion.core.admission.canonical_json import canonical_bytes, sha256_hex
from gymnasieregion.core.admission.engine import ENGINE_VERSION, solve
from gymnasieregion.core.admission.manifest import build_manifest
from gymnasieregion.core.admission.outcome import Result, Status
from gymnasieregion.core.admission.problem import Answer, Round
from gymnasieregion.core.admission.problem_file import dump_problem
from gymnasieregion.core.admission.reception import Statement
from gymnasieregion.core.admission.result_file import ResultFile, dump_result
from gymnasieregion.core.admission.verifier import verify
from gymnasieregion.database.bulk_insert import bulk_insert

RUN_ROUND = {
    RunKind.PRELIMINARY: Round.PRELIMINARY,
    RunKind.FINAL: Round.FINAL,
    RunKind.RESERVE: Round.RESERVE,
}


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


@transaction.atomic
def cooperation_area_set(
    *, actor: Actor | None, name: str, municipality_codes: Sequence[str]
) -> CooperationArea:
    """The municipalities of a cooperation agreement (Storsthlm: the 26 and Håbo)."""
    municipalities = list(Municipality.objects.filter(code__in=municipality_codes))
    unknown = sorted(set(municipality_codes) - {m.code for m in municipalities})
    if unknown:
        raise ValidationError(f"Okänd kommunkod: {', '.join(unknown)}.")
    area, _ = CooperationArea.objects.get_or_create(name=name)
    area.municipalities.set(municipalities)
    audit_event_record(
        actor=actor,
        action="admissions.cooperation_area.set",
        subject=area,
        payload={"municipalities": sorted(municipality_codes)},
    )
    return area


def _hand(line: ChoiceLine, person: Person, offering: Offering, area: frozenset[str]) -> str:
    return line_hand(
        person=person,
        offering=offering,
        area=area,
        statement=line.statement,
        special_reasons_accepted=line.special_reasons_accepted,
    ).value


def _check_choices(year: AdmissionYear, offering_ids: Sequence[int]) -> dict[int, Offering]:
    errors = []
    if len(offering_ids) > year.choice_cap:
        errors.append(f"Du kan välja högst {year.choice_cap} utbildningar.")
    offerings = {
        o.pk: o
        for o in Offering.objects.filter(admission_year=year, pk__in=offering_ids).select_related(
            "school_unit__municipality", "school_unit__parent"
        )
    }
    seen: set[int] = set()
    for rank, offering_id in enumerate(offering_ids, start=1):
        offering = offerings.get(offering_id)
        if offering is None:
            errors.append(f"Val {rank}: utbildningen finns inte i antagningsåret {year.year}.")
        elif offering_id in seen:
            errors.append(f"Val {rank}: {offering.name} är redan vald högre upp i listan.")
        seen.add(offering_id)
    if errors:
        raise ValidationError(errors)
    return offerings


@transaction.atomic
def application_save(
    *,
    actor: Actor,
    person: Person,
    year: AdmissionYear,
    offering_ids: Sequence[int],
    now: datetime | None = None,
) -> Application:
    """Save the applicant's ranked list (best first); the history keeps every save.

    Open from the application period until the last reserve round, except between the
    application period and the change period. A line added or moved up outside the
    periods is late (domain §5.2, EX-17). A newly chosen offering that does not start is
    refused; a chosen one that was cancelled later stays on the list as *startar ej*.
    """
    access_person_application(actor, person)
    moment = _now(now)
    today = timezone.localdate(moment)
    periods.require_application_open(year, today)
    offerings = _check_choices(year, offering_ids)
    application, created = Application.objects.select_for_update().get_or_create(
        admission_year=year, person=person, defaults={"created_at": moment, "updated_at": moment}
    )
    existing = {line.offering_id: line for line in application.lines.all()}
    newly_cancelled = [
        f"Val {rank}: {offerings[o].name} startar inte och kan inte väljas."
        for rank, o in enumerate(offering_ids, start=1)
        if offerings[o].cancelled and o not in existing
    ]
    if newly_cancelled:
        raise ValidationError(newly_cancelled)
    ApplicationVersion.objects.create(
        application=application,
        saved_at=moment,
        saved_by=user_of(actor),
        offering_ids=list(offering_ids),
        in_window=periods.in_time(year, today),
    )
    versions = [
        Version(v.saved_at, tuple(str(i) for i in v.offering_ids), v.in_window)
        for v in application.versions.all()
    ]
    late = current_late_flags(versions)
    # Removed lines are withdrawn, not deleted: published results point at them.
    application.lines.exclude(offering_id__in=offering_ids).update(withdrawn_at=moment)
    known = {
        line.offering_id: line for line in ChoiceLine.all_lines.filter(application=application)
    }
    area = cooperation_area_codes()
    kept = []
    for index, offering_id in enumerate(offering_ids):
        line = known.get(offering_id) or ChoiceLine(
            application=application, offering=offerings[offering_id]
        )
        line.withdrawn_at = None
        line.rank = 1000 + index  # clear of the current ranks: (application, rank) is unique
        line.late = late[index]
        line.hand = _hand(line, person, offerings[offering_id], area)
        line.save()
        kept.append(line)
    for index, line in enumerate(kept, start=1):
        line.rank = index
    ChoiceLine.objects.bulk_update(kept, ["rank"])
    application.updated_at = moment
    application.save(update_fields=["updated_at"])
    audit_event_record(
        actor=actor,
        action="admissions.application.saved" if not created else "admissions.application.created",
        subject=application,
        payload={"offerings": list(offering_ids), "late": list(late)},
    )
    return application


def _decision_value(line: ChoiceLine, kind: str, value: Any) -> dict[str, Any]:
    """Apply a decision to the line's current state; return what is recorded."""
    offering = line.offering
    if kind in (DecisionKind.FREE_QUOTA, DecisionKind.ENGLISH_WAIVER, DecisionKind.ENDORSEMENT):
        if not isinstance(value, bool):
            raise ValidationError("Beslutet ska vara ja eller nej.")
        if kind == DecisionKind.FREE_QUOTA and value and offering.selection != "merit":
            raise ValidationError(
                "Fri kvot gäller bara utbildningar med urval efter meritvärde (GyF 7 kap 3 §)."
            )
        if kind == DecisionKind.FREE_QUOTA and value:
            taken = ChoiceLine.objects.filter(offering=offering, free_quota=True).exclude(
                pk=line.pk
            )
            if taken.count() + 1 > offering.places:
                raise ValidationError(
                    f"{offering.name} har {offering.places} platser; alla är redan tagna i fri kvot."
                )
        field = {
            DecisionKind.FREE_QUOTA.value: "free_quota",
            DecisionKind.ENGLISH_WAIVER.value: "english_waiver",
            DecisionKind.ENDORSEMENT.value: "endorsed",
        }[kind]
        setattr(line, field, value)
        return {field: value}
    if kind == DecisionKind.FOREIGN_GRADES:
        # The organiser's assessment of grades that cannot be compared: no merit value is
        # computed and the applicant is tried in fri kvot (GyF 7 kap 3 §, domain §3.4).
        if not isinstance(value, bool):
            raise ValidationError("Beslutet ska vara ja eller nej.")
        person = line.application.person
        person.foreign_grades = value
        person.save(update_fields=["foreign_grades"])
        return {"foreign_grades": value}
    if kind == DecisionKind.SKILL_TEST:
        if not offering.skill_test:
            raise ValidationError(f"{offering.name} har inget färdighetsprov.")
        points = Decimal(str(value))
        limit = offering.skill_test_max_points
        if points < 0 or (limit is not None and points > limit):
            raise ValidationError(f"Provpoängen ska ligga mellan 0 och {limit}.")
        line.skill_test_points = points
        return {"skill_test_points": str(points)}
    if kind == DecisionKind.SCHOOL_RANK:
        if value is not None and (not isinstance(value, int) or value < 1):
            raise ValidationError("Rangordningen ska vara ett heltal från 1, eller tom.")
        line.school_rank = value
        return {"school_rank": value}
    if kind == DecisionKind.STATEMENT:
        line.statement = Statement(value).value if value else ""
        return {"statement": line.statement}
    if kind == DecisionKind.SPECIAL_REASONS:
        if not isinstance(value, bool):
            raise ValidationError("Beslutet ska vara ja eller nej.")
        line.special_reasons_accepted = value
        return {"special_reasons_accepted": value}
    raise ValidationError(f"Okänd beslutstyp: {kind}.")


@transaction.atomic
def decision_record(
    *,
    actor: Actor,
    line: ChoiceLine,
    kind: str,
    value: Any,
    reason: str,
    now: datetime | None = None,
) -> Decision:
    """Record a decision on a choice line by the role that owns it (domain §5.9).

    Statements and special reasons change the line's reception hand (SL 16 kap 43-44 §§).
    A decision needs a reason: it is shown to the applicant and can be appealed.
    """
    if not may_decide(actor, line, kind):
        raise Http404
    if not reason.strip():
        raise ValidationError("Ange skälet till beslutet.")
    moment = _now(now)
    recorded = _decision_value(line, kind, value)
    if kind in (DecisionKind.STATEMENT, DecisionKind.SPECIAL_REASONS):
        line.hand = _hand(line, line.application.person, line.offering, cooperation_area_codes())
        recorded["hand"] = line.hand
    line.save()
    decision = Decision.objects.create(
        line=line,
        kind=kind,
        value=recorded,
        reason=reason.strip(),
        decided_by=user_of(actor),
        decided_at=moment,
    )
    audit_event_record(
        actor=actor,
        action=f"admissions.decision.{kind}",
        subject=line,
        payload={"value": recorded, "reason": reason.strip()},
    )
    return decision


def _previous_published(year: AdmissionYear) -> AdmissionRun | None:
    return (
        AdmissionRun.objects.filter(
            admission_year=year,
            kind__in=[RunKind.FINAL, RunKind.RESERVE],
            published_at__isnull=False,
        )
        .order_by("-published_at", "-pk")
        .first()
    )


def admission_run(
    *,
    actor: Actor,
    year: AdmissionYear,
    kind: str,
    simulate: Round = Round.FINAL,
    now: datetime | None = None,
    progress: Progress = no_progress,
) -> AdmissionRun:
    """Run the engine on the stored data, verify the result, and store everything at once.

    Steps: build the problem (`mappers.problem_build`), solve it and write the result and
    manifest as canonical JSON, check the result with the independent verifier, then in
    one transaction store the run, its files and a row per choice line and offering. A
    result the verifier refuses is stored without result rows and can never be published;
    a crash stores nothing. Published runs are never touched.
    """
    access_permission(actor, MANAGE)
    started = _now(now)
    round_ = simulate if kind == RunKind.SIMULATION else RUN_ROUND[RunKind(kind)]
    previous = _previous_published(year) if round_ is Round.RESERVE else None
    if round_ is Round.RESERVE and previous is None:
        raise ValidationError("En reservantagning kräver en publicerad slutantagning.")
    built = problem_build(year=year, round_=round_, previous=previous, progress=progress)
    problem = built.problem
    problem_bytes = canonical_bytes(dump_problem(problem))
    digest = sha256_hex(problem_bytes)
    progress("Problemfil skriven")
    result = solve(problem)
    file = ResultFile(result, digest, problem.rules.version, ENGINE_VERSION)
    result_bytes = canonical_bytes(dump_result(file))
    manifest = build_manifest(problem, result_bytes, problem_digest=digest)
    progress("Antagningen beräknad")
    violations = verify(problem, result)
    progress("Resultatet kontrollerat")
    with transaction.atomic():
        number = 1
        if kind == RunKind.RESERVE:
            number = AdmissionRun.objects.filter(admission_year=year, kind=kind).count() + 1
        run = AdmissionRun.objects.create(
            admission_year=year,
            kind=kind,
            number=number,
            status=RunStatus.REFUSED if violations else RunStatus.SUCCEEDED,
            started_at=started,
            finished_at=timezone.now(),
            started_by=user_of(actor),
            manifest=manifest,
            violations=[str(v) for v in violations],
            summary=_summary(result, round_),
        )
        RunFiles.objects.create(run=run, problem=problem_bytes, result=result_bytes)
        if not violations:
            _store_results(run, result, built)
        audit_event_record(
            actor=actor,
            action="admissions.run.created",
            subject=run,
            payload={"kind": kind, "round": round_.value, "violations": len(violations)},
        )
    progress("Resultatet sparat")
    return run


def _summary(result: Any, round_: Round) -> dict[str, Any]:
    placed = [a for a in result.applicants if a.placement is not None]
    first = sum(1 for a in placed if a.choices and a.choices[0].status == Status.ADMITTED)
    return {
        "round": round_.value,
        "applicants": len(result.applicants),
        "placed": len(placed),
        "first_choice": first,
        "proposals": result.proposals,
        "below_minimum_size": list(result.below_minimum_size),
    }


def _store_results(run: AdmissionRun, result: Result, built: BuiltProblem) -> None:
    line_ids = built.line_ids
    merits = {
        (applicant.id, choice.offering): choice.merit
        for applicant in built.problem.applicants
        for choice in applicant.choices
    }
    fields = ("run", "line", "status", "reserve_position", "reason", "explanation", "merit")
    bulk_insert(
        LineResult,
        fields,
        (
            (
                run.pk,
                line_ids[(applicant.applicant, choice.offering)],
                choice.status.value,
                choice.reserve_position,
                choice.reason.value,
                choice.explanation,
                merits[(applicant.applicant, choice.offering)],
            )
            for applicant in result.applicants
            for choice in applicant.choices
        ),
    )
    OfferingResult.objects.bulk_create(
        [
            OfferingResult(
                run=run,
                offering_id=int(o.offering),
                admitted=o.admitted,
                reserves=o.reserves,
                cutoff=o.cutoff.merit if o.cutoff else None,
                cutoff_decided_by=o.cutoff.decided_by.value
                if o.cutoff and o.cutoff.decided_by
                else "",
                median_admitted_merit=o.median_admitted_merit,
                all_eligible_admitted=o.all_eligible_admitted,
                below_minimum_size=o.below_minimum_size,
            )
            for o in result.offerings
        ],
        batch_size=5000,
    )


@transaction.atomic
def admission_run_publish(
    *, actor: Actor, run: AdmissionRun, now: datetime | None = None
) -> AdmissionRun:
    """Publish a verified run: applicants and schools see it, and its cut-offs go public.

    Simulations are never published; a refused run cannot be.
    """
    access_permission(actor, MANAGE)
    run = AdmissionRun.objects.select_for_update().get(pk=run.pk)
    if run.kind == RunKind.SIMULATION:
        raise ValidationError("En simulering publiceras aldrig.")
    if run.status != RunStatus.SUCCEEDED:
        raise ValidationError("Körningen underkändes av kontrollen och kan inte publiceras.")
    if run.published_at is not None:
        raise ValidationError("Körningen är redan publicerad.")
    run.published_at = _now(now)
    run.published_by = user_of(actor)
    run.save(update_fields=["published_at", "published_by"])
    cutoffs = {
        r.offering_id: (r.cutoff, r.all_eligible_admitted)
        for r in OfferingResult.objects.filter(run=run)
    }
    offering_cutoffs_publish(
        actor=actor, admission_year=run.admission_year, cutoffs=cutoffs, round_name=run.kind
    )
    audit_event_record(
        actor=actor, action="admissions.run.published", subject=run, payload={"kind": run.kind}
    )
    return run


@transaction.atomic
def offer_answer(
    *,
    actor: Actor,
    application: Application,
    answer: str,
    now: datetime | None = None,
) -> OfferAnswer:
    """Answer the place of the newest published final or reserve run (domain §5.7).

    No answer by the deadline means: accept and stay reserve on higher choices.
    """
    access_person_application(actor, application.person)
    moment = _now(now)
    year = application.admission_year
    periods.require_answer_open(year, timezone.localdate(moment))
    run = _previous_published(year)
    admitted = (
        LineResult.objects.filter(run=run, line__application=application, status=Status.ADMITTED)
        .select_related("line")
        .first()
        if run is not None
        else None
    )
    if run is None or admitted is None:
        raise ValidationError("Du har ingen plats att svara på.")
    choice = Answer(answer)
    offer, _ = OfferAnswer.objects.update_or_create(
        application=application,
        run=run,
        defaults={"line": admitted.line, "answer": choice.value, "answered_at": moment},
    )
    audit_event_record(
        actor=actor,
        action="admissions.answer.given",
        subject=application,
        payload={"run": run.pk, "offering": admitted.line.offering_id, "answer": choice.value},
    )
    return offer


@transaction.atomic
def offering_cancel_and_notify(
    *, actor: Actor, offering: Offering, today: date | None = None
) -> int:
    """Lay down an offering (*startar ej*) and e-mail every applicant who chose it.

    Domain §5.8: the offering stays visible as *startar ej*, the applicants are tried on
    their other choices, and each gets a standard letter. The mails go out only when the
    transaction commits; returns how many applicants were notified.
    """
    day = today or timezone.localdate()
    offering_cancel(actor=actor, offering=offering, today=day)
    recipients = list(
        Person.objects.filter(
            applications__lines__offering=offering, applications__lines__withdrawn_at=None
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    subject = f"{offering.name} startar inte"
    body = (
        f"Hej!\n\n{offering.name} vid {offering.school_unit.name} startar inte hösten "
        f"{offering.admission_year.year}. Valet finns kvar i din ansökan som 'Startar ej', "
        "och du prövas på dina övriga val som vanligt. Du kan ändra din ansökan under "
        "ändringsperioden.\n\nGymnasieantagningen"
    )
    transaction.on_commit(
        lambda: send_mass_mail(
            [(subject, body, None, [address]) for address in recipients], fail_silently=False
        )
    )
    audit_event_record(
        actor=actor,
        action="admissions.offering.cancel_notified",
        subject=offering,
        payload={"recipients": len(recipients)},
    )
    return len(recipients)


# Schools: the principal's "Antagningen klar" (views/school.py, api/v1/school.py).


@transaction.atomic
def school_admission_done_mark(
    *,
    actor: Actor,
    school_unit: Organisation,
    run: AdmissionRun,
    now: datetime | None = None,
) -> SchoolAdmissionDone:
    """The principal marks the school's admission of a published run as done (domain §7.2).

    Only the principal of the school unit marks it (404 for anyone else), only for a
    published run, and once per run.
    """
    if not may_mark_school_done(actor, school_unit):
        raise Http404
    if run.published_at is None:
        raise ValidationError("Bara en publicerad antagningsomgång kan klarmarkeras.")
    if SchoolAdmissionDone.objects.filter(run=run, school_unit=school_unit).exists():
        raise ValidationError(
            f"Antagningen för {school_unit.name} är redan klarmarkerad för den här omgången."
        )
    mark = SchoolAdmissionDone.objects.create(
        run=run, school_unit=school_unit, marked_by=user_of(actor), marked_at=_now(now)
    )
    audit_event_record(
        actor=actor,
        action="admissions.school_admission.done",
        subject=mark,
        payload={"run": run.pk, "school_unit": school_unit.pk, "kind": run.kind},
    )
    return mark


# Decision letters (domain §10 R4): sent by the office after publishing a run.


@dataclass(frozen=True)
class LettersSent:
    """What `decision_letters_send` did: letters e-mailed, and who got none and why."""

    sent: int
    without_email: int
    protected_identity: int
    failed: int = 0
    error: str = ""


LETTER_BATCH = 200  # e-mails per call of the mail backend


def _letter_batches(run: AdmissionRun) -> Iterator[list[EmailMultiAlternatives]]:
    batch = []
    for person, letter in decision_letters_for_run(run=run):
        if person.protected_identity or not person.email:
            continue
        batch.append(letter_email(letter, to=person.email))
        if len(batch) == LETTER_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def decision_letters_send(*, actor: Actor, run: AdmissionRun) -> LettersSent:
    """E-mail every applicant of a published run their decision letter (HTML, in Swedish).

    Not one transaction, unlike the other services: e-mail cannot be rolled back, and a
    region's 31,000 letters take minutes, far too long to hold the database's write lock.
    Instead, three steps: (1) the event `admissions.letters.sending`, with how many letters
    go and to whom not, is committed first, so a failed audit sends nothing; (2) the
    letters, one mail connection per batch; (3) the event `admissions.letters.sent` with
    how many went, or `admissions.letters.failed` with how many went before the mail
    server failed.

    Applicants with protected identity get no e-mail: the office reaches them by other
    means (domain §10 R7); they and those without an e-mail address read the letter in the
    e-service.
    """
    access_permission(actor, MANAGE)
    run = AdmissionRun.objects.select_related("admission_year").get(pk=run.pk)
    if run.published_at is None or run.kind == RunKind.SIMULATION:
        raise ValidationError("Antagningsbesked skickas först när körningen är publicerad.")
    persons = Person.objects.filter(applications__lines__results__run=run).distinct()
    protected = persons.filter(protected_identity=True).count()
    without_email = persons.filter(protected_identity=False, email="").count()
    recipients = persons.count() - protected - without_email
    with transaction.atomic():
        audit_event_record(
            actor=actor,
            action="admissions.letters.sending",
            subject=run,
            payload={
                "recipients": recipients,
                "without_email": without_email,
                "protected_identity": protected,
            },
        )
    sent = 0
    error = ""
    try:
        for batch in _letter_batches(run):
            with get_connection() as connection:
                sent += connection.send_messages(batch) or 0
    except OSError as failure:  # smtplib.SMTPException is an OSError
        error = str(failure)
    with transaction.atomic():
        audit_event_record(
            actor=actor,
            action="admissions.letters.failed" if error else "admissions.letters.sent",
            subject=run,
            payload={"sent": sent, "failed": recipients - sent, "error": error},
        )
    return LettersSent(sent, without_email, protected, recipients - sent, error)
