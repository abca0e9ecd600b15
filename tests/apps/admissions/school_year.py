"""A small year seen from the schools and municipalities, built on `scenarios.small_year`.

EK-DEMO at Demogymnasiet (independent, Stockholm) gets two places and six applicants with
sixteen equal letters each (A → 320, B → 280, C → 240, D → 200, E → 160, F → not eligible).
The final round, published:

| person | home | letters | choices | outcome |
|---|---|---|---|---|
| Anna Ek (protected identity) | Stockholm | A | EK-DEMO | admitted |
| Test Testsson (small_year) | Stockholm | B | EK-DEMO | admitted |
| Bo Falk | Stockholm | C | EK-DEMO, SA-ANNAN | reserve 1; admitted at SA-ANNAN |
| Cleo Gran | Stockholm | D | EK-DEMO | reserve 2 |
| Dan Hed | Stockholm | E | EK-DEMO, NA-UPPSALA | reserve 3; admitted second-hand at NA-UPPSALA |
| Eva Ås | Stockholm | F | EK-DEMO | not eligible |
| Fia Sjö | Uppsala | B | SA-STHLM | admitted second-hand |

SA-ANNAN is at another independent school; NA-UPPSALA at a municipal school in Uppsala,
outside the cooperation area (a statement case for Stockholm); SA-STHLM at a municipal
school in Stockholm (a special-reasons case for Stockholm). Everything is invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gymnasieregion.apps.accounts.models import Role, User
from gymnasieregion.apps.accounts.services import membership_grant, user_create
from gymnasieregion.apps.admissions.models import AdmissionRun, ChoiceLine
from gymnasieregion.apps.admissions.services import application_save
from gymnasieregion.apps.applicants.models import Grade, Person
from gymnasieregion.apps.catalogue.models import Offering
from gymnasieregion.apps.organisations.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    OrganiserType,
)
from gymnasieregion.apps.organisations.services import organisation_create
from gymnasieregion.core.identity.fake import fake_identity_numbers
from tests.apps.admissions.scenarios import SUBJECTS, SmallYear, at, published_final, small_year


@dataclass
class SchoolYear:
    small: SmallYear
    offering: Offering  # EK-DEMO, at the test actors' school unit
    other_offering: Offering  # SA-ANNAN, at another school
    uppsala_offering: Offering  # NA-UPPSALA, municipal school in Uppsala (outside the area)
    stockholm_offering: Offering  # SA-STHLM, municipal school in Stockholm
    people: dict[str, Person]
    run: AdmissionRun | None

    def line(self, name: str, offering: Offering | None = None) -> ChoiceLine:
        return ChoiceLine.objects.get(
            application__person=self.people[name], offering=offering or self.offering
        )


def user_in(role: str, organisation: Organisation | None, name: str) -> User:
    user = user_create(actor=None, username=name, password="x-Lösen-123")
    membership_grant(
        actor=None, user=user, role=Role.objects.get(code=role), organisation=organisation
    )
    return user


def municipality_organisation(code: str) -> Organisation:
    return Organisation.objects.get(kind=OrganisationKind.MUNICIPALITY, municipality__code=code)


def _school(name: str, code: str, organiser: Organisation, municipality: Municipality | None):
    return organisation_create(
        actor=None,
        kind=OrganisationKind.SCHOOL_UNIT,
        name=name,
        parent=organiser,
        municipality=municipality,
        school_unit_code=code,
    )


def _offering(small: SmallYear, code: str, school: Organisation, programme: str) -> Offering:
    return Offering.objects.create(
        admission_year=small.year,
        code=code,
        school_unit=school,
        programme_code=programme,
        name=f"{programme} vid {school.name}",
        kind="national",
        places=1,
    )


def school_year(*, publish: bool = True) -> SchoolYear:
    small = small_year()
    small.offering.places = 2
    small.offering.save(update_fields=["places"])
    stockholm = Municipality.objects.get(code="0180")
    uppsala = Municipality.objects.get(code="0380")
    other_organiser = organisation_create(
        actor=None,
        kind=OrganisationKind.ORGANISER,
        name="Annan Skola AB",
        organisation_number="556036-0793",
        organiser_type=OrganiserType.INDEPENDENT,
    )
    other_offering = _offering(
        small,
        "SA-ANNAN",
        _school("Annat gymnasium", "90000099", other_organiser, stockholm),
        "SA",
    )
    uppsala_city = organisation_create(
        actor=None,
        kind=OrganisationKind.ORGANISER,
        name="Uppsala kommun",
        organisation_number="212000-3005",
        organiser_type=OrganiserType.MUNICIPAL,
    )
    uppsala_offering = _offering(
        small, "NA-UPPSALA", _school("Uppsala gymnasium", "90000097", uppsala_city, uppsala), "NA"
    )
    stockholm_city = organisation_create(
        actor=None,
        kind=OrganisationKind.ORGANISER,
        name="Stockholms stad",
        organisation_number="212000-0142",
        organiser_type=OrganiserType.MUNICIPAL,
    )
    stockholm_offering = _offering(
        small,
        "SA-STHLM",
        _school("Kommunala gymnasiet", "90000096", stockholm_city, stockholm),
        "SA",
    )
    plan = [  # given, family, letter, home, choices, protected
        ("Anna", "Ek", "A", stockholm, [small.offering], True),
        ("Bo", "Falk", "C", stockholm, [small.offering, other_offering], False),
        ("Cleo", "Gran", "D", stockholm, [small.offering], False),
        ("Dan", "Hed", "E", stockholm, [small.offering, uppsala_offering], False),
        ("Eva", "Ås", "F", stockholm, [small.offering], False),
        ("Fia", "Sjö", "B", uppsala, [stockholm_offering], False),
    ]
    numbers = fake_identity_numbers(
        2028, len(plan), born_from=date(2011, 1, 1), born_to=date(2011, 12, 31)
    )
    people = {"Test": small.person}
    small.person.email = "test@example.invalid"
    small.person.phone = "070-000 00 01"
    small.person.postal_address = "Påhittad väg 1\n111 11 Stockholm"
    small.person.save()
    for (given, family, letter, home, choices, protected), number in zip(
        plan, numbers, strict=True
    ):
        person = Person.objects.create(
            identity_number=number.value,
            identity_kind=number.kind.value,
            birth_date=number.birth_date,
            given_name=given,
            family_name=family,
            home_municipality=home,
            protected_identity=protected,
            email=f"{given.lower()}@example.invalid",
            phone=f"070-000 00 1{len(people)}",
            postal_address=f"Hemlig gata {len(people)}\n111 11 Stockholm",
        )
        Grade.objects.bulk_create(
            Grade(person=person, subject=s, grade=letter, term=term)
            for s in SUBJECTS
            for term in ("HT9", "SLUTBETYG")
        )
        application_save(
            actor=small.office,
            person=person,
            year=small.year,
            offering_ids=[o.pk for o in choices],
            now=at("2027-01-25"),
        )
        people[given] = person
    run = published_final(small) if publish else None
    return SchoolYear(
        small=small,
        offering=small.offering,
        other_offering=other_offering,
        uppsala_offering=uppsala_offering,
        stockholm_offering=stockholm_offering,
        people=people,
        run=run,
    )
