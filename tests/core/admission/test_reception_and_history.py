"""Reception hand (SL 16 kap 43-44 §§, domain §5.3) and the in-time reference (EX-17)."""

from datetime import datetime

import pytest

from gymnasieregion.core.admission.application_history import Version, current_late_flags
from gymnasieregion.core.admission.problem import Hand
from gymnasieregion.core.admission.reception import Statement, reception_hand

AREA = frozenset({"0180", "0184", "0136"})  # Stockholm, Solna, Haninge


@pytest.mark.parametrize(
    ("home", "statement", "special", "expected"),
    [
        ("0180", None, False, Hand.FIRST),  # lives in the school's municipality
        ("0184", None, False, Hand.FIRST),  # lives in the cooperation area
        ("1280", None, False, Hand.SECOND),  # Malmö: could have the programme at home
        ("1280", Statement.AT_HOME, False, Hand.SECOND),
        ("1280", Statement.AT_PARTNER, False, Hand.SECOND),
        ("1280", Statement.NOT_OFFERED, False, Hand.FIRST),  # not offered at home
        ("1280", Statement.AT_HOME, True, Hand.FIRST),  # special reasons accepted
    ],
)
def test_hand_at_a_municipal_school(
    home: str, statement: Statement | None, special: bool, expected: Hand
) -> None:
    hand = reception_hand(
        independent_school=False,
        school_municipality="0180",
        home_municipality=home,
        cooperation_area=AREA,
        statement=statement,
        special_reasons_accepted=special,
    )
    assert hand is expected


def test_an_independent_school_makes_no_distinction() -> None:
    hand = reception_hand(
        independent_school=True,
        school_municipality="0180",
        home_municipality="1280",
        cooperation_area=AREA,
    )
    assert hand is Hand.NONE


def test_a_school_outside_the_area_receives_only_its_own_residents_first_hand() -> None:
    hand = reception_hand(
        independent_school=False,
        school_municipality="1280",
        home_municipality="0180",
        cooperation_area=AREA,
    )
    assert hand is Hand.SECOND


def _at(day: int) -> datetime:
    return datetime(2027, 5, day, 12, 0)


def test_ex17_victor_moves_two_lines_above_te_after_the_change_period() -> None:
    versions = [
        Version(_at(10), ("TE", "VO", "SA"), in_window=True),
        Version(_at(20), ("VO", "SA", "TE"), in_window=False),
    ]
    assert current_late_flags(versions) == (True, True, False)


def test_ex17_diana_adds_a_third_line_late() -> None:
    versions = [
        Version(_at(20), ("VO", "SA", "BA"), in_window=False),  # order of input is free
        Version(_at(10), ("VO", "SA"), in_window=True),
    ]
    assert current_late_flags(versions) == (False, False, True)


def test_a_save_inside_a_later_window_makes_the_whole_list_in_time_again() -> None:
    versions = [
        Version(_at(1), ("NA",), in_window=True),
        Version(_at(2), ("SA", "NA"), in_window=False),  # between the periods: SA late
        Version(_at(3), ("SA", "NA"), in_window=True),  # saved again in the change period
    ]
    assert current_late_flags(versions) == (False, False)


def test_an_application_first_saved_after_every_window_is_late_throughout() -> None:
    versions = [Version(_at(25), ("NA", "SA"), in_window=False)]
    assert current_late_flags(versions) == (True, True)
    assert current_late_flags([]) == ()
