"""The demo region: a whole admission year of invented people, built in the embedded database.

About 31,000 applicants (the plan's admission fee of 24.6 Mkr at 782 kr per youth), in
the 26 municipalities and Håbo in proportion to their population, plus some from
neighbouring municipalities outside the cooperation area. Grades follow a latent
ability, so merit values spread like a region's (most between 160 and 300, a tail of
incomplete grades). Choices lean towards the large preparatory programmes, so economics,
social science and natural science are oversubscribed and many vocational offerings are
not. A few lines are late, a few are free-quota admissions, English waivers, skill-test
points and school rankings.

The calendar is placed around today, so that the preliminary and final rounds lie in
the past and the answer period is open: every step of the year can be tried at once.
Everything is made up; identity numbers come from `core.identity.fake` and must never
be used outside a demo database.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gymnasieregion.apps.accounts.models import Role, User
from gymnasieregion.apps.accounts.services import membership_grant
from gymnasieregion.apps.admissions.mappers import (
    Progress,
    cooperation_area_codes,
    line_hand,
    no_progress,
)
from gymnasieregion.apps.admissions.models import (
    Application,
    ApplicationVersion,
    ChoiceLine,
    Decision,
    DecisionKind,
)
from gymnasieregion.apps.applicants.models import Grade, Person
from gymnasieregion.apps.audit.services import audit_event_record
from gymnasieregion.apps.catalogue.demo import demo_catalogue_build
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering, OfferingKind
from gymnasieregion.apps.organisations.models import (
    Municipality,
    Organisation,
    OrganisationKind,
)
from gymnasieregion.core.admission.lateness import late_flags
from gymnasieregion.core.grades.grade import Grade as CoreGrade
from gymnasieregion.core.grades.programmes import ProgrammeKind
from gymnasieregion.core.grades.rule_set import RULES_2026
from gymnasieregion.core.grades.terms import Term
from gymnasieregion.core.identity.fake import fake_identity_number
from gymnasieregion.database.bulk_insert import bulk_insert, db_datetime

APPLICANTS = 31_000
OUTSIDE_SHARE = 0.02  # applicants from municipalities outside the cooperation area
LATE_SHARE = 0.04
SUBJECTS = [
    "BL",
    "EN",
    "HKK",
    "HI",
    "IDH",
    "KE",
    "MA",
    "MU",
    "RE",
    "SH",
    "SL",
    "TK",
    "BI",
    "FY",
    "GE",
]  # the compulsory subjects
GRADE_STEPS = (CoreGrade.F, CoreGrade.E, CoreGrade.D, CoreGrade.C, CoreGrade.B, CoreGrade.A)
CHOSEN_KINDS = (
    OfferingKind.NATIONAL,
    OfferingKind.INTRODUCTION_GROUP,
    OfferingKind.INTRODUCTION_INDIVIDUAL,
)
PREPARATORY = frozenset(
    p.code for p in RULES_2026.programmes if p.kind is ProgrammeKind.PREPARATORY
)
# Applicants per place as a first choice, relative: the region's big preparatory
# programmes are oversubscribed, many vocational ones are not [I].
POPULARITY = {"EK": 1.5, "SA": 1.4, "NA": 1.35, "TE": 1.1, "ES": 1.2, "HU": 0.8} | {
    p.code: 0.75 for p in RULES_2026.programmes if p.kind is ProgrammeKind.VOCATIONAL
}
GIVEN_NAMES = [
    "Alva",
    "Elsa",
    "Maja",
    "Wilma",
    "Alice",
    "Astrid",
    "Ella",
    "Vera",
    "Selma",
    "Saga",
    "Olivia",
    "Ebba",
    "Nora",
    "Lilly",
    "Freja",
    "Noah",
    "Hugo",
    "William",
    "Liam",
    "Lucas",
    "Oscar",
    "Elias",
    "Adam",
    "Arvid",
    "Ludvig",
    "Viktor",
    "Leo",
    "Nils",
    "Isak",
    "Omar",
    "Sara",
    "Amira",
    "Yasmin",
    "Hanna",
    "Ali",
    "Mohammed",
    "Mustafa",
    "Ahmed",
    "Emil",
    "Axel",
]
FAMILY_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Lindberg",
    "Lindqvist",
    "Berg",
    "Lundgren",
    "Holm",
    "Ali",
    "Hassan",
    "Mohammed",
    "Nguyen",
    "Kaya",
    "Yilmaz",
    "Virtanen",
    "Korhonen",
    "Novak",
    "Silva",
]


@dataclass(frozen=True)
class DemoRegion:
    year: AdmissionYear
    persons: int
    applications: int
    lines: int
    offerings: int


def demo_calendar(today: date, seed: str) -> AdmissionYear:
    """A year whose rounds lie behind `today` and whose answer period is open."""
    study_start = today + timedelta(days=60)
    return AdmissionYear(
        year=study_start.year,
        seed=seed,
        offerings_open=today - timedelta(days=200),
        application_opens=today - timedelta(days=150),
        application_closes=today - timedelta(days=120),
        preliminary_published=today - timedelta(days=90),
        change_opens=today - timedelta(days=90),
        change_closes=today - timedelta(days=60),
        final_grade_deadline=today - timedelta(days=20),
        final_published=today - timedelta(days=5),
        answer_deadline=today + timedelta(days=14),
        reserve_round_dates=[
            (today + timedelta(days=20)).isoformat(),
            (today + timedelta(days=30)).isoformat(),
        ],
        study_start=study_start,
    )


def _at(day: date, rng: random.Random) -> datetime:
    moment = datetime.combine(day, time(8)) + timedelta(minutes=rng.randrange(12 * 60))
    return timezone.make_aware(moment)


def _grade(ability: float, rng: random.Random) -> str:
    """A grade drawn around the ability; a few dashes where a basis is missing."""
    if rng.random() < 0.004:
        return CoreGrade.DASH.value
    step = round(2.8 + 1.35 * ability + rng.gauss(0, 0.8))
    return GRADE_STEPS[min(max(step, 0), len(GRADE_STEPS) - 1)].value


def _cohorts(rng: random.Random, total: int) -> list[Municipality]:
    """Home municipality of each applicant: members and Håbo by population, some outside."""
    area = cooperation_area_codes()
    inside = list(Municipality.objects.filter(code__in=area))
    outside = list(Municipality.objects.exclude(code__in=area))
    known = [m.population for m in inside if m.population]
    typical = sorted(known)[len(known) // 2] if known else 1
    weights = [m.population or typical for m in inside]
    homes = rng.choices(inside, weights, k=total)
    if outside:
        for i in rng.sample(range(total), int(total * OUTSIDE_SHARE)):
            homes[i] = rng.choice(outside)
    return homes


def _sending_schools(homes: list[Municipality]) -> dict[int, Organisation]:
    """One invented compulsory school per home municipality."""
    schools = {}
    for number, municipality in enumerate(sorted(set(homes), key=lambda m: m.code), start=1):
        school, _ = Organisation.objects.get_or_create(
            kind=OrganisationKind.SENDING_SCHOOL,
            name=f"{municipality.name}s grundskola {number}",
            defaults={"municipality": municipality, "school_unit_code": f"8{number:07d}"},
        )
        schools[municipality.pk] = school
    return schools


def _pupil(seed: str, person_id: int) -> tuple[float, str | None]:
    """The ability and the modern language (or None) of one pupil, the same in every term."""
    rng = random.Random(f"{seed}:{person_id}")  # noqa: S311 (invented demo data)
    ability = rng.gauss(0, 1)
    language = rng.choice(("SPA", "DEU", "FRA")) if rng.random() < 0.75 else None
    return ability, language


def _persons(rng: random.Random, year: AdmissionYear, homes: list[Municipality]) -> list[Person]:
    schools = _sending_schools(homes)
    born_from = date(year.year - 16, 1, 1)
    born_to = date(year.year - 16, 12, 31)
    seen: set[str] = set(Person.objects.values_list("identity_number", flat=True))
    persons: list[Person] = []
    for home in homes:
        number = fake_identity_number(rng, born_from=born_from, born_to=born_to)
        while number.value in seen:
            number = fake_identity_number(rng, born_from=born_from, born_to=born_to)
        seen.add(number.value)
        persons.append(
            Person(
                identity_number=number.value,
                identity_kind=number.kind.value,
                birth_date=number.birth_date,
                given_name=rng.choice(GIVEN_NAMES),
                family_name=rng.choice(FAMILY_NAMES),
                protected_identity=rng.random() < 0.002,
                home_municipality=home,
                sending_school=schools.get(home.pk),
                email=f"elev{len(persons) + 1}@exempel.invalid",
                foreign_grades=rng.random() < 0.004,
            )
        )
    Person.objects.bulk_create(persons, batch_size=2000)
    return persons


def _grades(seed: str, persons: list[tuple[int, bool]], term: Term) -> int:
    """One term's grades of every pupil without foreign grades, inserted in bulk.

    `persons` are (id, foreign grades) pairs. The autumn grades of year 9 lie a little
    below the final grades, as they do in the region (domain §5.10).
    """
    updated = db_datetime(timezone.now())
    fields = ("person", "subject", "slot", "language_code", "grade", "term", "updated_at")
    shift = -0.25 if term is Term.HT9 else 0.0
    rng = random.Random(f"{seed}:{term.value}")  # noqa: S311 (invented demo data)

    def rows() -> Iterator[tuple[object, ...]]:
        for person_id, foreign in persons:
            if foreign:
                continue
            ability, language = _pupil(seed, person_id)
            for subject in (*SUBJECTS, "SV"):
                grade = _grade(ability + shift, rng)
                yield (person_id, subject, "", "", grade, term.value, updated)
            if language is not None:
                grade = _grade(ability + shift - 0.2, rng)
                yield (person_id, "MSP", "M2", language, grade, term.value, updated)

    return bulk_insert(Grade, fields, rows())


@transaction.atomic
def demo_final_grades_add(*, year: AdmissionYear) -> int:
    """The final grades (slutbetyg) of the demo year's applicants, before the final round."""
    persons = list(
        Person.objects.filter(applications__admission_year=year).values_list("pk", "foreign_grades")
    )
    count = _grades(year.seed, persons, Term.SLUTBETYG)
    audit_event_record(
        actor=None,
        action="admissions.demo_region.final_grades",
        subject=year,
        payload={"grades": count},
    )
    return count


def _preferences(rng: random.Random, ability: float, chooser: _Chooser) -> list[str]:
    """Programmes in the applicant's order (domain §9: the region's popularity skew).

    Demand for a programme follows its places, times a popularity factor that makes
    EK, SA and NA oversubscribed and vocational programmes less sought; stronger pupils
    lean to preparatory programmes. Most later choices are the same programme at other
    schools. Pupils likely to miss eligibility add introduction programmes as a safety
    net, as counsellors advise (domain §5.1).
    """
    codes = [p for p in chooser.places if p in POPULARITY]
    lean = max(0.2, 1 + 0.6 * ability)
    weights = [
        chooser.places[p] * POPULARITY[p] * (lean if p in PREPARATORY else 1 / lean) for p in codes
    ]
    count = rng.choices(range(1, 9), (6, 10, 16, 18, 16, 13, 11, 10))[0]
    main = rng.choices(codes, weights)[0]
    programmes = [
        main if i == 0 or rng.random() < 0.65 else rng.choices(codes, weights)[0]
        for i in range(count)
    ]
    for threshold, programme in ((-0.9, "IMV"), (-1.2, "IMA")):
        if ability < threshold and programme in chooser.by_programme:
            programmes.append(programme)
    return programmes


class _Chooser:
    """Draws offerings of a programme, weighted by attraction and four times by home."""

    def __init__(self, rng: random.Random, offerings: list[Offering]) -> None:
        self.rng = rng
        self.by_programme: dict[str, list[Offering]] = defaultdict(list)
        for offering in offerings:
            if offering.kind in CHOSEN_KINDS:
                self.by_programme[offering.programme_code].append(offering)
        self.attraction = {o.pk: rng.lognormvariate(0, 0.5) * o.places for o in offerings}
        self.places: dict[str, int] = defaultdict(int)
        for offering in offerings:
            self.places[offering.programme_code] += offering.places
        self._cumulative: dict[tuple[str, int], list[float]] = {}

    def _weights(self, programme: str, home: int) -> list[float]:
        key = (programme, home)
        if key not in self._cumulative:
            total, cumulative = 0.0, []
            for o in self.by_programme[programme]:
                local = o.school_unit.municipality_id == home
                total += self.attraction[o.pk] * (4.0 if local else 1.0)
                cumulative.append(total)
            self._cumulative[key] = cumulative
        return self._cumulative[key]

    def choose(self, person: Person, programmes: list[str]) -> list[Offering]:
        chosen: list[Offering] = []
        taken: set[int] = set()
        for programme in programmes:
            candidates = self.by_programme[programme]
            weights = self._weights(programme, person.home_municipality_id)
            for _ in range(5):  # a few draws to find one not chosen yet
                offering = self.rng.choices(candidates, cum_weights=weights)[0]
                if offering.pk not in taken:
                    taken.add(offering.pk)
                    chosen.append(offering)
                    break
        return chosen


def _applications(
    rng: random.Random,
    year: AdmissionYear,
    persons: list[Person],
    abilities: list[float],
    offerings: list[Offering],
) -> tuple[list[Application], list[ChoiceLine], int]:
    open_for_choice = [o for o in offerings if not o.cancelled and o.places > 0]
    chooser = _Chooser(rng, open_for_choice)
    area = cooperation_area_codes()
    applications, lists = [], []
    for person, ability in zip(persons, abilities, strict=True):
        chosen = chooser.choose(person, _preferences(rng, ability, chooser))
        if not chosen:
            continue
        saved = _at(year.application_opens + timedelta(days=rng.randrange(20)), rng)
        applications.append(
            Application(admission_year=year, person=person, created_at=saved, updated_at=saved)
        )
        lists.append((person, chosen, saved))
    Application.objects.bulk_create(applications, batch_size=2000)
    versions, lines = [], []
    for application, (person, chosen, saved) in zip(applications, lists, strict=True):
        in_time = [o.pk for o in chosen]
        current = list(in_time)
        versions.append(
            ApplicationVersion(
                application=application, saved_at=saved, offering_ids=in_time, in_window=True
            )
        )
        if rng.random() < LATE_SHARE:
            extra = rng.choice(open_for_choice)
            if extra.pk not in current:
                current.insert(rng.randrange(len(current) + 1), extra.pk)
                late_at = _at(year.change_closes + timedelta(days=rng.randrange(1, 30)), rng)
                versions.append(
                    ApplicationVersion(
                        application=application,
                        saved_at=late_at,
                        offering_ids=current,
                        in_window=False,
                    )
                )
                chosen = [*chosen, extra]
        by_id = {o.pk: o for o in chosen}
        flags = late_flags([str(i) for i in in_time], [str(i) for i in current])
        for rank, (offering_id, late) in enumerate(zip(current, flags, strict=True), start=1):
            offering = by_id[offering_id]
            hand = line_hand(person=person, offering=offering, area=area)
            lines.append(
                ChoiceLine(
                    application=application,
                    offering=offering,
                    rank=rank,
                    late=late,
                    hand=hand.value,
                )
            )
    ApplicationVersion.objects.bulk_create(versions, batch_size=5000)
    decisions = _decisions(rng, lines, persons)
    ChoiceLine.objects.bulk_create(lines, batch_size=5000)
    for decision in decisions:
        decision.line_id = decision.line.pk
    Decision.objects.bulk_create(decisions, batch_size=5000)
    return applications, lines, len(decisions)


def _decisions(
    rng: random.Random, lines: list[ChoiceLine], persons: list[Person]
) -> list[Decision]:
    """Decisions the schools and organisers record in spring (domain §5.9), set on the lines.

    The lines are not saved yet; the decisions are returned to be saved after them.
    """
    decided_at = timezone.now()
    foreign = {p.pk for p in persons if p.foreign_grades}
    decisions: list[Decision] = []
    free_quota_used: dict[int, int] = defaultdict(int)
    rank_counter: dict[int, int] = defaultdict(int)

    def record(line: ChoiceLine, kind: str, value: dict[str, object], reason: str) -> None:
        decisions.append(
            Decision(line=line, kind=kind, value=value, reason=reason, decided_at=decided_at)
        )

    shuffled = list(lines)
    rng.shuffle(shuffled)
    for line in shuffled:
        offering = line.offering
        person_id = line.application.person_id
        if offering.selection == "ranking":
            rank_counter[offering.pk] += 1
            if rng.random() < 0.9:
                line.school_rank = rank_counter[offering.pk]
                record(
                    line,
                    DecisionKind.SCHOOL_RANK,
                    {"school_rank": line.school_rank},
                    "Rangordnad efter intervju.",
                )
        if offering.skill_test and rng.random() < 0.85:
            limit = offering.skill_test_max_points or Decimal(20)
            line.skill_test_points = Decimal(rng.randint(1, int(limit)))
            record(
                line,
                DecisionKind.SKILL_TEST,
                {"skill_test_points": str(line.skill_test_points)},
                "Resultat på färdighetsprovet.",
            )
        if offering.kind == OfferingKind.SPORTS:
            line.endorsed = rng.random() < 0.8
            record(
                line,
                DecisionKind.ENDORSEMENT,
                {"endorsed": line.endorsed},
                "Bedömning av specialidrottsförbundet.",
            )
        quota_free = free_quota_used[offering.pk] < max(1, offering.places // 30)
        merit_selected = offering.selection == "merit"
        if (
            line.rank == 1
            and quota_free
            and merit_selected
            and (person_id in foreign or rng.random() < 0.0015)
        ):
            line.free_quota = True
            free_quota_used[offering.pk] += 1
            reason = (
                "Utländska betyg; bedömd behörig."
                if person_id in foreign
                else "Särskilda skäl (intyg från hälso- och sjukvården)."
            )
            record(line, DecisionKind.FREE_QUOTA, {"free_quota": True}, reason)
        elif rng.random() < 0.001:
            line.english_waiver = True
            record(
                line,
                DecisionKind.ENGLISH_WAIVER,
                {"english_waiver": True},
                "Dispens: nyanländ med kort tid i svensk skola.",
            )
    return decisions


def _demo_people() -> None:
    """Tie the demo users to the region: the applicant's record, their SYV and first school."""
    user = User.objects.filter(username="demo-sokande").first()
    sending = Organisation.objects.filter(
        kind=OrganisationKind.SENDING_SCHOOL, name="Exempelskolan (grundskola)"
    ).first()
    if user is None or sending is None:
        return
    pupils = Person.objects.filter(home_municipality__code="0180").order_by("pk")[:25]
    Person.objects.filter(pk__in=[p.pk for p in pupils]).update(sending_school=sending)
    person = (
        Person.objects.filter(
            sending_school=sending, foreign_grades=False, applications__isnull=False
        )
        .order_by("pk")
        .first()
    )
    if person is None:
        return
    person.user = user
    person.given_name, person.family_name = user.first_name, user.last_name
    person.save(update_fields=["user", "given_name", "family_name"])
    first = ChoiceLine.objects.filter(application__person=person, rank=1).select_related(
        "offering__school_unit"
    )[0]
    school = first.offering.school_unit
    for username, code in (("demo-skolpersonal", "school_staff"), ("demo-rektor", "principal")):
        staff = User.objects.filter(username=username).first()
        if staff is not None:
            membership_grant(
                actor=None, user=staff, role=Role.objects.get(code=code), organisation=school
            )


@transaction.atomic
def demo_region_build(
    *,
    today: date,
    seed: str = "demo-2027",
    applicants: int = APPLICANTS,
    progress: Progress = no_progress,
) -> DemoRegion:
    """Build the demo admission year with the autumn grades; refuses to build a year twice.

    The final grades come later (`demo_final_grades_add`), so that the preliminary round
    is tried on the autumn grades, as in the region's spring.
    """
    rng = random.Random(seed)  # noqa: S311 (invented demo data, not secrets)
    year = demo_calendar(today, seed)
    if AdmissionYear.objects.filter(year=year.year).exists():
        raise ValueError(f"Antagningsåret {year.year} finns redan i databasen.")
    year.save()
    offerings = demo_catalogue_build(year=year, rng=rng, applicants=applicants)
    progress("Skolor och utbildningar")
    offerings = list(
        Offering.objects.filter(admission_year=year).select_related(
            "school_unit__municipality", "school_unit__parent"
        )
    )
    homes = _cohorts(rng, applicants)
    persons = _persons(rng, year, homes)
    abilities = [_pupil(seed, p.pk)[0] for p in persons]
    progress("Sökande")
    grades = _grades(seed, [(p.pk, p.foreign_grades) for p in persons], Term.HT9)
    progress("Höstterminsbetyg")
    applications, lines, decisions = _applications(rng, year, persons, abilities, offerings)
    progress("Ansökningar och beslut")
    _demo_people()
    audit_event_record(
        actor=None,
        action="admissions.demo_region.built",
        subject=year,
        payload={
            "persons": len(persons),
            "grades": grades,
            "applications": len(applications),
            "lines": len(lines),
            "decisions": decisions,
        },
    )
    return DemoRegion(year, len(persons), len(applications), len(lines), len(offerings))
