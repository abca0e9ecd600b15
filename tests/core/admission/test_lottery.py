"""Lottery numbers drawn from the recorded seed are the same on every machine."""

from gymnasieregion.core.admission.lottery import LOTTERY_BITS, draw, lottery_numbers
from gymnasieregion.core.admission.problem import Applicant, ChoiceLine, LotteryScope, Rules


def test_a_drawn_number_is_pinned_so_a_change_of_algorithm_is_noticed() -> None:
    # first 53 bits of SHA-256("2026\x1fS000001")
    assert draw("2026", "S000001") == 3272988837452483


def test_numbers_are_below_two_to_the_53_and_differ_between_applicants() -> None:
    numbers = {draw("2026", f"S{i}") for i in range(1000)}
    assert len(numbers) == 1000
    assert max(numbers) < 2**LOTTERY_BITS


def test_per_choice_scope_draws_one_number_per_offering_unless_given() -> None:
    lines = (ChoiceLine("X", 0, 0), ChoiceLine("Y", 0, 0, lottery=7))
    person = Applicant("S1", lines)
    rules = Rules(version="v", seed="2026", lottery_scope=LotteryScope.CHOICE)
    assert lottery_numbers(rules, person) == (draw("2026", "S1", "X"), 7)


def test_per_applicant_scope_uses_the_explicit_number_for_every_line() -> None:
    lines = (ChoiceLine("X", 0, 0), ChoiceLine("Y", 0, 0))
    assert lottery_numbers(Rules(version="v", seed="s"), Applicant("S1", lines, lottery=5)) == (
        5,
        5,
    )
