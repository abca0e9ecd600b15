"""What makes an offering valid: its programme, kind, places, selection and skill test.

Used by the services for the school's form and by the import for every row, so a form
and a file get the same Swedish messages. Programme codes are data of the rule set of
the admission year (`core.grades.rule_set`, `core.grades.programmes`); the catalogue
adds the two study paths that are not national programmes: IB and the anpassad
gymnasieskola.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gymnasieregion.apps.catalogue.models import AdmissionYear, OfferingKind, OfferingSelection
from gymnasieregion.core.grades.programmes import IMA, IMS, IMV, IMY, ProgrammeKind
from gymnasieregion.core.grades.rule_set import RuleSet, rule_set_by_version

IB = "IB"
ADAPTED = "ANP"  # anpassad gymnasieskola; its programme is named in `orientation`
CATALOGUE_ONLY_PROGRAMMES = {
    IB: "International Baccalaureate",
    ADAPTED: "Anpassad gymnasieskola",
}
GROUP_INTRODUCTION = frozenset({IMV, IMY})
ALL_INTRODUCTION = frozenset({IMV, IMY, IMA, IMS})
RANKED_KINDS = frozenset({OfferingKind.INTRODUCTION_INDIVIDUAL, OfferingKind.ADAPTED})


@dataclass(frozen=True)
class OfferingData:
    """The fields of an offering that a school or the office sets."""

    programme_code: str
    name: str
    kind: str
    places: int
    orientation: str = ""
    profile: str = ""
    minimum_size: int = 0
    selection: str = OfferingSelection.MERIT
    skill_test: bool = False
    skill_test_multiplier: Decimal | None = None
    skill_test_max_points: Decimal | None = None


def rule_set_for(year: AdmissionYear) -> RuleSet:
    """The rule set named by the year's `rules_version`."""
    return rule_set_by_version(year.rules_version)


def programme_names(year: AdmissionYear) -> dict[str, str]:
    """Programme code → name for the year, including IB and the anpassad gymnasieskola."""
    names = {p.code: p.name for p in rule_set_for(year).programmes}
    return names | CATALOGUE_ONLY_PROGRAMMES


def offering_data_errors(data: OfferingData, *, rules: RuleSet) -> list[tuple[str, str]]:
    """Every problem with `data` as (field, Swedish message); empty when it is valid."""
    errors: list[tuple[str, str]] = []
    kinds = {p.code: p.kind for p in rules.programmes}
    code = data.programme_code
    if code not in kinds and code not in CATALOGUE_ONLY_PROGRAMMES:
        errors.append(
            (
                "programme_code",
                f"Programkoden {code!r} finns inte. Använd en kod ur programlistan, "
                "till exempel EK, NA eller IMV.",
            )
        )
    elif data.kind in OfferingKind.values:
        errors.extend(_kind_errors(data, kinds.get(code)))
    if data.kind not in OfferingKind.values:
        errors.append(("kind", f"Typen {data.kind!r} finns inte."))
    if not data.name.strip():
        errors.append(("name", "Ange utbildningens namn."))
    if data.places < 0:
        errors.append(("places", "Antalet platser kan inte vara negativt."))
    if data.minimum_size < 0:
        errors.append(("minimum_size", "Minsta antal elever kan inte vara negativt."))
    elif data.minimum_size > data.places >= 0:
        errors.append(
            ("minimum_size", "Minsta antal elever kan inte vara större än antalet platser.")
        )
    if data.selection not in OfferingSelection.values:
        errors.append(("selection", f"Urvalsgrunden {data.selection!r} finns inte."))
    elif data.kind in RANKED_KINDS and data.selection != OfferingSelection.RANKING:
        errors.append(
            (
                "selection",
                "Introduktionsprogram för en elev och anpassad gymnasieskola "
                "väljer elever genom skolans rangordning.",
            )
        )
    errors.extend(_skill_test_errors(data))
    return errors


def _kind_errors(data: OfferingData, programme_kind: ProgrammeKind | None) -> list[tuple[str, str]]:
    code, kind = data.programme_code, data.kind
    national = programme_kind in (ProgrammeKind.PREPARATORY, ProgrammeKind.VOCATIONAL)
    wrong = {
        OfferingKind.NATIONAL: not national,
        OfferingKind.SPORTS: not national,
        OfferingKind.INTRODUCTION_GROUP: code not in GROUP_INTRODUCTION,
        OfferingKind.INTRODUCTION_INDIVIDUAL: code not in ALL_INTRODUCTION,
        OfferingKind.IB: code != IB,
        OfferingKind.ADAPTED: code != ADAPTED,
    }[OfferingKind(kind)]
    if not wrong:
        return []
    label = OfferingKind(kind).label
    return [("kind", f"Programkoden {code} passar inte typen {label.lower()}.")]


def _skill_test_errors(data: OfferingData) -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []
    scale = (data.skill_test_multiplier, data.skill_test_max_points)
    if not data.skill_test:
        if any(value is not None for value in scale):
            errors.append(
                (
                    "skill_test",
                    "Faktor och högsta poäng för färdighetsprov anges bara när utbildningen har prov.",
                )
            )
        return errors
    if data.skill_test_multiplier is None or data.skill_test_multiplier <= 0:
        errors.append(("skill_test_multiplier", "Ange en faktor större än 0 för färdighetsprovet."))
    if data.skill_test_max_points is None or data.skill_test_max_points <= 0:
        errors.append(
            ("skill_test_max_points", "Ange högsta poäng (större än 0) för färdighetsprovet.")
        )
    return errors
