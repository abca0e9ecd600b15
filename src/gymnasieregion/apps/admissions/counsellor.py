"""What a study counsellor (SYV) sees of their pupils' admission (issue 6).

The pupils of the counsellor's sending schools (`persons.view_school`): grades
registered per term, the state of each application, the outcome of the newest published
run, and who has no application as the application period closes. One audit event per
list read (ADR 0102).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Q

from gymnasieregion.apps.accounts.access import Actor, access_permission, actor_scope
from gymnasieregion.apps.admissions.models import AdmissionRun, ChoiceLine, LineResult
from gymnasieregion.apps.applicants.models import Grade, Person
from gymnasieregion.apps.audit.services import audit_event_record
from gymnasieregion.apps.catalogue.models import AdmissionYear
from gymnasieregion.core.admission.outcome import Status

VIEW_SCHOOL = "persons.view_school"
SOON = timedelta(days=14)


@dataclass(frozen=True)
class PupilRow:
    person: Person
    autumn_grades: int
    final_grades: int
    lines: int
    late_lines: int
    placed_at: str  # the offering of the newest published run, or ""
    reserve_lines: int

    @property
    def has_application(self) -> bool:
        return self.lines > 0


@dataclass(frozen=True)
class PupilOverview:
    rows: list[PupilRow]
    run: AdmissionRun | None
    without_application: int
    application_closing_soon: bool
    final_grades_due: bool


def counsellor_pupils(
    *, actor: Actor, year: AdmissionYear, run: AdmissionRun | None, today: date
) -> PupilOverview:
    """The counsellor's pupils with their grades and application.

    Four reads (pupils, grade counts, line counts, outcomes) and the audit event.
    """
    access_permission(actor, VIEW_SCHOOL)
    schools = actor_scope(actor).organisation_ids
    persons = list(
        Person.objects.filter(sending_school_id__in=schools).order_by("family_name", "given_name")
    )
    ids = [p.pk for p in persons]
    grades = Counter(
        {
            (row["person_id"], row["term"]): row["n"]
            for row in Grade.objects.filter(person_id__in=ids)
            .values("person_id", "term")
            .annotate(n=Count("pk"))
        }
    )
    lines: dict[int, tuple[int, int]] = {
        row["application__person_id"]: (row["n"], row["late"])
        for row in ChoiceLine.objects.filter(
            application__admission_year=year, application__person_id__in=ids
        )
        .values("application__person_id")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(late=True)))
    }
    placed: dict[int, str] = {}
    reserves: Counter[int] = Counter()
    if run is not None:
        results = LineResult.objects.filter(
            run=run,
            line__application__person_id__in=ids,
            status__in=[Status.ADMITTED, Status.RESERVE],
        ).values_list("line__application__person_id", "status", "line__offering__name")
        for person_id, status, offering in results:
            if status == Status.ADMITTED:
                placed[person_id] = offering
            else:
                reserves[person_id] += 1
    rows = [
        PupilRow(
            person=p,
            autumn_grades=grades[(p.pk, "HT9")],
            final_grades=grades[(p.pk, "SLUTBETYG")],
            lines=lines.get(p.pk, (0, 0))[0],
            late_lines=lines.get(p.pk, (0, 0))[1],
            placed_at=placed.get(p.pk, ""),
            reserve_lines=reserves[p.pk],
        )
        for p in persons
    ]
    with transaction.atomic():
        audit_event_record(
            actor=actor,
            action="admissions.pupils.read",
            subject=("organisations.organisation", ",".join(str(s) for s in sorted(schools))),
            payload={"count": len(rows), "year": year.year},
        )
    return PupilOverview(
        rows=rows,
        run=run,
        without_application=sum(1 for r in rows if not r.has_application),
        application_closing_soon=today >= year.application_closes - SOON,
        final_grades_due=today >= year.final_grade_deadline - SOON,
    )
