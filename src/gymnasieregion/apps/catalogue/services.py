"""Writing the catalogue: admission years, offerings, their import, cancellation, cut-offs.

Each service is one transaction with its audit event. Who may act is checked here, with
the same 404 for missing and forbidden; when is checked by `catalogue.calendar` against
the `today` the caller passes in (views pass `timezone.localdate()`).

- The admission office (`catalogue.manage`) creates years, imports offerings and edits
  any offering until the application period opens, and cancels any offering until
  studies start.
- School staff and principals (`catalogue.offerings_edit`) edit the offerings of their
  own school units (or of the organiser they belong to) in the planning phase, and
  cancel them until the preliminary admission is published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from gymnasieregion.apps.accounts.access import Actor, access_permission, actor_scope
from gymnasieregion.apps.audit.services import audit_event_record
from gymnasieregion.apps.catalogue.calendar import (
    Action,
    AdmissionYearData,
    admission_year_errors,
    phase_require,
)
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering
from gymnasieregion.apps.catalogue.offering_files import CODE, parse_offering_rows
from gymnasieregion.apps.catalogue.offering_rules import (
    OfferingData,
    offering_data_errors,
    rule_set_for,
)
from gymnasieregion.apps.catalogue.selectors import MANAGE, may_manage_school_unit
from gymnasieregion.apps.organisations.models import Organisation, OrganisationKind
from gymnasieregion.core.row_errors import RowErrors


def _year_fields(data: AdmissionYearData) -> dict[str, Any]:
    values = asdict(data)
    values["reserve_round_dates"] = [d.isoformat() for d in sorted(data.reserve_round_dates)]
    return values


def _jsonable(values: Mapping[str, object]) -> dict[str, object]:
    return {
        k: (v.isoformat() if isinstance(v, date) else str(v) if isinstance(v, Decimal) else v)
        for k, v in values.items()
    }


@transaction.atomic
def admission_year_create(*, actor: Actor, year: int, data: AdmissionYearData) -> AdmissionYear:
    """Create the admission year `year` (the year studies start) with its calendar."""
    access_permission(actor, MANAGE)
    errors = admission_year_errors(data)
    if AdmissionYear.objects.filter(year=year).exists():
        errors.setdefault("year", []).append(f"Antagningsåret {year} finns redan.")
    if not 2000 <= year <= 2100:
        errors.setdefault("year", []).append("Ange ett år mellan 2000 och 2100.")
    if errors:
        raise ValidationError(errors)
    admission_year = AdmissionYear.objects.create(year=year, **_year_fields(data))
    audit_event_record(
        actor=actor,
        action="catalogue.admission_year.create",
        subject=admission_year,
        payload={"year": year, **_jsonable(_year_fields(data))},
    )
    return admission_year


@transaction.atomic
def admission_year_update(
    *, actor: Actor, admission_year: AdmissionYear, data: AdmissionYearData
) -> AdmissionYear:
    """Change the calendar or settings of a year; the audit event lists what changed."""
    access_permission(actor, MANAGE)
    errors = admission_year_errors(data)
    if errors:
        raise ValidationError(errors)
    values = _year_fields(data)
    changed = {k: v for k, v in values.items() if getattr(admission_year, k) != v}
    for key, value in changed.items():
        setattr(admission_year, key, value)
    admission_year.save()
    audit_event_record(
        actor=actor,
        action="catalogue.admission_year.update",
        subject=admission_year,
        payload={"year": admission_year.year, "changed": _jsonable(changed)},
    )
    return admission_year


def _edit_phase(actor: Actor, admission_year: AdmissionYear, today: date) -> None:
    office = MANAGE in actor_scope(actor).permissions
    action = Action.OFFERINGS_EDIT_OFFICE if office else Action.OFFERINGS_EDIT
    phase_require(year=admission_year, action=action, today=today)


def _check_data(data: OfferingData, admission_year: AdmissionYear) -> None:
    errors = offering_data_errors(data, rules=rule_set_for(admission_year))
    if errors:
        grouped: dict[str, list[str]] = {}
        for name, message in errors:
            grouped.setdefault(name, []).append(message)
        raise ValidationError(grouped)


@transaction.atomic
def offering_create(
    *,
    actor: Actor,
    admission_year: AdmissionYear,
    school_unit: Organisation,
    code: str,
    data: OfferingData,
    today: date,
) -> Offering:
    """A new offering at `school_unit`, in the planning phase (the office: until applications open)."""
    if school_unit.kind != OrganisationKind.SCHOOL_UNIT or not may_manage_school_unit(
        actor, school_unit
    ):
        raise Http404
    _edit_phase(actor, admission_year, today)
    _check_data(data, admission_year)
    if not CODE.match(code):
        raise ValidationError(
            {
                "code": [
                    "Koden får bara innehålla bokstäver A–Z, siffror, punkt, bindestreck "
                    "och understreck, högst 30 tecken."
                ]
            }
        )
    if Offering.objects.filter(admission_year=admission_year, code=code).exists():
        raise ValidationError({"code": [f"Koden {code} används redan {admission_year.year}."]})
    offering = Offering.objects.create(
        admission_year=admission_year, school_unit=school_unit, code=code, **asdict(data)
    )
    audit_event_record(
        actor=actor,
        action="catalogue.offering.create",
        subject=offering,
        payload={
            "code": code,
            "school_unit": school_unit.school_unit_code,
            **_jsonable(asdict(data)),
        },
    )
    return offering


@transaction.atomic
def offering_update(
    *, actor: Actor, offering: Offering, data: OfferingData, today: date
) -> Offering:
    """Change an offering's fields, in the planning phase (the office: until applications open)."""
    if not may_manage_school_unit(actor, offering.school_unit):
        raise Http404
    _edit_phase(actor, offering.admission_year, today)
    if offering.cancelled:
        raise ValidationError("Utbildningen är nedlagd och kan inte ändras.")
    _check_data(data, offering.admission_year)
    values = asdict(data)
    changed = {k: v for k, v in values.items() if getattr(offering, k) != v}
    for key, value in changed.items():
        setattr(offering, key, value)
    offering.save()
    audit_event_record(
        actor=actor,
        action="catalogue.offering.update",
        subject=offering,
        payload={"code": offering.code, "changed": _jsonable(changed)},
    )
    return offering


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


@transaction.atomic
def offering_import(
    *,
    actor: Actor,
    admission_year: AdmissionYear,
    rows: Iterable[Mapping[str, str | None]],
    today: date,
) -> ImportResult:
    """Create or update the year's offerings by code from a file's rows; all or nothing.

    Raises `RowErrors` with every bad row (nothing saved). Offerings not in the file are
    left as they are; importing the same file again changes nothing.
    """
    access_permission(actor, MANAGE)
    phase_require(year=admission_year, action=Action.OFFERINGS_EDIT_OFFICE, today=today)
    units = {
        o.school_unit_code: o
        for o in Organisation.objects.filter(kind=OrganisationKind.SCHOOL_UNIT)
    }
    parsed, errors = parse_offering_rows(
        rows, rules=rule_set_for(admission_year), school_unit_codes=frozenset(units)
    )
    if errors:
        raise RowErrors(errors)
    existing = {o.code: o for o in admission_year.offerings.all()}
    now = timezone.now()
    new: list[Offering] = []
    changed: list[Offering] = []
    fields: set[str] = set()
    for row in parsed:
        values = {"school_unit_id": units[row.school_unit_code].pk, **asdict(row.data)}
        offering = existing.get(row.code)
        if offering is None:
            new.append(Offering(admission_year=admission_year, code=row.code, **values))
            continue
        differs = {k for k, v in values.items() if getattr(offering, k) != v}
        if differs:
            for key in differs:
                setattr(offering, key, values[key])
            offering.updated_at = now
            changed.append(offering)
            fields |= differs
    Offering.objects.bulk_create(new)
    if changed:
        Offering.objects.bulk_update(changed, [*sorted(fields), "updated_at"])
    result = ImportResult(
        created=len(new), updated=len(changed), unchanged=len(parsed) - len(new) - len(changed)
    )
    audit_event_record(
        actor=actor,
        action="catalogue.offering.import",
        subject=admission_year,
        payload={
            "year": admission_year.year,
            **asdict(result),
            "created_codes": [o.code for o in new],
            "updated_codes": [o.code for o in changed],
        },
    )
    return result


@transaction.atomic
def offering_cancel(*, actor: Actor, offering: Offering, today: date) -> Offering:
    """Lay down an offering (*startar ej*). It stays visible as such; places are kept.

    The school or its organiser may do it until the preliminary admission is published,
    the office until studies start. Notifying the applicants is the admissions app's
    part, which wraps this service.
    """
    if not may_manage_school_unit(actor, offering.school_unit):
        raise Http404
    office = MANAGE in actor_scope(actor).permissions
    action = Action.OFFERING_CANCEL_OFFICE if office else Action.OFFERING_CANCEL_SCHOOL
    phase_require(year=offering.admission_year, action=action, today=today)
    if offering.cancelled:
        raise ValidationError(f"Utbildningen {offering.code} är redan nedlagd.")
    offering.cancelled = True
    offering.cancelled_at = timezone.now()
    offering.save(update_fields=["cancelled", "cancelled_at", "updated_at"])
    audit_event_record(
        actor=actor,
        action="catalogue.offering.cancel",
        subject=offering,
        payload={"code": offering.code, "today": today.isoformat()},
    )
    return offering


@transaction.atomic
def offering_cutoffs_publish(
    *,
    actor: Actor,
    admission_year: AdmissionYear,
    cutoffs: Mapping[int, tuple[Decimal | None, bool]],
    round_name: str,
) -> int:
    """Record the published cut-off of each offering: offering id → (cut-off, all admitted).

    Called by the admissions app when it publishes a round; that service checks who may
    publish. Offerings of the year not in `cutoffs` keep what they had. Returns how many
    offerings were written.
    """
    offerings = list(admission_year.offerings.filter(pk__in=list(cutoffs)))
    if len(offerings) != len(cutoffs):
        unknown = sorted(set(cutoffs) - {o.pk for o in offerings})
        raise ValueError(
            f"Utbildningarna {unknown} hör inte till antagningsåret {admission_year.year}."
        )
    now = timezone.now()
    for offering in offerings:
        offering.updated_at = now
        cutoff, all_admitted = cutoffs[offering.pk]
        offering.published_cutoff = cutoff
        offering.published_all_admitted = all_admitted
        offering.published_cutoff_round = round_name
    Offering.objects.bulk_update(
        offerings,
        ["published_cutoff", "published_all_admitted", "published_cutoff_round", "updated_at"],
        batch_size=500,
    )
    audit_event_record(
        actor=actor,
        action="catalogue.offering.cutoffs_publish",
        subject=admission_year,
        payload={
            "year": admission_year.year,
            "round": round_name,
            "offerings": len(offerings),
            "cutoffs": {
                str(pk): [None if c is None else str(c), all_admitted]
                for pk, (c, all_admitted) in sorted(cutoffs.items())
            },
        },
    )
    return len(offerings)
