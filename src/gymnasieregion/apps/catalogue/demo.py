"""The demo region's catalogue: school units, organisers and about 2,000 offerings.

Everything is invented: organiser and school names, organisation numbers (valid by
their check digit, python-stdnum) and school-unit codes. The shape follows the domain
document §9: about 190 school units, about 60 municipal in the region's municipalities
(26 members and Håbo) roughly in proportion to their population and about 130
independent under about 40 organisers; about 2,000 offerings over the national and
introduction programmes; places about 1.1 × the applicants, with economics, social
science, natural science and technology large, many small vocational offerings, some
ranked introduction offerings, skill tests on a few arts offerings and minimum class
sizes. Rows are written with `bulk_create`; on SQLite the build takes well under a
second. Run it once per admission year.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from stdnum import luhn

from gymnasieregion.apps.accounts.access import SYSTEM
from gymnasieregion.apps.audit.services import audit_event_record
from gymnasieregion.apps.catalogue.calendar import AdmissionYearData
from gymnasieregion.apps.catalogue.models import (
    AdmissionYear,
    Offering,
    OfferingKind,
    OfferingSelection,
)
from gymnasieregion.apps.catalogue.offering_rules import ADAPTED, IB, programme_names
from gymnasieregion.apps.catalogue.services import admission_year_create
from gymnasieregion.apps.organisations.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    OrganiserType,
)
from gymnasieregion.core.identity.organisation_number import normalise_organisation_number

APPLICANTS = 31_000  # the plan's admission fee, 24.6 Mkr at 782 kr per youth
PLACES_PER_APPLICANT = Decimal("1.1")
MUNICIPAL_UNITS = 60
OFFERINGS = 2_000
HABO = "0305"
MISSING_POPULATION = 22_000  # Håbo is not in the reference file's population column

# Units per independent organiser: a few chains and many single schools (40 organisers, 130 units).
INDEPENDENT_ORGANISER_SIZES = (
    (16, 12, 10, 8, 7, 6, 5, 5) + (4,) * 3 + (3,) * 5 + (2,) * 10 + (1,) * 14
)

ORIENTATIONS: dict[str, tuple[str, ...]] = {
    "EK": ("Ekonomi", "Juridik"),
    "SA": ("Beteendevetenskap", "Samhällsvetenskap", "Medier, information och kommunikation"),
    "NA": ("Naturvetenskap", "Naturvetenskap och samhälle"),
    "TE": (
        "Design och produktutveckling",
        "Informations- och medieteknik",
        "Produktionsteknik",
        "Samhällsbyggande och miljö",
        "Teknikvetenskap",
    ),
    "ES": ("Bild och formgivning", "Dans", "Estetik och media", "Musik", "Teater"),
    "HU": ("Kultur", "Språk"),
    "BF": ("Fritid och hälsa", "Pedagogiskt och socialt arbete"),
    "BA": ("Husbyggnad", "Anläggningsfordon", "Måleri", "Plåtslageri"),
    "EE": ("Elteknik", "Automation", "Dator- och kommunikationsteknik", "Energiteknik"),
    "FT": ("Personbil", "Lastbil och mobila maskiner", "Transport", "Karosseri och lackering"),
    "FR": ("Frisör", "Hår- och makeupstylist"),
    "FS": ("Försäljning och service",),
    "HT": ("Hotell och konferens", "Turism och resor"),
    "IN": ("Produkt- och maskinteknik", "Svetsteknik"),
    "NB": ("Djur", "Trädgård", "Skog"),
    "RL": ("Kök och servering", "Bageri och konditori"),
    "VF": ("VVS", "Fastighet", "Kyl- och värmepumpsteknik"),
    "VO": ("",),
    "IB": ("",),
    "IMV": ("",),
    "IMY": ("",),
    "IMA": ("",),
    "IMS": ("",),
    ADAPTED: (
        "Administration, handel och varuhantering",
        "Estetiska verksamheter",
        "Hotell, restaurang och bageri",
        "Hälsa, vård och omsorg",
        "Natur, trädgård och djur",
    ),
}
PROFILES = ("", "", "", "", "Entreprenörskap", "Spets matematik", "Internationell", "Digital")
SPORTS = ("Fotboll", "Ishockey", "Innebandy", "Friidrott", "Simning", "Basket", "Handboll")
VOCATIONAL = ("BF", "BA", "EE", "FT", "FR", "FS", "HT", "IN", "NB", "RL", "VF", "VO")

# Programme → (weight of offerings, places per offering before scaling).
PROGRAMME_MIX: dict[str, tuple[float, tuple[int, ...]]] = {
    "EK": (14, (32, 32, 64, 64, 96, 30, 60)),
    "SA": (13, (32, 32, 64, 30, 60)),
    "NA": (10, (32, 32, 64, 30)),
    "TE": (8, (32, 30, 64)),
    "ES": (7, (16, 24, 30, 32)),
    "HU": (2, (30, 32)),
    "BF": (4, (16, 24, 30)),
    "BA": (4, (12, 16, 24)),
    "EE": (4, (16, 24, 30)),
    "FT": (3, (12, 16, 24)),
    "FR": (2, (12, 16)),
    "FS": (3, (16, 24)),
    "HT": (2, (16, 24)),
    "IN": (1.5, (12, 16)),
    "NB": (1, (16, 24)),
    "RL": (2.5, (12, 16, 24)),
    "VF": (1.5, (12, 16)),
    "VO": (3, (16, 24, 30)),
    "IMV": (5, (10, 15, 20)),
    "IMY": (3, (8, 10, 15)),
    "IMA": (2, (8, 10)),
    "IMS": (3, (15, 20, 30)),
    "IB": (0.5, (30,)),
    ADAPTED: (1.5, (6, 8, 10, 12)),
}
SPORTS_SHARE = 0.06  # of offerings on EK, SA, NA and TE
PREPARATORY = ("EK", "SA", "NA", "TE", "ES", "HU")
SCHOOL_PROFILES: dict[str, tuple[str, ...]] = {
    "comprehensive": tuple(PROGRAMME_MIX),
    "preparatory": (*PREPARATORY, "IB", "IMV"),
    "vocational": (*VOCATIONAL, "IMV", "IMY", "IMA"),
    "arts": ("ES", "SA", "HU", "IMV"),
    "introduction": ("IMV", "IMY", "IMA", "IMS", "BF", "VO", "FS"),
}
INDEPENDENT_PROFILE_WEIGHTS = {"preparatory": 45, "vocational": 25, "arts": 10, "comprehensive": 15, "introduction": 5}  # fmt: skip

NAME_HEADS = (
    "Björk", "Lind", "Ek", "Rönn", "Asp", "Sjö", "Strand", "Berg", "Dal", "Äng", "Hag", "Vik",
    "Sol", "Stjärn", "Fyr", "Ler", "Gran", "Tall", "Al", "Hassel", "Lönn", "Ljung", "Kastanj",
    "Klöver", "Vass", "Flod", "Skär", "Källa", "Mo", "Ros",
)  # fmt: skip
NAME_TAILS = ("vik", "backe", "dal", "lund", "holm", "näs", "berga", "udden", "ängen", "torp", "hög", "sund")  # fmt: skip
ORGANISER_FORMS = ("{} Utbildning AB", "{} Gymnasium AB", "Stiftelsen {}", "{} Skolor AB", "{} Lärande AB")  # fmt: skip


def demo_admission_year_data(year: int = 2027, seed: str = "") -> AdmissionYearData:
    """A calendar like Storsthlm's (domain §6): offerings from October, application
    14 January–15 February, preliminary admission and change period mid-April to mid-May,
    final grades by 25 June, final admission 1 July, answers by 16 July, two reserve rounds,
    studies from 17 August."""
    return AdmissionYearData(
        seed=seed or f"demo-{year}",
        offerings_open=date(year - 1, 10, 1),
        application_opens=date(year, 1, 14),
        application_closes=date(year, 2, 15),
        change_opens=date(year, 4, 15),
        change_closes=date(year, 5, 17),
        preliminary_published=date(year, 4, 15),
        final_grade_deadline=date(year, 6, 25),
        final_published=date(year, 7, 1),
        answer_deadline=date(year, 7, 16),
        reserve_round_dates=(date(year, 7, 27), date(year, 8, 5)),
        study_start=date(year, 8, 17),
    )


def demo_admission_year(*, year: int = 2027, seed: str = "") -> AdmissionYear:
    """The demo's admission year with a realistic calendar; the existing one if already made."""
    existing = AdmissionYear.objects.filter(year=year).first()
    if existing is not None:
        return existing
    return admission_year_create(actor=SYSTEM, year=year, data=demo_admission_year_data(year, seed))


@dataclass
class _Unit:
    organisation: Organisation
    municipal: bool
    profile: str


def _organisation_number(rng: random.Random, prefix: str, taken: set[str]) -> str:
    while True:
        body = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
        number = normalise_organisation_number(body + luhn.calc_check_digit(body))
        if number not in taken:
            taken.add(number)
            return number


def _unit_code(rng: random.Random, taken: set[str]) -> str:
    while True:
        code = str(rng.randrange(10_000_000, 100_000_000))
        if code not in taken:
            taken.add(code)
            return code


def _compound(head: str, tail: str) -> str:
    """`Vass` + `sund` → `Vassund`: Swedish writes no letter three times in a row."""
    if head[-2:] == head[-1] * 2 and tail[0] == head[-1]:
        return head + tail[1:]
    return head + tail


def _name(rng: random.Random, taken: set[str], form: str) -> str:
    while True:
        name = form.format(_compound(rng.choice(NAME_HEADS), rng.choice(NAME_TAILS)))
        if name not in taken:
            taken.add(name)
            return name


def _largest_remainder(weights: dict[Municipality, float], total: int) -> Counter[Municipality]:
    whole = sum(weights.values())
    shares = {m: w * total / whole for m, w in weights.items()}
    counts = Counter({m: int(s) for m, s in shares.items()})
    by_remainder = sorted(shares, key=lambda m: (shares[m] - int(shares[m]), m.code), reverse=True)
    for m in by_remainder[: total - sum(counts.values())]:
        counts[m] += 1
    return counts


def _region() -> list[Municipality]:
    return list(Municipality.objects.filter(Q(is_member=True) | Q(code=HABO)).order_by("code"))


def _population(municipality: Municipality) -> int:
    return municipality.population or MISSING_POPULATION


@dataclass(frozen=True)
class _Size:
    """How big a region to build: the full one for 31,000 applicants, smaller for fewer."""

    municipal_units: int
    organiser_sizes: tuple[int, ...]
    offerings: int

    @classmethod
    def for_applicants(cls, applicants: int) -> _Size:
        if applicants >= APPLICANTS:
            return cls(MUNICIPAL_UNITS, INDEPENDENT_ORGANISER_SIZES, OFFERINGS)
        share = applicants / APPLICANTS
        municipal = max(2, round(MUNICIPAL_UNITS * share))
        wanted = max(2, round(sum(INDEPENDENT_ORGANISER_SIZES) * share))
        sizes: list[int] = []
        for size in INDEPENDENT_ORGANISER_SIZES:
            if sum(sizes) >= wanted:
                break
            sizes.append(min(size, wanted - sum(sizes)))
        units = municipal + sum(sizes)
        return cls(municipal, tuple(sizes), max(3 * units, round(OFFERINGS * share)))


def _build_units(rng: random.Random, size: _Size) -> list[_Unit]:
    municipalities = _region()
    if not municipalities:
        raise ValueError("Kommunerna saknas. Kör först: gymnasieregion load_reference_data")
    municipality_orgs = {
        o.municipality_id: o
        for o in Organisation.objects.filter(
            kind=OrganisationKind.MUNICIPALITY, municipality__in=municipalities
        )
    }
    numbers = set(
        Organisation.objects.exclude(organisation_number="").values_list(
            "organisation_number", flat=True
        )
    )
    codes = set(
        Organisation.objects.exclude(school_unit_code="").values_list("school_unit_code", flat=True)
    )
    names = set(Organisation.objects.values_list("name", flat=True))

    municipal_counts = _largest_remainder(
        {m: float(_population(m)) for m in municipalities}, size.municipal_units
    )
    independent_weights = [_population(m) ** 1.15 for m in municipalities]

    organisers: list[Organisation] = []
    for municipality in municipalities:
        if municipal_counts[municipality]:
            organisers.append(
                Organisation(
                    kind=OrganisationKind.ORGANISER,
                    name=f"{municipality.name} kommun, gymnasieskolan",
                    municipality=municipality,
                    parent=municipality_orgs.get(municipality.pk),
                    organisation_number=_organisation_number(rng, "212000", numbers),
                    organiser_type=OrganiserType.MUNICIPAL,
                )
            )
    independent: list[Organisation] = []
    for _units in size.organiser_sizes:
        form = rng.choice(ORGANISER_FORMS)
        prefix = "802" if form.startswith("Stiftelsen") else rng.choice(("556", "559"))
        independent.append(
            Organisation(
                kind=OrganisationKind.ORGANISER,
                name=_name(rng, names, form),
                organisation_number=_organisation_number(rng, prefix, numbers),
                organiser_type=OrganiserType.INDEPENDENT,
            )
        )
    Organisation.objects.bulk_create([*organisers, *independent])
    municipal_organiser = {o.municipality_id: o for o in organisers}

    units: list[_Unit] = []
    for municipality in municipalities:
        for _ in range(municipal_counts[municipality]):
            name = _name(rng, names, "{}gymnasiet")
            units.append(
                _Unit(
                    Organisation(
                        kind=OrganisationKind.SCHOOL_UNIT,
                        name=name,
                        municipality=municipality,
                        parent=municipal_organiser[municipality.pk],
                        school_unit_code=_unit_code(rng, codes),
                    ),
                    municipal=True,
                    profile="comprehensive",
                )
            )
    profiles = list(INDEPENDENT_PROFILE_WEIGHTS)
    profile_weights = list(INDEPENDENT_PROFILE_WEIGHTS.values())
    for organiser, unit_count in zip(independent, size.organiser_sizes, strict=True):
        brand = (
            organiser.name.split()[1]
            if organiser.name.startswith("Stiftelsen")
            else organiser.name.split()[0]
        )
        profile = rng.choices(profiles, profile_weights)[0]
        for _ in range(unit_count):
            municipality = rng.choices(municipalities, independent_weights)[0]
            base = f"{brand} gymnasium {municipality.name}"
            name = base if base not in names else _name(rng, names, f"{brand} gymnasium {{}}")
            names.add(name)
            units.append(
                _Unit(
                    Organisation(
                        kind=OrganisationKind.SCHOOL_UNIT,
                        name=name,
                        municipality=municipality,
                        parent=organiser,
                        school_unit_code=_unit_code(rng, codes),
                    ),
                    municipal=False,
                    profile=profile,
                )
            )
    Organisation.objects.bulk_create([u.organisation for u in units])
    return units


def _offering_counts(rng: random.Random, units: list[_Unit], total: int) -> list[int]:
    counts = [max(3, min(25, round(rng.gauss(13 if u.municipal else 9.4, 3.5)))) for u in units]
    while sum(counts) != total:
        i = rng.randrange(len(counts))
        step = 1 if sum(counts) < total else -1
        if 3 <= counts[i] + step <= 25:
            counts[i] += step
    return counts


@dataclass(frozen=True)
class _Plan:
    programme: str
    orientation: str
    profile: str
    kind: str
    places: int


def _plan(rng: random.Random, programme: str) -> _Plan:
    orientation = rng.choice(ORIENTATIONS[programme])
    places = rng.choice(PROGRAMME_MIX[programme][1])
    profile = ""
    kind: str = OfferingKind.NATIONAL
    if programme in ("EK", "SA", "NA", "TE"):
        if rng.random() < SPORTS_SHARE:
            kind, profile, places = OfferingKind.SPORTS, f"NIU {rng.choice(SPORTS)}", rng.choice((10, 15, 20))  # fmt: skip
        else:
            profile = rng.choice(PROFILES)
    elif programme == "IMV":
        kind, profile = OfferingKind.INTRODUCTION_GROUP, f"Mot {rng.choice(('EK', 'SA', 'NA', 'TE', *VOCATIONAL))}"  # fmt: skip
    elif programme == "IMY":
        group = rng.random() < 0.6
        kind = OfferingKind.INTRODUCTION_GROUP if group else OfferingKind.INTRODUCTION_INDIVIDUAL
        profile = f"Mot {rng.choice(VOCATIONAL)}"
    elif programme in ("IMA", "IMS"):
        kind = OfferingKind.INTRODUCTION_INDIVIDUAL
    elif programme == IB:
        kind = OfferingKind.IB
    elif programme == ADAPTED:
        kind = OfferingKind.ADAPTED
    return _Plan(programme, orientation, profile, kind, places)


def _scaled(raw: list[int], total: int) -> list[int]:
    """Places scaled so that they sum to `total` exactly, each at least 1."""
    if total < len(raw):
        raise ValueError(f"{total} platser räcker inte till {len(raw)} utbildningar.")
    factor = total / sum(raw)
    places = [max(1, round(p * factor)) for p in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i], reverse=True)
    i = 0
    while sum(places) != total:
        j = order[i % len(order)]
        step = 1 if sum(places) < total else -1
        if places[j] + step >= 1:
            places[j] += step
        i += 1
    return places


@transaction.atomic
def demo_catalogue_build(
    *, year: AdmissionYear, rng: random.Random, applicants: int = APPLICANTS
) -> list[Offering]:
    """Create the demo region's school units, organisers and offerings for `year`.

    Places sum to round(1.1 × `applicants`). Needs the municipalities
    (`gymnasieregion load_reference_data`). Returns the offerings, saved.
    """
    names = programme_names(year)
    size = _Size.for_applicants(applicants)
    units = _build_units(rng, size)
    counts = _offering_counts(rng, units, size.offerings)
    plans: list[tuple[_Unit, _Plan]] = []
    for unit, count in zip(units, counts, strict=True):
        allowed = [p for p in SCHOOL_PROFILES[unit.profile] if unit.municipal or p != ADAPTED]
        weights = [PROGRAMME_MIX[p][0] for p in allowed]
        seen: set[tuple[str, str, str, str]] = set()
        attempts = 0
        while len(seen) < count and attempts < count * 20:
            attempts += 1
            plan = _plan(rng, rng.choices(allowed, weights)[0])
            key = (plan.programme, plan.orientation, plan.profile, plan.kind)
            if key not in seen:
                seen.add(key)
                plans.append((unit, plan))
    places = _scaled([p.places for _, p in plans], round(PLACES_PER_APPLICANT * applicants))

    offerings: list[Offering] = []
    sequence: Counter[tuple[str, str]] = Counter()
    for (unit, plan), seats in zip(plans, places, strict=True):
        school_code = unit.organisation.school_unit_code
        sequence[(school_code, plan.programme)] += 1
        ranked = plan.kind in (OfferingKind.INTRODUCTION_INDIVIDUAL, OfferingKind.ADAPTED)
        skill_test = (
            plan.programme == "ES"
            and plan.orientation in ("Musik", "Dans", "Teater", "Bild och formgivning")
            and rng.random() < 0.3
        )
        minimum = 0
        if plan.kind in (OfferingKind.NATIONAL, OfferingKind.SPORTS) and rng.random() < 0.6:
            minimum = min(seats, round(seats * rng.uniform(0.3, 0.6)), 20)
        label = names[plan.programme]
        name = " – ".join(part for part in (label, plan.orientation) if part)
        offerings.append(
            Offering(
                admission_year=year,
                code=f"{plan.programme}-{school_code}-{sequence[(school_code, plan.programme)]}",
                school_unit=unit.organisation,
                programme_code=plan.programme,
                orientation=plan.orientation,
                profile=plan.profile,
                name=f"{name}, {plan.profile}" if plan.profile else name,
                kind=plan.kind,
                places=seats,
                minimum_size=minimum,
                selection=OfferingSelection.RANKING if ranked else OfferingSelection.MERIT,
                skill_test=skill_test,
                skill_test_multiplier=Decimal(16) if skill_test else None,
                skill_test_max_points=Decimal(20) if skill_test else None,
            )
        )
    Offering.objects.bulk_create(offerings, batch_size=500)
    audit_event_record(
        actor=SYSTEM,
        action="catalogue.demo.build",
        subject=year,
        payload={
            "year": year.year,
            "school_units": len(units),
            "offerings": len(offerings),
            "places": sum(places),
        },
    )
    return offerings
