"""Demo organisations and one demo user per role, for `make demo` and the browser tests.

Everything here is invented: the school names, codes and people. Passwords follow
one pattern so a newcomer can sign in; the demo is only served on 127.0.0.1.
"""

from dataclasses import dataclass

from django.db import transaction

from gymnasieregion.apps.accounts.models import Membership, Role, User
from gymnasieregion.apps.accounts.services import membership_grant, user_create
from gymnasieregion.apps.organisations.models import Organisation, OrganisationKind, OrganiserType
from gymnasieregion.apps.organisations.services import organisation_create


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: Role
    organisation: Organisation | None


DEMO_USERS = [
    ("demo-sokande", "applicant", None, "Elsa", "Exempelsson"),
    ("demo-syv", "study_counsellor", "sending_school", "Sam", "Vägledare"),
    ("demo-skolpersonal", "school_staff", "school_unit", "Siv", "Skolsson"),
    ("demo-rektor", "principal", "school_unit", "Rut", "Rektorsdotter"),
    ("demo-rektor-grundskola", "sending_school_principal", "sending_school", "Gun", "Grundström"),
    ("demo-kommun", "municipal_admin", "municipality", "Kim", "Kommunström"),
    ("demo-antagning", "admission_officer", "admission_office", "Anna", "Antagare"),
    ("demo-ekonom", "finance_officer", "association", "Erik", "Ekonomsson"),
    ("demo-granskare", "auditor", "association", "Greta", "Granskare"),
]


def _organisation(kind: OrganisationKind, name: str, **fields: object) -> Organisation:
    existing = Organisation.objects.filter(kind=kind, name=name).first()
    return existing or organisation_create(actor=None, kind=kind, name=name, **fields)  # type: ignore[arg-type]


def demo_organisations() -> dict[str, Organisation]:
    """The association, its admission office and one of each kind of school, in Stockholm."""
    stockholm = Organisation.objects.get(
        kind=OrganisationKind.MUNICIPALITY, municipality__code="0180"
    )
    association = _organisation(
        OrganisationKind.ASSOCIATION, "Storsthlm", organisation_number="222000-0091"
    )
    office = _organisation(
        OrganisationKind.ADMISSION_OFFICE, "Gymnasieantagningen", parent=association
    )
    organiser = _organisation(
        OrganisationKind.ORGANISER,
        "Demo Utbildning AB",
        organisation_number="559000-0005",
        organiser_type=OrganiserType.INDEPENDENT,
    )
    school = _organisation(
        OrganisationKind.SCHOOL_UNIT,
        "Demogymnasiet",
        parent=organiser,
        municipality=stockholm.municipality,
        school_unit_code="90000001",
    )
    sending = _organisation(
        OrganisationKind.SENDING_SCHOOL,
        "Exempelskolan (grundskola)",
        municipality=stockholm.municipality,
        school_unit_code="90000002",
    )
    return {
        "municipality": stockholm,
        "association": association,
        "admission_office": office,
        "school_unit": school,
        "sending_school": sending,
    }


def demo_password(username: str) -> str:
    return f"{username}-2026"


@transaction.atomic
def demo_users_create() -> list[DemoUser]:
    """Create (or reset the password of) one user per role; returns them with passwords."""
    organisations = demo_organisations()
    created = []
    for username, role_code, org_key, first, last in DEMO_USERS:
        role = Role.objects.get(code=role_code)
        organisation = organisations[org_key] if org_key else None
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                actor=None,
                username=username,
                password=demo_password(username),
                first_name=first,
                last_name=last,
            )
        if not Membership.objects.filter(user=user, role=role, organisation=organisation).exists():
            membership_grant(actor=None, user=user, role=role, organisation=organisation)
        created.append(DemoUser(username, demo_password(username), role, organisation))
    return created
