"""Merit value and eligibility for every programme, 30,000 generated applicants (issue 3).

Target: under 2 s for the computation; generating the applicants is not timed. Three
runs, each with a fresh copy of the rule set so that no result is cached between runs;
the best run is the figure (the others show how busy the machine was).
"""

import random
import time
from dataclasses import replace
from datetime import date

from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.assessment import assess_applicant
from gymnasieregion.core.grades.eligibility import ApplicantFacts
from gymnasieregion.core.grades.grade import Grade
from gymnasieregion.core.grades.rule_set import RULES_2026
from gymnasieregion.core.grades.subject_grade import SubjectGrade
from gymnasieregion.core.grades.subjects import Slot
from gymnasieregion.core.grades.terms import GradeRecord, Term
from gymnasieregion.core.identity.fake import fake_identity_numbers

APPLICANTS = 30_000
RUNS = 3
SEED = 2026
START = date(2026, 8, 17)
SUBJECTS = (
    "BL",
    "BI",
    "EN",
    "FY",
    "GE",
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
)
# Roughly the spread of year-9 grades: mostly C–E, some A/B, a few F and dashes.
GRADES = (Grade.A, Grade.B, Grade.C, Grade.D, Grade.E, Grade.F, Grade.DASH)
WEIGHTS = (10, 14, 22, 18, 20, 14, 2)

Applicant = tuple[list[GradeRecord], ApplicantFacts]


def _applicant(rng: random.Random, born: date) -> Applicant:
    def grade() -> Grade:
        return rng.choices(GRADES, WEIGHTS)[0]

    grades = [SubjectGrade(code, grade()) for code in SUBJECTS]
    grades.append(SubjectGrade("SVA" if rng.random() < 0.15 else "SV", grade()))
    if rng.random() < 0.7:
        grades.append(SubjectGrade("MSP", grade(), Slot.M2, rng.choice(("SPA", "DEU", "FRA"))))
    if rng.random() < 0.2:
        grades.append(SubjectGrade("MDM", grade(), Slot.ML, "ARA"))
    facts = ApplicantFacts(
        birth_date=born,
        nordic=rng.random() < 0.005,
        foreign_grades=rng.random() < 0.01,
        english_waiver=rng.random() < 0.005,
    )
    return [GradeRecord(Term.SLUTBETYG, g) for g in grades], facts


def _timed_run(applicants: list[Applicant]) -> tuple[float, int]:
    rules = replace(RULES_2026)  # a new rule set: nothing cached from an earlier run
    started = time.perf_counter()
    eligible = 0
    for records, facts in applicants:
        assessment = assess_applicant(
            records, rules=rules, facts=facts, round_=Round.FINAL, start_date=START
        )
        eligible += sum(result.eligible for result in assessment.eligibility)
    return time.perf_counter() - started, eligible


def run() -> None:
    identities = fake_identity_numbers(
        SEED, APPLICANTS, born_from=date(2010, 1, 1), born_to=date(2010, 12, 31)
    )
    rng = random.Random(SEED)
    applicants = [_applicant(rng, identity.birth_date) for identity in identities]
    timings = [_timed_run(applicants) for _ in range(RUNS)]
    best, eligible = min(timings)
    runs = ", ".join(f"{seconds:.2f}" for seconds, _ in timings)
    print(
        f"{APPLICANTS} applicants × (merit value + {len(RULES_2026.programmes)} programmes): "
        f"best {best:.2f} s of {RUNS} runs ({runs} s); {best / APPLICANTS * 1e6:.0f} µs each; "
        f"{eligible} eligible results; target < 2 s"
    )
