"""Personnummer, samordningsnummer and TF-nummer: validation, century, normalisation."""

import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gymnasieregion.core.identity.fake import fake_identity_number, fake_identity_numbers
from gymnasieregion.core.identity.personal_identity import (
    IdentityKind,
    IdentityNumber,
    InvalidIdentityNumber,
    normalise_identity_number,
    parse_identity_number,
)

REFERENCE = date(2026, 3, 1)


def parse(text: str, reference_date: date = REFERENCE) -> IdentityNumber:
    return parse_identity_number(text, reference_date=reference_date)


@pytest.mark.parametrize(
    "text",
    ["121212+1212", "191212121212", "19121212-1212", " 121212 + 1212 ", "1912 1212 1212"],
)
def test_every_written_form_of_a_personnummer_normalises_to_twelve_digits(text: str) -> None:
    number = parse(text)
    assert number.value == "191212121212"
    assert number.kind is IdentityKind.PERSONNUMMER
    assert str(number) == "19121212-1212"


def test_a_dash_means_under_one_hundred_in_the_reference_year() -> None:
    assert parse("080314-2389").birth_date == date(2008, 3, 14)
    assert parse("990101-0000").birth_date == date(1999, 1, 1)
    assert parse("1212121212").birth_date == date(2012, 12, 12)


def test_a_plus_means_at_least_one_hundred_in_the_reference_year() -> None:
    assert parse("121212+1212").value == "191212121212"
    assert parse("260101+0008").birth_date == date(1926, 1, 1)


def test_the_century_follows_the_reference_date_not_a_clock() -> None:
    assert parse("250101-0009", date(2026, 1, 1)).birth_date == date(2025, 1, 1)
    assert parse("250101-0009", date(2024, 1, 1)).birth_date == date(1925, 1, 1)


def test_a_wrong_check_digit_is_refused_in_swedish() -> None:
    with pytest.raises(InvalidIdentityNumber, match=r"^Ogiltigt personnummer: kontrollsiffran"):
        parse("121212-1213")


def test_a_date_that_does_not_exist_is_refused() -> None:
    with pytest.raises(InvalidIdentityNumber, match="datumet finns inte"):
        parse("20080230-0000")


def test_a_birth_date_after_the_reference_date_is_refused() -> None:
    with pytest.raises(InvalidIdentityNumber, match="födelsedatumet har inte inträffat"):
        parse("20260302-0005", date(2026, 3, 1))


@pytest.mark.parametrize("text", ["", "12345", "1212121212121", "abcdef-ghij", "121212*1212"])
def test_text_that_is_not_shaped_like_a_number_is_refused(text: str) -> None:
    with pytest.raises(InvalidIdentityNumber, match=r"^Ogiltigt personnummer: "):
        parse(text)


def test_sixty_added_to_the_day_makes_a_samordningsnummer_with_the_real_birth_date() -> None:
    number = parse("701063-2391")
    assert number.kind is IdentityKind.SAMORDNINGSNUMMER
    assert number.value == "197010632391"
    assert number.birth_date == date(1970, 10, 3)


def test_a_samordningsnummer_with_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(
        InvalidIdentityNumber, match=r"^Ogiltigt samordningsnummer: kontrollsiffran"
    ):
        parse("701063-2392")


def test_a_samordningsnummer_day_beyond_the_month_is_refused() -> None:
    with pytest.raises(InvalidIdentityNumber, match="samordningsnummer: datumet finns inte"):
        parse("19700291-0000")


@pytest.mark.parametrize("text", ["20100101-TF01", "20100101tf01", "20100101-T123"])
def test_a_tf_number_is_its_own_kind_with_a_birth_date(text: str) -> None:
    number = parse(text)
    assert number.kind is IdentityKind.TF_NUMMER
    assert number.birth_date == date(2010, 1, 1)
    assert number.value == text.upper().replace("-", "")


def test_a_tf_number_with_an_impossible_date_is_refused() -> None:
    with pytest.raises(InvalidIdentityNumber, match=r"^Ogiltigt TF-nummer: datumet finns inte"):
        parse("20101301-TF01")


def test_normalise_returns_the_twelve_character_value() -> None:
    assert normalise_identity_number("121212-1212", reference_date=REFERENCE) == "201212121212"


kinds = st.sampled_from(list(IdentityKind))
seeds = st.integers(min_value=0, max_value=2**32)


def generated(seed: int, kind: IdentityKind) -> IdentityNumber:
    return fake_identity_number(
        random.Random(seed), born_from=date(1930, 1, 1), born_to=date(2026, 2, 28), kind=kind
    )


@given(seeds, kinds)
def test_every_generated_number_is_accepted_as_itself(seed: int, kind: IdentityKind) -> None:
    number = generated(seed, kind)
    assert parse(number.value) == number
    assert parse(str(number)) == number


@given(seeds, kinds)
def test_normalising_twice_changes_nothing(seed: int, kind: IdentityKind) -> None:
    once = normalise_identity_number(str(generated(seed, kind)), reference_date=REFERENCE)
    assert normalise_identity_number(once, reference_date=REFERENCE) == once


@given(seeds, st.sampled_from([IdentityKind.PERSONNUMMER, IdentityKind.SAMORDNINGSNUMMER]))
def test_the_ten_digit_form_with_its_separator_gives_back_the_same_number(
    seed: int, kind: IdentityKind
) -> None:
    number = generated(seed, kind)
    age = REFERENCE.year - number.birth_date.year
    separator = "+" if age >= 100 else "-"
    assert parse(number.value[2:8] + separator + number.value[8:]) == number


@given(seeds, kinds, st.integers(min_value=2, max_value=11), st.integers(min_value=1, max_value=9))
def test_changing_one_digit_of_a_checked_number_is_refused(
    seed: int, kind: IdentityKind, position: int, shift: int
) -> None:
    number = generated(seed, kind)
    if kind is IdentityKind.TF_NUMMER:
        position = min(position, 7)  # only the date is checked in a TF-nummer
        changed = number.value[:position] + "9" + number.value[position + 1 :]
        if changed == number.value or _is_date(changed[:8]):
            return
    else:
        digit = (int(number.value[position]) + shift) % 10
        changed = number.value[:position] + str(digit) + number.value[position + 1 :]
    with pytest.raises(InvalidIdentityNumber):
        parse(changed)


def _is_date(yyyymmdd: str) -> bool:
    try:
        return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8])) <= REFERENCE
    except ValueError:
        return False


def test_generated_numbers_are_the_same_for_the_same_seed_and_distinct() -> None:
    first = fake_identity_numbers(7, 500, born_from=date(2010, 1, 1), born_to=date(2010, 12, 31))
    again = fake_identity_numbers(7, 500, born_from=date(2010, 1, 1), born_to=date(2010, 12, 31))
    assert first == again
    assert len({n.value for n in first}) == 500
    assert all(date(2010, 1, 1) <= n.birth_date <= date(2010, 12, 31) for n in first)


def test_asking_for_more_numbers_than_the_date_range_holds_is_refused() -> None:
    with pytest.raises(ValueError, match="räcker inte"):
        fake_identity_numbers(1, 1001, born_from=date(2010, 1, 1), born_to=date(2010, 1, 1))
