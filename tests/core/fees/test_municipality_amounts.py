"""Parsing an imported fee-base table: every bad row named, nothing accepted on error."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from gymnasieregion.core.fees.municipality_amounts import parse_municipality_amounts

KNOWN = frozenset({"0180", "0182", "0127"})


def parse(rows):
    return parse_municipality_amounts(rows, amount_field="avgiftsunderlag", known_codes=KNOWN)


def test_valid_rows_give_amounts_and_accept_spaces_as_thousands_separators():
    parsed = parse(
        [
            {"kommunkod": "0180", "avgiftsunderlag": "59 988 936 205"},
            {"kommunkod": "0182", "avgiftsunderlag": "7135165159"},
        ]
    )
    assert parsed.errors == ()
    assert parsed.amounts == {"0180": Decimal(59_988_936_205), "0182": Decimal(7_135_165_159)}


def test_every_bad_row_is_reported_with_row_number_and_field_and_nothing_is_accepted():
    parsed = parse(
        [
            {"kommunkod": "0180", "avgiftsunderlag": "100"},
            {"kommunkod": "0182", "avgiftsunderlag": "-5"},
            {"kommunkod": "9999", "avgiftsunderlag": "100"},
            {"kommunkod": "0180", "avgiftsunderlag": "200"},
            {"kommunkod": "0127", "avgiftsunderlag": "tolv"},
            {"kommunkod": "", "avgiftsunderlag": ""},
        ]
    )
    assert parsed.amounts == {}
    assert [str(e) for e in parsed.errors] == [
        "Rad 3, fältet avgiftsunderlag: -5 är negativt.",
        "Rad 4, fältet kommunkod: okänd kommunkod '9999'.",
        "Rad 5, fältet kommunkod: kommunen 0180 finns redan på rad 2.",
        "Rad 6, fältet avgiftsunderlag: 'tolv' är inte ett heltal.",
        "Rad 7, fältet kommunkod: kommunkod saknas.",
        "Rad 7, fältet avgiftsunderlag: värde saknas.",
    ]


@given(
    st.lists(
        st.dictionaries(st.sampled_from(["kommunkod", "avgiftsunderlag", "x"]), st.text()),
        max_size=8,
    )
)
def test_any_rows_give_either_amounts_or_errors_never_an_exception(rows):
    parsed = parse(rows)
    assert (parsed.errors == ()) or (parsed.amounts == {})
    assert set(parsed.amounts) <= KNOWN
