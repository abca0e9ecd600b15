"""The region generator makes deterministic problems that the engine solves and the verifier accepts."""

from gymnasieregion.core.admission.engine import solve
from gymnasieregion.core.admission.generator import generate_problem
from gymnasieregion.core.admission.manifest import problem_sha256
from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.admission.verifier import verify


def test_a_small_generated_region_is_solved_without_violations() -> None:
    problem = generate_problem(applicants=600, offerings=40, seed=7)
    result = solve(problem)
    assert verify(problem, result) == ()
    assert sum(1 for a in result.applicants if a.placement) > 400


def test_the_same_seed_gives_the_same_problem_and_another_seed_another() -> None:
    first = generate_problem(applicants=50, offerings=5, seed=1)
    assert problem_sha256(first) == problem_sha256(generate_problem(50, 5, seed=1))
    assert problem_sha256(first) != problem_sha256(generate_problem(50, 5, seed=2))


def test_a_generated_preliminary_round_is_solved_without_violations() -> None:
    problem = generate_problem(applicants=300, offerings=20, seed=3, round_=Round.PRELIMINARY)
    assert verify(problem, solve(problem)) == ()
