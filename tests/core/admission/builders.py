"""Small builders for admission problems in tests: plain dicts in the file format, then parsed."""

from __future__ import annotations

from decimal import Decimal

from gymnasieregion.core.admission.engine import solve
from gymnasieregion.core.admission.outcome import Result
from gymnasieregion.core.admission.problem import Problem
from gymnasieregion.core.admission.problem_file import PROBLEM_FORMAT, parse_problem
from gymnasieregion.core.admission.verifier import verify

Json = dict[str, object]


def offering(id_: str, capacity: int, **fields: object) -> Json:
    return {"id": id_, "capacity": capacity, **fields}


def line(offering_id: str, merit: str | int | float = "0", **fields: object) -> Json:
    return {"offering": offering_id, "merit": str(Decimal(str(merit))), **fields}


def applicant(id_: str, *choices: Json, **fields: object) -> Json:
    return {"id": id_, "choices": list(choices), **fields}


def problem_data(
    offerings: list[Json], applicants: list[Json], round_: str = "final", **rules: object
) -> Json:
    return {
        "format": PROBLEM_FORMAT,
        "round": round_,
        "rules": {"version": "test", "seed": "test-seed", **rules},
        "offerings": offerings,
        "applicants": applicants,
    }


def checked_solve(problem: Problem) -> Result:
    """Solve and insist that the independent verifier agrees."""
    result = solve(problem)
    assert verify(problem, result) == ()
    return result


def run(data: Json) -> Result:
    return checked_solve(parse_problem(data))


def placements(result: Result) -> dict[str, str | None]:
    return {a.applicant: a.placement for a in result.applicants}


def outcome(result: Result, applicant_id: str, offering_id: str):  # type: ignore[no-untyped-def]
    choices = next(a for a in result.applicants if a.applicant == applicant_id).choices
    return next(c for c in choices if c.offering == offering_id)


def figures(result: Result, offering_id: str):  # type: ignore[no-untyped-def]
    return next(o for o in result.offerings if o.offering == offering_id)


def reserve_list(result: Result, offering_id: str) -> list[str]:
    listed = [
        (c.reserve_position, a.applicant)
        for a in result.applicants
        for c in a.choices
        if c.offering == offering_id and c.reserve_position is not None
    ]
    return [who for _, who in sorted(listed)]


def secure_all(data: Json, result: Result, answers: dict[str, str] | None = None) -> Json:
    """The reserve-round problem after `result`: every placement secured, with answers."""
    placed = placements(result)
    answers = answers or {}
    people = []
    for person in data["applicants"]:  # type: ignore[attr-defined]
        person = dict(person)
        where = placed[person["id"]]
        if where is not None:
            person["secured"] = {
                "offering": where,
                "answer": answers.get(person["id"], "accept_stay_reserve"),
            }
        people.append(person)
    return {**data, "round": "reserve", "applicants": people}
