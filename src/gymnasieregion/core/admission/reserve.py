"""How far an applicant may move in a round: secured places and answers (domain §5.7, §10 R3).

After the final round an applicant holds a *secured* place and answers one of
`Answer.ACCEPT_STAY_RESERVE` (also the meaning of no answer at Storsthlm),
`Answer.ACCEPT_WITHOUT_RESERVE` or `Answer.DECLINE`. An admission is a favourable decision
(gynnande beslut, FL 37 §): a reserve round may move an applicant up, never down or out.

The reserve round is run as deferred acceptance in which

1. each applicant's list is cut to the choices ranked above the secured place, plus the
   secured place itself while it is kept,
2. a kept secured place has the highest priority at its offering, so it is never lost,
3. everyone else competes with their usual priority, late choices in their late tiers.

Seats left by applicants who move up or decline go to the best reserve of that offering,
whose own seat goes to the next, and so on: the vacancy chain of domain §5.7. Started from a
stable matching, such chains end in the applicant-optimal stable matching of the new
market (Blum, Roth & Rothblum, "Vacancy chains and equilibration in senior-level labor
markets", Journal of Economic Theory 76 (1997) 362-411), which is what deferred acceptance
computes directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from gymnasieregion.core.admission.problem import Answer, Applicant, Round


@dataclass(frozen=True, slots=True)
class Movement:
    """Which choice ranks of an applicant compete in this round.

    Ranks above `floor` compete (all of them when `floor` is None). `held_rank` is the rank
    of the secured place the applicant keeps, if any; `gave_up_reserve` is True when they
    accepted it without staying reserve, so nothing above it competes either.
    """

    floor: int | None
    held_rank: int | None
    gave_up_reserve: bool

    def competes(self, rank: int) -> bool:
        """Whether the line with this choice rank may be tried (the held place excluded)."""
        return self.floor is None or (rank < self.floor and not self.gave_up_reserve)


FREE_MOVEMENT = Movement(floor=None, held_rank=None, gave_up_reserve=False)


def movement(applicant: Applicant, round_: Round) -> Movement:
    """The movement allowed to `applicant`; only a reserve round has secured places."""
    secured = applicant.secured
    if round_ is not Round.RESERVE or secured is None:
        return FREE_MOVEMENT
    rank = next(i for i, c in enumerate(applicant.choices, 1) if c.offering == secured.offering)
    if secured.answer is Answer.DECLINE:
        return Movement(floor=rank, held_rank=None, gave_up_reserve=False)
    return Movement(
        floor=rank,
        held_rank=rank,
        gave_up_reserve=secured.answer is Answer.ACCEPT_WITHOUT_RESERVE,
    )
