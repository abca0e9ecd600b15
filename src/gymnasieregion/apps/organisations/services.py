"""Writing organisations and municipalities. Every change is audited."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from gymnasieregion.apps.accounts.access import Actor
from gymnasieregion.apps.audit.services import audit_event_record
from gymnasieregion.apps.organisations.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    OrganiserType,
)
from gymnasieregion.core.identity.organisation_codes import (
    check_municipality_code,
    check_school_unit_code,
)
from gymnasieregion.core.identity.organisation_number import normalise_organisation_number


@dataclass(frozen=True)
class MunicipalityRow:
    code: str
    name: str
    county_code: str
    county: str
    is_member: bool
    population: int | None
    population_date: date | None


@transaction.atomic
def municipalities_load(*, actor: Actor | None, rows: Iterable[MunicipalityRow]) -> int:
    """Create or update municipalities and their organisation; return how many changed."""
    changed = 0
    for row in rows:
        check_municipality_code(row.code)
        municipality, created = Municipality.objects.get_or_create(
            code=row.code,
            defaults={"name": row.name, "county_code": row.county_code, "county": row.county},
        )
        values = {
            "name": row.name,
            "county_code": row.county_code,
            "county": row.county,
            "is_member": row.is_member,
            "population": row.population,
            "population_date": row.population_date,
        }
        differs = {k: v for k, v in values.items() if getattr(municipality, k) != v}
        if created or differs:
            for key, value in values.items():
                setattr(municipality, key, value)
            municipality.save()
            audit_event_record(
                actor=actor,
                action="municipality.create" if created else "municipality.update",
                subject=municipality,
                payload={k: str(v) for k, v in (values if created else differs).items()},
            )
            changed += 1
        Organisation.objects.get_or_create(
            kind=OrganisationKind.MUNICIPALITY,
            municipality=municipality,
            defaults={"name": row.name},
        )
    return changed


@transaction.atomic
def organisation_create(
    *,
    actor: Actor | None,
    kind: OrganisationKind,
    name: str,
    municipality: Municipality | None = None,
    parent: Organisation | None = None,
    organisation_number: str = "",
    organiser_type: OrganiserType | str = "",
    school_unit_code: str = "",
) -> Organisation:
    """Create an organisation, validating its official numbers and codes."""
    if organisation_number:
        organisation_number = normalise_organisation_number(organisation_number)
    if kind in (OrganisationKind.SCHOOL_UNIT, OrganisationKind.SENDING_SCHOOL):
        check_school_unit_code(school_unit_code)
    if kind == OrganisationKind.ORGANISER and not organiser_type:
        raise ValueError(
            "En huvudman måste ha en huvudmannatyp (kommunal, regional eller enskild)."
        )
    organisation = Organisation.objects.create(
        kind=kind,
        name=name,
        municipality=municipality,
        parent=parent,
        organisation_number=organisation_number,
        organiser_type=organiser_type,
        school_unit_code=school_unit_code,
    )
    audit_event_record(
        actor=actor,
        action="organisation.create",
        subject=organisation,
        payload={"kind": kind, "name": name, "organisation_number": organisation_number},
    )
    return organisation
