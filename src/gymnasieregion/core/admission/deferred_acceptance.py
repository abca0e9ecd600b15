"""Applicant-proposing deferred acceptance (Gale & Shapley 1962; Abdulkadiroğlu & Sönmez 2003).

The domain rules R1-R4 (one place per applicant, the highest choice the priority allows,
lower choices struck, reserve on higher ones; domain §5.5) are exactly the outcome of this
algorithm with the offering priorities of `priority.py`. The result is the applicant-optimal
stable matching: no applicant can get a choice they rank higher without displacing someone
with higher priority there (no justified envy) or taking a seat that is not free (no waste).

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
    """`placement[a]` is the index of the proposal applicant a holds at the end, or -1."""

    placement: list[int]
    proposals: int


def deferred_acceptance(
    start: Sequence[int],
    offering_at: Sequence[int],
    priority_at: Sequence[int],
    capacities: Sequence[int],
) -> Matching:
    """Run applicant-proposing deferred acceptance.

    Input, on integer-indexed data in flat lists (one list for all applicants, not a list
    each): applicant a's acceptable choices, best first, are the indices `start[a]` to
    `start[a + 1] - 1`. Choice i is for offering `offering_at[i]`, where it has priority
    `priority_at[i]` (smaller is higher; distinct within an offering). `capacities[o]` is
    the number of seats of offering o.

    Steps, in the order of the paper:

    1. Every applicant is free and has proposed to nobody.
    2. A free applicant proposes to the highest-ranked offering on their list that they have
       not yet proposed to. An applicant with no offering left stays unplaced.
    3. The offering holds the proposal if it has a free seat. If it is full, it compares the
       proposer with the lowest-priority applicant it holds: the one with lower priority is
       rejected and becomes free again; the other is held.
    4. Repeat steps 2-3 until no free applicant has an offering left to propose to. Every
       held proposal becomes an admission.

    The order in which free applicants propose does not change the outcome (Gale & Shapley
    1962, §4; McVitie & Wilson 1971), so a stack of free applicants is used.
    """
    applicants = len(start) - 1
    # Step 1: everyone free; `next_choice[a]` is the index of a's next proposal. Each
    # offering holds a min-heap of its held proposals, each as one int
    # -(priority * applicants + applicant): the lowest priority is on top, and the heap
    # compares ints rather than tuples.
    next_choice = list(start[:applicants])
    held: list[list[int]] = [[] for _ in capacities]
    free_seats = list(capacities)
    free = list(range(applicants - 1, -1, -1))
    while free:
        applicant = free.pop()
        i, stop = next_choice[applicant], start[applicant + 1]
        while i < stop:
            # Step 2: propose to the best offering not yet proposed to.
            offering, proposal = offering_at[i], -(priority_at[i] * applicants + applicant)
            i += 1
            holders = held[offering]
            # Step 3: hold if a seat is free, else keep the higher priority of the two.
            if free_seats[offering]:
                free_seats[offering] -= 1
                heappush(holders, proposal)
                break
            if holders and holders[0] < proposal:
                free.append(-heapreplace(holders, proposal) % applicants)
                break
        next_choice[applicant] = i
    # Step 4: the held proposals are the admissions; each was its applicant's last.
    placement = [-1] * applicants
    for holders in held:
        for proposal in holders:
            applicant = -proposal % applicants
            placement[applicant] = next_choice[applicant] - 1
    proposals = sum(next_choice) - sum(start[:applicants])
    return Matching(placement=placement, proposals=proposals)
