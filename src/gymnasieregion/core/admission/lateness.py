"""Which choice lines are late (sent omval), per line (domain §5.2, the Sjuhärad examples).

A choice is in time if it existed when the change period closed and has not since been moved
above any choice that was ranked above it then. Added choices, and choices moved up past
others, are late; choices that keep their relative order stay in time.
"""

from collections.abc import Sequence


def late_flags(in_time: Sequence[str], current: Sequence[str]) -> tuple[bool, ...]:
    """For each offering in `current` (best first), whether that choice line is late.

    `in_time` is the applicant's list when the change period closed.
    """
    rank_then = {offering: i for i, offering in enumerate(in_time)}
    flags = []
    for i, offering in enumerate(current):
        if offering not in rank_then:
            flags.append(True)
            continue
        above_then = set(in_time[: rank_then[offering]])
        flags.append(not above_then.isdisjoint(current[i + 1 :]))
    return tuple(flags)
