"""Pinned instances from the matching literature, with their known outcomes.

Data transcribed from Gale & Shapley (1962), Roth (1982), the `matching` library's README,
and hand-built Swedish-style cases; each outcome was checked by enumerating stable matchings.
"""

from __future__ import annotations

from tests.core.admission.adapter import scores_problem, strict_order_problem
from tests.core.admission.builders import (
    figures,
    placements,
    reserve_list,
    run,
    secure_all,
)

SWEDEN_STUDENTS = {
    "a": ["NA", "SA", "TE"],
    "b": ["NA", "TE"],
    "c": ["NA", "SA"],
    "d": ["SA", "NA"],
    "e": ["TE", "NA", "SA"],
    "f": ["NA", "SA", "TE"],
    "g": ["SA", "TE"],
    "h": ["NA", "TE", "SA"],
}
SWEDEN_SCORES = {
    "NA": {"a": 320.0, "b": 305.0, "c": 305.0, "d": 300.0, "e": 290.0, "f": 305.0, "h": 280.0},
    "SA": {"a": 320.0, "c": 305.0, "d": 300.0, "e": 290.0, "f": 305.0, "g": 250.0, "h": 280.0},
    "TE": {"a": 320.0, "b": 305.0, "e": 290.0, "g": 250.0, "h": 280.0},
}
SWEDEN_LOTTERY = {
    "a": 0.61,
    "b": 0.12,
    "c": 0.83,
    "d": 0.44,
    "e": 0.27,
    "f": 0.35,
    "g": 0.9,
    "h": 0.05,
}
SWEDEN_CAPACITIES = {"NA": 2, "SA": 2, "TE": 2}


def test_gale_shapley_example_1_gives_the_proposers_their_first_choices() -> None:
    data = strict_order_problem(
        {"alpha": ["A", "B", "C"], "beta": ["B", "C", "A"], "gamma": ["C", "A", "B"]},
        {
            "A": ["beta", "gamma", "alpha"],
            "B": ["gamma", "alpha", "beta"],
            "C": ["alpha", "beta", "gamma"],
        },
        {"A": 1, "B": 1, "C": 1},
    )
    assert placements(run(data)) == {"alpha": "A", "beta": "B", "gamma": "C"}


def test_gale_shapley_example_2_finds_the_unique_stable_matching() -> None:
    data = strict_order_problem(
        {
            "alpha": ["A", "B", "C", "D"],
            "beta": ["A", "D", "C", "B"],
            "gamma": ["B", "A", "C", "D"],
            "delta": ["D", "B", "C", "A"],
        },
        {
            "A": ["delta", "gamma", "alpha", "beta"],
            "B": ["beta", "delta", "alpha", "gamma"],
            "C": ["delta", "alpha", "beta", "gamma"],
            "D": ["gamma", "beta", "alpha", "delta"],
        },
        {"A": 1, "B": 1, "C": 1, "D": 1},
    )
    assert placements(run(data)) == {"alpha": "C", "beta": "D", "gamma": "A", "delta": "B"}


def test_roth_1982_gives_the_student_optimal_not_the_school_optimal_matching() -> None:
    data = strict_order_problem(
        {"m1": ["w2", "w1", "w3"], "m2": ["w1", "w3", "w2"], "m3": ["w1", "w2", "w3"]},
        {"w1": ["m1", "m3", "m2"], "w2": ["m3", "m1", "m2"], "w3": ["m1", "m3", "m2"]},
        {"w1": 1, "w2": 1, "w3": 1},
    )
    assert placements(run(data)) == {"m1": "w2", "m2": "w3", "m3": "w1"}


def test_the_matching_library_readme_hospital_resident_case() -> None:
    data = strict_order_problem(
        {
            "A": ["C"],
            "S": ["C", "M"],
            "D": ["C", "M", "G"],
            "J": ["C", "G", "M"],
            "L": ["M", "C", "G"],
        },
        {"M": ["D", "L", "S", "J"], "C": ["D", "A", "S", "L", "J"], "G": ["D", "J", "L"]},
        {"M": 2, "C": 2, "G": 2},
    )
    assert placements(run(data)) == {"A": "C", "S": "M", "D": "C", "J": "G", "L": "M"}


def test_swedish_merit_with_lottery_gives_placements_reserve_lists_and_cutoffs() -> None:
    result = run(scores_problem(SWEDEN_STUDENTS, SWEDEN_SCORES, SWEDEN_CAPACITIES, SWEDEN_LOTTERY))
    assert placements(result) == {
        "a": "NA",
        "b": "NA",
        "c": "SA",
        "d": None,
        "e": "TE",
        "f": "SA",
        "g": None,
        "h": "TE",
    }
    assert result.proposals == 13
    assert reserve_list(result, "NA") == ["f", "c", "d", "h"]
    assert reserve_list(result, "SA") == ["d", "g"]
    assert reserve_list(result, "TE") == ["g"]
    cutoffs = {o: str(figures(result, o).cutoff.merit) for o in ("NA", "SA", "TE")}
    assert cutoffs == {"NA": "305.0", "SA": "305.0", "TE": "280.0"}


AFTER_A_LEAVES = {"b": "NA", "c": "SA", "d": "SA", "e": "TE", "f": "NA", "g": None, "h": "TE"}


def test_swedish_case_after_a_withdraws_by_rerunning_the_final_round() -> None:
    students = {k: v for k, v in SWEDEN_STUDENTS.items() if k != "a"}
    result = run(scores_problem(students, SWEDEN_SCORES, SWEDEN_CAPACITIES, SWEDEN_LOTTERY))
    assert placements(result) == AFTER_A_LEAVES


def test_swedish_case_after_a_declines_in_a_reserve_round_by_the_vacancy_chain() -> None:
    data = scores_problem(SWEDEN_STUDENTS, SWEDEN_SCORES, SWEDEN_CAPACITIES, SWEDEN_LOTTERY)
    final = run(data)
    reserve = run(secure_all(data, final, {"a": "decline"}))
    assert placements(reserve) == {"a": None, **AFTER_A_LEAVES}


def test_hungarian_tie_case_under_the_lottery_policy() -> None:
    both = {"a": 300, "b": 280, "c": 280, "d": 250, "e": 240}
    result = run(
        scores_problem(
            {"a": ["P", "Q"], "b": ["P", "Q"], "c": ["P", "Q"], "d": ["P", "Q"], "e": ["Q", "P"]},
            {"P": both, "Q": both},
            {"P": 2, "Q": 2},
            {"a": 5, "b": 2, "c": 1, "d": 4, "e": 3},
        )
    )
    assert placements(result) == {"a": "P", "b": "Q", "c": "P", "d": "Q", "e": None}
    assert str(figures(result, "P").cutoff.merit) == "280"
    assert figures(result, "P").cutoff.decided_by == "lottery"
    assert str(figures(result, "Q").cutoff.merit) == "250"


LOWER_QUOTA = {
    "students": {
        "a": ["P1", "P2"],
        "b": ["P2", "P1", "P3"],
        "c": ["P2", "P3"],
        "d": ["P1", "P3"],
        "e": ["P3", "P2"],
    },
    "schools": {"P1": ["a", "d", "b"], "P2": ["b", "c", "a", "e"], "P3": ["c", "d", "e", "b"]},
    "capacities": {"P1": 3, "P2": 2, "P3": 2},
}


def test_an_offering_below_its_minimum_is_reported_and_cancelling_it_reruns_the_round() -> None:
    first = run(strict_order_problem(**LOWER_QUOTA, minimum={"P1": 3}))  # type: ignore[arg-type]
    assert placements(first) == {"a": "P1", "b": "P2", "c": "P2", "d": "P1", "e": "P3"}
    assert first.below_minimum_size == ("P1",)

    rerun = run(strict_order_problem(**LOWER_QUOTA, cancelled=frozenset({"P1"})))  # type: ignore[arg-type]
    assert placements(rerun) == {"a": None, "b": "P2", "c": "P2", "d": "P3", "e": "P3"}
    assert rerun.below_minimum_size == ()
