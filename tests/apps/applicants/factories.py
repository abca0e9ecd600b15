"""Made-up persons and grades for tests: never real personal data.

Identity numbers come from `core.identity.fake` with a fixed seed, so every run gets the
same numbers; names come from a short list of invented ones.
"""

from collections.abc import Mapping
from datetime import date
from functools import cache

import factory
from factory.django import DjangoModelFactory

from gymnasieregion.apps.applicants.models import Grade, Person
from gymnasieregion.apps.organisations.models import Municipality
from gymnasieregion.core.identity.fake import fake_identity_numbers
from gymnasieregion.core.identity.personal_identity import IdentityNumber

BORN_FROM = date(2010, 1, 1)
BORN_TO = date(2010, 12, 31)
GIVEN = ["Alva", "Bo", "Cim", "Dana", "Eli", "Fia", "Gry", "Hugo", "Ines", "Jon"]
FAMILY = ["Ek", "Falk", "Gran", "Hed", "Ås", "Björk", "Lind", "Vik", "Sjö", "Berg"]


@cache
def fake_numbers(count: int = 5000) -> tuple[IdentityNumber, ...]:
    """Valid numbers of youths born in 2010 (the year-9 pupils of admission year 2026)."""
    return tuple(fake_identity_numbers(20260, count, born_from=BORN_FROM, born_to=BORN_TO))


def fake_number(n: int) -> IdentityNumber:
    return fake_numbers()[n % len(fake_numbers())]


class PersonFactory(DjangoModelFactory[Person]):
    """A youth with a made-up identity number, resident in Stockholm unless told otherwise."""

    class Meta:
        model = Person

    class Params:
        number = factory.Sequence(fake_number)

    identity_number = factory.LazyAttribute(lambda o: o.number.value)
    identity_kind = factory.LazyAttribute(lambda o: o.number.kind.value)
    birth_date = factory.LazyAttribute(lambda o: o.number.birth_date)
    given_name = factory.Sequence(lambda n: GIVEN[n % len(GIVEN)])
    family_name = factory.Sequence(lambda n: FAMILY[(n // len(GIVEN)) % len(FAMILY)])
    home_municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="0180"))
    sending_school = None


def grades_create(person: Person, grades: Mapping[str, str], *, term: str = "SLUTBETYG") -> None:
    """Store grades as plain rows: `{"MA": "B", "M2:MSP:SPA": "C"}` (slot:subject:language)."""
    rows = []
    for key, value in grades.items():
        slot, subject, language = key.split(":") if ":" in key else ("", key, "")
        rows.append(
            Grade(
                person=person,
                term=term,
                subject=subject,
                slot=slot,
                language_code=language,
                grade=value,
            )
        )
    Grade.objects.bulk_create(rows)


# EX-02 of the domain document: merit value 260.0, eligible for every national programme.
EX_02 = {
    "SV": "B",
    "EN": "A",
    "MA": "C",
    "BI": "D",
    "FY": "E",
    "KE": "E",
    "GE": "C",
    "HI": "B",
    "RE": "C",
    "SH": "B",
    "BL": "A",
    "HKK": "A",
    "IDH": "B",
    "MU": "C",
    "SL": "D",
    "TK": "E",
    "M2:MSP:SPA": "C",
}
