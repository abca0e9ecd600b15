"""The service fee: the plan's 2026 table row by row, rounding, the ceiling."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gymnasieregion.core.fees.service_fee import (
    RateAboveCeilingError,
    service_fee,
    service_fee_table,
)

# The plan for 2026, "Avgift till Storsthlm 2026": code → (fee base 2025, fee 2026).
PLAN_2026 = {
    "0127": (6_947_638_236, 2_431_673),
    "0162": (2_326_497_590, 814_274),
    "0125": (2_155_668_290, 754_484),
    "0136": (6_804_104_517, 2_381_437),
    "0126": (7_754_584_554, 2_714_105),
    "0123": (6_014_909_841, 2_105_218),
    "0186": (3_133_657_401, 1_096_780),
    "0182": (7_135_165_159, 2_497_308),
    "0188": (4_750_298_027, 1_662_604),
    "0140": (863_834_596, 302_342),
    "0192": (2_103_238_188, 736_133),
    "0128": (1_264_024_062, 442_408),
    "0191": (3_727_864_628, 1_304_753),
    "0163": (5_011_849_055, 1_754_147),
    "0184": (4_232_549_057, 1_481_392),
    "0180": (59_988_936_205, 20_996_128),
    "0183": (3_233_692_493, 1_131_792),
    "0181": (7_544_612_612, 2_640_614),
    "0138": (3_449_358_673, 1_207_276),
    "0160": (4_859_784_038, 1_700_924),
    "0114": (3_467_788_207, 1_213_726),
    "0139": (2_264_584_130, 792_604),
    "0115": (2_361_473_386, 826_516),
    "0187": (797_777_413, 279_222),
    "0120": (3_096_409_371, 1_083_743),
    "0117": (2_950_486_222, 1_032_670),
}
RATE = Decimal("0.35")
CEILING = Decimal("0.45")


def table_2026():
    bases = {code: Decimal(base) for code, (base, _) in PLAN_2026.items()}
    return service_fee_table(
        year=2026, fee_bases=bases, rate_per_mille=RATE, ceiling_per_mille=CEILING
    )


def test_every_row_of_the_2026_table_equals_the_plan():
    table = table_2026()
    assert len(table.rows) == 26
    for row in table.rows:
        assert row.fee == PLAN_2026[row.municipality_code][1], row.municipality_code


def test_the_total_row_is_computed_on_the_total_fee_base_as_in_the_plan():
    table = table_2026()
    assert table.total_fee_base == Decimal(158_240_785_951)
    assert table.total_fee == Decimal(55_384_275)


def test_the_rounding_difference_between_total_and_rows_is_shown():
    table = table_2026()
    assert table.sum_of_rows == Decimal(55_384_273)
    assert table.rounding_difference == Decimal(2)


def test_a_fee_is_rounded_half_up_to_whole_kronor():
    assert service_fee(Decimal(10_000), Decimal("0.35")) == Decimal(4)  # 3.5 → 4
    assert service_fee(Decimal(9_999), Decimal("0.35")) == Decimal(3)  # 3.49965 → 3


def test_a_rate_above_the_ceiling_is_refused_with_a_swedish_message():
    with pytest.raises(RateAboveCeilingError, match="0,46 promille överstiger taket 0,45"):
        service_fee_table(
            year=2027,
            fee_bases={"0180": Decimal(1)},
            rate_per_mille=Decimal("0.46"),
            ceiling_per_mille=CEILING,
        )


def test_a_rate_equal_to_the_ceiling_is_allowed():
    table = service_fee_table(
        year=2027,
        fee_bases={"0180": Decimal(1000)},
        rate_per_mille=CEILING,
        ceiling_per_mille=CEILING,
    )
    assert table.rows[0].fee == Decimal(0)


@given(
    st.dictionaries(
        st.from_regex(r"01[0-9]{2}", fullmatch=True), st.integers(0, 10**12), min_size=1
    )
)
def test_the_rounding_difference_is_at_most_half_a_krona_per_row(bases):
    table = service_fee_table(
        year=2026,
        fee_bases={code: Decimal(amount) for code, amount in bases.items()},
        rate_per_mille=RATE,
        ceiling_per_mille=CEILING,
    )
    assert abs(table.rounding_difference) <= Decimal(len(bases) + 1) / 2
