"""Made-up identity numbers for tests, demos and benchmarks, the same for the same seed.

Each number has a valid date and check digit. The birth number is drawn at random, so a
made-up number can by chance equal a real person's number: use them only in test and
demo databases, never together with real data, and never look them up anywhere.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from stdnum import luhn

from gymnasieregion.core.identity.personal_identity import IdentityKind, IdentityNumber

_SAMORDNING_DAY_OFFSET = 60


def fake_identity_number(
    rng: random.Random,
    *,
    born_from: date,
    born_to: date,
    kind: IdentityKind = IdentityKind.PERSONNUMMER,
) -> IdentityNumber:
    """One number of `kind` for a person born in [born_from, born_to], drawn from `rng`."""
    born = born_from + timedelta(days=rng.randrange((born_to - born_from).days + 1))
    if kind is IdentityKind.TF_NUMMER:
        return IdentityNumber(f"{born:%Y%m%d}TF{rng.randrange(100):02d}", kind)
    day = born.day + (_SAMORDNING_DAY_OFFSET if kind is IdentityKind.SAMORDNINGSNUMMER else 0)
    nine = f"{born:%y%m}{day:02d}{rng.randrange(1000):03d}"
    check: str = luhn.calc_check_digit(nine)
    return IdentityNumber(f"{born.year // 100}{nine}{check}", kind)


def fake_identity_numbers(
    seed: int,
    count: int,
    *,
    born_from: date,
    born_to: date,
    kind: IdentityKind = IdentityKind.PERSONNUMMER,
) -> list[IdentityNumber]:
    """`count` distinct numbers from `seed`; raises ValueError if the range is too small."""
    days = (born_to - born_from).days + 1
    capacity = days * (100 if kind is IdentityKind.TF_NUMMER else 1000)
    if days <= 0 or count > capacity:
        raise ValueError("Födelsedatumintervallet räcker inte till så många nummer.")
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    seen: dict[str, IdentityNumber] = {}
    while len(seen) < count:
        number = fake_identity_number(rng, born_from=born_from, born_to=born_to, kind=kind)
        seen.setdefault(number.value, number)
    return list(seen.values())
