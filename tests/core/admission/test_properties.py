"""Properties of the engine on random problems (Gale & Shapley 1962; Abdulkadiroğlu & Sönmez 2003)."""

from __future__ import annotations

import itertools
import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gymnasieregion.core.admission.canonical_json import canonical_bytes
from gymnasieregion.core.admission.engine import solve
from gymnasieregion.core.admission.manifest import problem_sha256
from gymnasieregion.core.admission.problem_file import parse_problem
from gymnasieregion.core.admission.result_file import ResultFile, dump_result
from gymnasieregion.core.admission.verifier import verify
from tests.core.admission.builders import Json, placements, secure_all
from tests.core.admission.strategies import problems


def _rank_of(data: Json, who: str, where: str | None) -> int:
    """Choice rank of a placement; unplaced counts as worse than every choice."""
    person = next(p for p in data["applicants"] if p["id"] == who)  # type: ignore[attr-defined]
    wishes = [c["offering"] for c in person["choices"]]
    return wishes.index(where) if where is not None else len(wishes)


@given(problems())
def test_the_verifier_finds_no_violation_in_any_result_of_the_engine(data: Json) -> None:
    problem = parse_problem(data)
    assert verify(problem, solve(problem)) == ()


def _brute_force_student_optimal(data: Json) -> dict[str, str | None]:
    """Enumerate every assignment, keep the stable ones, return the one all weakly prefer."""
    capacity = {o["id"]: o["capacity"] for o in data["offerings"]}  # type: ignore[attr-defined]
    people = data["applicants"]  # type: ignore[assignment]
    wishes = {p["id"]: [c["offering"] for c in p["choices"]] for p in people}
    # priority: merit desc, then lottery desc (higher wins), then id
    score = {
        (p["id"], c["offering"]): (-Decimal(c["merit"]), -p["lottery"], p["id"])
        for p in people
        for c in p["choices"]
    }
    ids = list(wishes)
    stable = []
    for combo in itertools.product(*[[None, *wishes[i]] for i in ids]):
        match = dict(zip(ids, combo, strict=True))
        taken = {o: [i for i in ids if match[i] == o] for o in capacity}
        if any(len(taken[o]) > capacity[o] for o in capacity):
            continue
        blocked = False
        for i in ids:
            better = wishes[i] if match[i] is None else wishes[i][: wishes[i].index(match[i])]
            for o in better:
                if len(taken[o]) < capacity[o] or any(
                    score[(i, o)] < score[(j, o)] for j in taken[o]
                ):
                    blocked = True
        if not blocked:
            stable.append(match)
    rank = {i: {o: k for k, o in enumerate(wishes[i])} for i in ids}
    best = [
        m
        for m in stable
        if all(
            all(rank[i].get(m[i], 99) <= rank[i].get(other[i], 99) for i in ids) for other in stable
        )
    ]
    assert len(best) == 1
    return best[0]


@settings(max_examples=60, deadline=None)
@given(problems(max_applicants=4, max_offerings=3, plain=True))
def test_the_result_is_the_student_optimal_stable_matching_found_by_brute_force(
    data: Json,
) -> None:
    assert placements(solve(parse_problem(data))) == _brute_force_student_optimal(data)


@given(problems(plain=True), st.randoms(use_true_random=False))
def test_with_one_shared_order_the_result_equals_serial_dictatorship(
    data: Json, rnd: random.Random
) -> None:
    for person in data["applicants"]:  # type: ignore[attr-defined]
        merit = rnd.choice(["200", "210", "220"])
        for choice in person["choices"]:
            choice["merit"] = merit
    seats = {o["id"]: o["capacity"] for o in data["offerings"]}  # type: ignore[attr-defined]
    order = sorted(
        data["applicants"],  # type: ignore[arg-type]
        key=lambda p: (
            -Decimal(p["choices"][0]["merit"]) if p["choices"] else 0,
            -p["lottery"],
            p["id"],
        ),
    )
    expected: dict[str, str | None] = {}
    for person in order:
        pick = next((c["offering"] for c in person["choices"] if seats[c["offering"]] > 0), None)
        if pick is not None:
            seats[pick] -= 1
        expected[person["id"]] = pick
    assert placements(solve(parse_problem(data))) == expected


@given(problems(), st.data())
def test_an_applicant_who_withdraws_never_makes_anyone_else_worse_off(
    data: Json, pick: st.DataObject
) -> None:
    people = data["applicants"]  # type: ignore[assignment]
    leaving = pick.draw(st.sampled_from([p["id"] for p in people]))
    before = placements(solve(parse_problem(data)))
    fewer = {**data, "applicants": [p for p in people if p["id"] != leaving]}
    after = placements(solve(parse_problem(fewer)))
    for who, where in after.items():
        assert _rank_of(data, who, where) <= _rank_of(data, who, before[who])


@given(problems(), st.data())
def test_a_reserve_round_never_moves_anyone_down(data: Json, pick: st.DataObject) -> None:
    problem = parse_problem(data)
    final = solve(problem)
    answers = {
        who: pick.draw(
            st.sampled_from(["accept_stay_reserve", "accept_without_reserve", "decline"])
        )
        for who, where in placements(final).items()
        if where is not None
    }
    reserve_data = secure_all(data, final, answers)
    for o in reserve_data["offerings"]:  # type: ignore[attr-defined]
        o["capacity"] += pick.draw(st.integers(0, 1))  # seats may be added before the round
    reserve_problem = parse_problem(reserve_data)
    reserve = solve(reserve_problem)
    assert verify(reserve_problem, reserve) == ()
    before, after = placements(final), placements(reserve)
    for who, answer in answers.items():
        if answer == "accept_stay_reserve":
            assert _rank_of(data, who, after[who]) <= _rank_of(data, who, before[who])
        elif answer == "accept_without_reserve":
            assert after[who] == before[who]


def _result_bytes(data: Json) -> bytes:
    problem = parse_problem(data)
    file = ResultFile(solve(problem), problem_sha256(problem), problem.rules.version, "test")
    return canonical_bytes(dump_result(file))


@given(problems(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_applicants_or_offerings(
    data: Json, rnd: random.Random
) -> None:
    shuffled = {
        **data,
        "applicants": rnd.sample(data["applicants"], len(data["applicants"])),  # type: ignore[arg-type]
        "offerings": rnd.sample(data["offerings"], len(data["offerings"])),  # type: ignore[arg-type]
    }
    assert _result_bytes(shuffled) == _result_bytes(data)
