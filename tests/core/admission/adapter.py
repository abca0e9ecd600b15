"""Adapter from the literature's matching instances to admission problems.

An instance lists, per student, schools best first; per school either a strict order of
students (modelled as a school's ranking, `selection: ranking`) or scores (modelled as merit
values, ties broken by one lottery number per student where the lower number wins). A
student missing from a school's list or scores is not eligible there.
"""

from __future__ import annotations

from decimal import Decimal

from tests.core.admission.builders import Json, applicant, line, offering, problem_data


def strict_order_problem(
    students: dict[str, list[str]],
    schools: dict[str, list[str]],
    capacities: dict[str, int],
    cancelled: frozenset[str] = frozenset(),
    minimum: dict[str, int] | None = None,
) -> Json:
    minimum = minimum or {}
    return problem_data(
        [
            offering(
                s,
                capacities[s],
                selection="ranking",
                cancelled=s in cancelled,
                minimum_size=minimum.get(s, 0),
            )
            for s in schools
        ],
        [
            applicant(
                who,
                *(
                    line(
                        s,
                        eligible=who in schools[s],
                        school_rank=schools[s].index(who) + 1 if who in schools[s] else None,
                    )
                    for s in wishes
                ),
            )
            for who, wishes in students.items()
        ],
    )


def scores_problem(
    students: dict[str, list[str]],
    scores: dict[str, dict[str, float]],
    capacities: dict[str, int],
    lottery: dict[str, float],
) -> Json:
    """Lottery numbers like 0.61 become integers (61) with the same order."""
    return problem_data(
        [offering(s, capacities[s]) for s in scores],
        [
            applicant(
                who,
                *(
                    line(s, Decimal(str(scores[s].get(who, 0))), eligible=who in scores[s])
                    for s in wishes
                ),
                lottery=int(Decimal(str(lottery[who])) * 100),
            )
            for who, wishes in students.items()
        ],
        tie_breaks=["lottery"],
        lottery_winner="lower",
    )
