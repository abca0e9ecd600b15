"""Eligibility (*behörighet*) for national and introduction programmes (domain §3).

National programmes (SL 16 kap 29–31 §§): svenska or svenska som andraspråk, engelska and
matematik passed, plus passes in at least 5 other subjects for a vocational programme or
9 for a preparatory one, among them the subjects the programme names (EK/HU/SA: GE, HI,
RE, SH; NA/TE: BI, FY, KE). "Other subjects" are all other grades, language slots
included (E1.1). A–E pass; F and the dash do not (E0.4).

General conditions (E0.1–E0.3): the applicant has left grundskola or equivalent, has not
completed upper-secondary education, and starts by the spring term of the year they turn
20 (the start date is an argument).

Special routes (§3.4):
- English waiver (SL 16 kap 32 §): an applicant otherwise eligible, granted the waiver by
  the receiving organiser, needs no English pass. It is tried only in the rounds of
  `RuleSet.english_waiver_rounds`, never in the preliminary round, never for IM.
- Nordic applicants (GyF 12 kap 6–7 §§) need no Swedish grade.
- Foreign grades are tried in *fri kvot* with no merit value: the core and the named
  subjects must be passed (Swedish not for Nordic applicants); they take no part in
  the preliminary round.

Introduction programmes (§3.5): IMV needs a pass in svenska/svenska som andraspråk, in
engelska or matematik, and at least 6 passes in all, and is for those not eligible for
its target programme; IMY and IMA are for those not eligible for a vocational programme;
IMS is for newly arrived youths, with a residence permit from age 18.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.grade import Grade
from gymnasieregion.core.grades.programmes import IMA, IMS, IMV, IMY, Programme, ProgrammeKind
from gymnasieregion.core.grades.rule_set import RuleSet
from gymnasieregion.core.grades.subject_grade import SubjectGrade, check_unique
from gymnasieregion.core.grades.subjects import (
    ENGLISH,
    MATHEMATICS,
    SWEDISH,
    SWEDISH_SECOND_LANGUAGE,
    subject_name,
)

_CORE = frozenset({SWEDISH, SWEDISH_SECOND_LANGUAGE, ENGLISH, MATHEMATICS})
_NOT_PASSED = frozenset({Grade.F, Grade.DASH})
MISSING_SWEDISH = "Godkänt betyg saknas i svenska eller svenska som andraspråk."
MISSING_ENGLISH = "Godkänt betyg saknas i engelska."
MISSING_ENGLISH_WAIVER_LATER = (
    "Godkänt betyg saknas i engelska. Undantaget från kravet på engelska prövas först "
    "vid slutantagningen."
)
MISSING_MATHEMATICS = "Godkänt betyg saknas i matematik."
MISSING_ENGLISH_OR_MATHEMATICS = "Godkänt betyg saknas i engelska eller matematik."
TOO_OLD = "Utbildningen måste påbörjas senast vårterminen det år sökanden fyller {age} år."
TOO_YOUNG = "Språkintroduktion är för ungdomar från det år de fyller {age} år."
NO_COMPULSORY_SCHOOL = "Sökanden har inte gått ut grundskolan eller motsvarande."
UPPER_SECONDARY_DONE = "Sökanden har redan slutfört ett nationellt program eller motsvarande."
FOREIGN_NOT_PRELIMINARY = "Utländska betyg prövas först vid slutantagningen."
NOT_NEWLY_ARRIVED = "Språkintroduktion är för nyanlända ungdomar."
NO_RESIDENCE_PERMIT = "Den som har fyllt {age} år behöver uppehållstillstånd för språkintroduktion."


class Route(StrEnum):
    """How an eligible applicant meets the requirements."""

    GRADES = "grades"
    ENGLISH_WAIVER = "english-waiver"
    NORDIC = "nordic"
    FREE_QUOTA = "free-quota"
    TARGET_GROUP = "target-group"


ROUTE_TEXT = {
    Route.GRADES: "Behörig genom betygen.",
    Route.ENGLISH_WAIVER: "Behörig genom undantag från kravet på engelska (skollagen 16 kap. 32 §).",
    Route.NORDIC: "Behörig som sökande från ett nordiskt land (gymnasieförordningen 12 kap. 6–7 §§).",
    Route.FREE_QUOTA: "Utländska betyg: inget meritvärde räknas, ansökan prövas i fri kvot.",
    Route.TARGET_GROUP: "Tillhör introduktionsprogrammets målgrupp.",
}


@dataclass(frozen=True)
class ApplicantFacts:
    """What eligibility needs to know beyond the grades.

    `compulsory_school` is true for a pupil in, or past, the last year of grundskola or
    equivalent schooling (E0.1); `english_waiver` is the organiser's decision under
    SL 16 kap 32 §; `nordic` an applicant from Denmark, Finland, Iceland, Norway, the
    Faroe Islands, Greenland or Åland; `dancer` an applicant from preparatory dance
    education with a reduced timetable (used by the merit value).
    """

    birth_date: date
    compulsory_school: bool = True
    upper_secondary_completed: bool = False
    nordic: bool = False
    foreign_grades: bool = False
    english_waiver: bool = False
    newly_arrived: bool = False
    residence_permit: bool = False
    dancer: bool = False


@dataclass(frozen=True, slots=True)
class Eligibility:
    """The outcome for one programme: eligible by which route, or every missing requirement."""

    programme: str
    eligible: bool
    route: Route | None
    missing: tuple[str, ...]

    @property
    def explanation(self) -> str:
        """One Swedish text for the pupil card."""
        if self.route is not None:
            return ROUTE_TEXT[self.route]
        return "Inte behörig. " + " ".join(self.missing)


@dataclass(frozen=True, slots=True)
class _Passes:
    """The passes in a grade set, counted once."""

    swedish: bool
    english: bool
    mathematics: bool
    compulsory: frozenset[str]
    others: int

    @property
    def total(self) -> int:
        return self.swedish + self.english + self.mathematics + self.others


def eligibility(
    grades: Iterable[SubjectGrade],
    programme_code: str,
    *,
    rules: RuleSet,
    facts: ApplicantFacts,
    round_: Round,
    start_date: date,
    target_programme: str | None = None,
) -> Eligibility:
    """Eligibility for one programme; for IMV, optionally towards `target_programme`.

    Without a target, IMV is open to an applicant not eligible for some national programme.
    """
    profile = _profile(grades, rules=rules, facts=facts, round_=round_, start_date=start_date)
    return _Assessor(rules, profile).assess(rules.programme(programme_code), target_programme)


def eligibility_all(
    grades: Iterable[SubjectGrade],
    *,
    rules: RuleSet,
    facts: ApplicantFacts,
    round_: Round,
    start_date: date,
) -> tuple[Eligibility, ...]:
    """Eligibility for every programme of `rules`, in catalogue order (IMV without a target)."""
    profile = _profile(grades, rules=rules, facts=facts, round_=round_, start_date=start_date)
    return _all(rules, profile)


@dataclass(frozen=True, slots=True)
class _Profile:
    """All that eligibility depends on, reduced so that equal situations compare equal."""

    passes: _Passes
    round: Round
    general: tuple[str, ...]
    compulsory_school: bool
    nordic: bool
    foreign_grades: bool
    english_waiver: bool
    newly_arrived: bool
    ims_too_young: bool
    ims_needs_permit: bool


def _profile(
    grades: Iterable[SubjectGrade],
    *,
    rules: RuleSet,
    facts: ApplicantFacts,
    round_: Round,
    start_date: date,
) -> _Profile:
    given = tuple(grades)
    check_unique(given)
    age = _age(facts.birth_date, start_date)
    return _Profile(
        passes=_count_passes(given, rules),
        round=round_,
        general=_general(facts, start_date, rules),
        compulsory_school=facts.compulsory_school,
        nordic=facts.nordic,
        foreign_grades=facts.foreign_grades,
        english_waiver=facts.english_waiver,
        newly_arrived=facts.newly_arrived,
        ims_too_young=start_date.year - facts.birth_date.year < rules.ims_youngest,
        ims_needs_permit=age >= rules.ims_permit_age and not facts.residence_permit,
    )


@lru_cache(maxsize=4096)
def _all(rules: RuleSet, profile: _Profile) -> tuple[Eligibility, ...]:
    """Applicants in the same situation share one result (a pure function, so cached)."""
    assessor = _Assessor(rules, profile)
    return tuple(assessor.assess(programme, None) for programme in rules.programmes)


class _Assessor:
    """Tries one programme after another against a profile, each national programme once."""

    def __init__(self, rules: RuleSet, profile: _Profile) -> None:
        self.rules = rules
        self.facts = profile
        self.round = profile.round
        self.passes = profile.passes
        self.general = profile.general
        self.national: dict[str, Eligibility] = {}

    def assess(self, programme: Programme, target: str | None) -> Eligibility:
        if programme.kind is not ProgrammeKind.INTRODUCTION:
            return self._national(programme)
        if programme.code == IMV:
            return self._imv(target)
        if programme.code in (IMY, IMA):
            return self._not_vocational(programme)
        if programme.code == IMS:
            return self._ims()
        raise ValueError(f"Okänt introduktionsprogram {programme.code!r}.")

    def _national(self, programme: Programme) -> Eligibility:
        known = self.national.get(programme.code)
        if known is not None:
            return known
        facts, passes, rules = self.facts, self.passes, self.rules
        missing = list(self.general)
        if not facts.compulsory_school:
            missing.append(NO_COMPULSORY_SCHOOL)
        if facts.foreign_grades and self.round is Round.PRELIMINARY:
            missing.append(FOREIGN_NOT_PRELIMINARY)
        if not passes.swedish and not facts.nordic:
            missing.append(MISSING_SWEDISH)
        waived = False
        if not passes.english:
            if facts.english_waiver and self.round in rules.english_waiver_rounds:
                waived = True
            elif facts.english_waiver:
                missing.append(MISSING_ENGLISH_WAIVER_LATER)
            else:
                missing.append(MISSING_ENGLISH)
        if not passes.mathematics:
            missing.append(MISSING_MATHEMATICS)
        if not facts.foreign_grades:
            needed = (
                rules.vocational_other_passed
                if programme.kind is ProgrammeKind.VOCATIONAL
                else rules.preparatory_other_passed
            )
            if passes.others < needed:
                missing.append(
                    f"Godkänt betyg krävs i minst {needed} ämnen utöver svenska, engelska och "
                    f"matematik; det finns i {passes.others}."
                )
        for code in sorted(programme.required_subjects - passes.compulsory):
            missing.append(f"Godkänt betyg saknas i {subject_name(code)}.")
        if missing:
            result = Eligibility(programme.code, False, None, tuple(missing))
        elif facts.foreign_grades:
            result = Eligibility(programme.code, True, Route.FREE_QUOTA, ())
        elif waived:
            result = Eligibility(programme.code, True, Route.ENGLISH_WAIVER, ())
        elif not passes.swedish:
            result = Eligibility(programme.code, True, Route.NORDIC, ())
        else:
            result = Eligibility(programme.code, True, Route.GRADES, ())
        self.national[programme.code] = result
        return result

    def _imv(self, target: str | None) -> Eligibility:
        passes, rules = self.passes, self.rules
        missing = self._im_general()
        if not passes.swedish:
            missing.append(MISSING_SWEDISH)
        if not (passes.english or passes.mathematics):
            missing.append(MISSING_ENGLISH_OR_MATHEMATICS)
        if passes.total < rules.imv_passed:
            missing.append(
                f"Godkänt betyg krävs i minst {rules.imv_passed} ämnen; det finns i {passes.total}."
            )
        if target is not None:
            goal = rules.programme(target)
            if goal.kind is ProgrammeKind.INTRODUCTION:
                raise ValueError("Programinriktat val riktas mot ett nationellt program.")
            if self._national(goal).eligible:
                missing.append(
                    f"Behörig till {goal.name}; programinriktat val är för den som saknar "
                    "behörighet till programmet."
                )
        elif all(self._national(p).eligible for p in self._national_programmes()):
            missing.append(
                "Behörig till alla nationella program; programinriktat val är för den som "
                "saknar behörighet till programmet."
            )
        return self._im_result(IMV, missing)

    def _not_vocational(self, programme: Programme) -> Eligibility:
        missing = self._im_general()
        vocational = [p for p in self._national_programmes() if p.kind is ProgrammeKind.VOCATIONAL]
        if any(self._national(p).eligible for p in vocational):
            missing.append(
                f"Behörig till yrkesprogram; {programme.name.lower()} är för den som saknar "
                "sådan behörighet."
            )
        return self._im_result(programme.code, missing)

    def _ims(self) -> Eligibility:
        rules = self.rules
        missing = list(self.general)
        if self.facts.ims_too_young:
            missing.append(TOO_YOUNG.format(age=rules.ims_youngest))
        if not self.facts.newly_arrived:
            missing.append(NOT_NEWLY_ARRIVED)
        if self.facts.ims_needs_permit:
            missing.append(NO_RESIDENCE_PERMIT.format(age=rules.ims_permit_age))
        return self._im_result(IMS, missing)

    def _im_general(self) -> list[str]:
        missing = list(self.general)
        if not self.facts.compulsory_school:
            missing.append(NO_COMPULSORY_SCHOOL)
        return missing

    def _im_result(self, code: str, missing: list[str]) -> Eligibility:
        if missing:
            return Eligibility(code, False, None, tuple(missing))
        return Eligibility(code, True, Route.TARGET_GROUP, ())

    def _national_programmes(self) -> tuple[Programme, ...]:
        return tuple(p for p in self.rules.programmes if p.kind is not ProgrammeKind.INTRODUCTION)


def _count_passes(grades: tuple[SubjectGrade, ...], rules: RuleSet) -> _Passes:
    """Passes in the core and named subjects, and the number of other passes.

    The count is capped at the highest number any rule asks for, so that applicants who
    differ only beyond it share a profile.
    """
    compulsory: set[str] = set()
    others = 0
    for grade in grades:
        if grade.grade in _NOT_PASSED:
            continue
        if grade.slot is None:
            compulsory.add(grade.subject)
            if grade.subject in _CORE:
                continue
        others += 1
    return _Passes(
        swedish=SWEDISH in compulsory or SWEDISH_SECOND_LANGUAGE in compulsory,
        english=ENGLISH in compulsory,
        mathematics=MATHEMATICS in compulsory,
        compulsory=frozenset(compulsory) & rules.named_subjects,
        others=min(others, rules.highest_pass_count),
    )


def _general(facts: ApplicantFacts, start_date: date, rules: RuleSet) -> tuple[str, ...]:
    """The age limit (E0.3) and completed upper-secondary education (E0.2)."""
    missing = []
    limit_year = facts.birth_date.year + rules.age_limit
    if limit_year < start_date.year or (
        limit_year == start_date.year and start_date.month > rules.last_spring_month
    ):
        missing.append(TOO_OLD.format(age=rules.age_limit))
    if facts.upper_secondary_completed:
        missing.append(UPPER_SECONDARY_DONE)
    return tuple(missing)


def _age(birth_date: date, on: date) -> int:
    """Completed years of age on a date."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
