"""Lottery numbers for the last step of the tie-break chain (domain §5.4 step 5, §10 R5).

A number is drawn from the recorded seed of the admission year, so that every run of the
same year, on any machine, uses the same numbers: the first 53 bits of
SHA-256(seed, applicant id[, offering id]). 53 bits keep the number exact in every JSON
reader. A problem may also give the numbers explicitly; they are then used as given.
"""

import hashlib
from collections.abc import Sequence
from itertools import chain, repeat

from gymnasieregion.core.admission.problem import Applicant, LotteryScope, Rules

LOTTERY_BITS = 53
_SEPARATOR = "\x1f"  # unit separator: no id can make two different inputs hash alike


def draw(seed: str, applicant_id: str, offering_id: str | None = None) -> int:
    """The lottery number in [0, 2**53) for an applicant, or for an applicant at an offering."""
    parts = [seed, applicant_id] if offering_id is None else [seed, applicant_id, offering_id]
    return _number(_SEPARATOR.join(parts))


def _number(text: str) -> int:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> (64 - LOTTERY_BITS)


def lottery_numbers(rules: Rules, applicant: Applicant) -> tuple[int, ...]:
    """The number used for each choice line: explicit if the problem gives one, else drawn."""
    if rules.lottery_scope is LotteryScope.APPLICANT:
        number = applicant.lottery
        if number is None:
            number = draw(rules.seed, applicant.id)
        return (number,) * len(applicant.choices)
    return tuple(
        line.lottery if line.lottery is not None else draw(rules.seed, applicant.id, line.offering)
        for line in applicant.choices
    )


def line_lotteries(rules: Rules, applicants: Sequence[Applicant]) -> list[int]:
    """`lottery_numbers` of every applicant, one list for all their choice lines in order."""
    prefix = rules.seed + _SEPARATOR
    sha256, shift = hashlib.sha256, 64 - LOTTERY_BITS
    if rules.lottery_scope is LotteryScope.APPLICANT:
        numbers = [
            int.from_bytes(sha256((prefix + a.id).encode()).digest()[:8], "big") >> shift
            if a.lottery is None
            else a.lottery
            for a in applicants
        ]
        counts = [len(a.choices) for a in applicants]
        return list(chain.from_iterable(map(repeat, numbers, counts)))
    return [
        line.lottery
        if line.lottery is not None
        else _number(prefix + a.id + _SEPARATOR + line.offering)
        for a in applicants
        for line in a.choices
    ]
