"""Applicant-proposing deferred acceptance (Gale & Shapley 1962; Abdulkadiroğlu & Sönmez 2003).

The domain rules R1-R4 (one place per applicant, the highest choice the priority allows,
lower choices struck, reserve on higher ones; domain §5.5) are exactly the outcome of this
algorithm with the offering priorities of `priority.py`. The result is the applicant-optimal
stable matching: no applicant can get a choice they rank higher without displacing someone
with higher priority there (no justified envy) or taking a seat that is not free (no waste).

Steps, in the order of the paper, on integer-indexed input:

1. Every applicant is free and has proposed to nobody.
2. A free applicant proposes to the highest-ranked offering on their list that they have
   not yet proposed to. An applicant with no offering left stays unplaced.
3. The offering holds the proposal if it has a free seat. If it is full, it compares the
   proposer with the lowest-priority applicant it holds: the one with lower priority is
   rejected and becomes free again; the other is held.
4. Repeat steps 2-3 until no free applicant has an offering left to propose to. Every held
   proposal becomes an admission.

The order in which free applicants propose does not change the outcome (Gale & Shapley 1962,
§4; McVitie & Wilson 1971), so a stack of free applicants is used.

References:
- D. Gale, L. S. Shapley, "College admissions and the stability of marriage",
  American Mathematical Monthly 69 (1962) 9-15.
- A. Abdulkadiroğlu, T. Sönmez, "School choice: a mechanism design approach",
  American Economic Review 93 (2003) 729-747.
- D. G. McVitie, L. B. Wilson, "The stable marriage problem", Communications of the ACM 14
  (1971) 486-490.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from heapq import heappush, heapreplace


@dataclass(frozen=True, slots=True)
class Matching:
    """`placement[a]` is the index into applicant a's list of the offering they got, or -1."""

    placement: tuple[int, ...]
    proposals: int


def deferred_acceptance(
    preferences: Sequence[Sequence[int]],
    offering_of: Sequence[int],
    position_of: Sequence[int],
    capacities: Sequence[int],
) -> Matching:
    """Run applicant-proposing deferred acceptance.

    `preferences[a]` lists applicant a's acceptable choice lines best first, as line
    numbers. Line n is for offering `offering_of[n]`, where the applicant has position
    `position_of[n]` in the priority order (0 is the highest; distinct within an offering).
    `capacities[o]` is the number of seats of offering o.
    """
    # Step 1: everyone free, nobody has proposed; each offering holds a max-heap of
    # (-position, applicant) so the lowest-priority holder is on top.
    next_choice = [0] * len(preferences)
    held: list[list[tuple[int, int]]] = [[] for _ in capacities]
    free = list(range(len(preferences) - 1, -1, -1))
    proposals = 0
    while free:
        applicant = free.pop()
        choices = preferences[applicant]
        i = next_choice[applicant]
        while i < len(choices):
            # Step 2: propose to the best offering not yet proposed to.
            line = choices[i]
            offering, position = offering_of[line], position_of[line]
            i += 1
            proposals += 1
            holders = held[offering]
            # Step 3: hold if a seat is free, else keep the higher priority of the two.
            if len(holders) < capacities[offering]:
                heappush(holders, (-position, applicant))
                break
            if holders and -holders[0][0] > position:
                rejected = heapreplace(holders, (-position, applicant))[1]
                free.append(rejected)
                break
        next_choice[applicant] = i
    # Step 4: the held proposals are the admissions.
    placement = [-1] * len(preferences)
    for holders in held:
        for _, applicant in holders:
            placement[applicant] = next_choice[applicant] - 1
    return Matching(placement=tuple(placement), proposals=proposals)
