"""The problem file `gymnasieregion.admission-problem.v1`: parsed JSON ⇄ `Problem`.

No file I/O here: the caller reads the JSON. `parse_problem` refuses a malformed or
inconsistent problem with a `FileFormatError` naming the JSON path; `dump_problem` writes
the canonical form (every field explicit, offerings and applicants sorted by id) whose
SHA-256 the manifest records. The format is described in docs/reference/admission-files.md
and by schemas/admission-problem.v1.schema.json.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from gymnasieregion.core.admission import json_fields as f
from gymnasieregion.core.admission.json_fields import FileFormatError
from gymnasieregion.core.admission.lottery import LOTTERY_BITS
from gymnasieregion.core.admission.problem import (
    DEFAULT_TIE_BREAKS,
    DEFAULT_TIER_ORDER,
    Answer,
    Applicant,
    ChoiceLine,
    Hand,
    LotteryScope,
    LotteryWinner,
    Offering,
    Problem,
    Round,
    Rules,
    SecuredPlace,
    Selection,
    TieBreak,
    Tier,
)

PROBLEM_FORMAT = "gymnasieregion.admission-problem.v1"
_LOTTERY_MAX = 2**LOTTERY_BITS - 1
_TOP = frozenset({"format", "round", "rules", "offerings", "applicants"})
_RULES = frozenset(
    {"version", "seed", "tier_order", "tie_breaks", "lottery_scope", "lottery_winner"}
)
_OFFERING = frozenset({"id", "capacity", "cancelled", "minimum_size", "selection"})
_APPLICANT = frozenset({"id", "lottery", "secured", "choices"})
_SECURED = frozenset({"offering", "answer"})
_CHOICE = frozenset(
    {
        "offering",
        "merit",
        "grade_sum",
        "grade_count",
        "eligible",
        "hand",
        "late",
        "free_quota",
        "declined",
        "school_rank",
        "lottery",
    }
)


def parse_problem(data: object) -> Problem:
    """Build a `Problem` from parsed JSON, or raise `FileFormatError` with the path and a reason."""
    top = f.as_object(data, "", _TOP)
    if f.member(top, "format", "") != PROBLEM_FORMAT:
        raise FileFormatError("format", f"ska vara {PROBLEM_FORMAT!r}")
    round_ = f.choice(f.member(top, "round", ""), "round", Round)
    rules = _rules(f.member(top, "rules", ""), "rules")
    offerings = _offerings(f.member(top, "offerings", ""), "offerings")
    by_id = {o.id: o for o in offerings}
    applicants_path = "applicants"
    applicants = []
    seen: set[str] = set()
    for i, item in enumerate(f.as_list(f.member(top, "applicants", ""), applicants_path)):
        path = f.join(applicants_path, i)
        applicant = _applicant(item, path, rules, round_, by_id)
        if applicant.id in seen:
            raise FileFormatError(f.join(path, "id"), f"sökande {applicant.id!r} finns redan")
        seen.add(applicant.id)
        applicants.append(applicant)
    problem = Problem(round_, rules, tuple(offerings), tuple(applicants))
    _check_seats(problem)
    _check_school_ranks(problem)
    return problem


def dump_problem(problem: Problem) -> dict[str, object]:
    """The canonical JSON form of a problem (the input of its SHA-256)."""
    rules = problem.rules
    return {
        "format": PROBLEM_FORMAT,
        "round": problem.round.value,
        "rules": {
            "version": rules.version,
            "seed": rules.seed,
            "tier_order": [t.value for t in rules.tier_order],
            "tie_breaks": [t.value for t in rules.tie_breaks],
            "lottery_scope": rules.lottery_scope.value,
            "lottery_winner": rules.lottery_winner.value,
        },
        "offerings": [
            {
                "id": o.id,
                "capacity": o.capacity,
                "cancelled": o.cancelled,
                "minimum_size": o.minimum_size,
                "selection": o.selection.value,
            }
            for o in sorted(problem.offerings, key=lambda o: o.id)
        ],
        "applicants": [_dump_applicant(a) for a in sorted(problem.applicants, key=lambda a: a.id)],
    }


def _dump_applicant(applicant: Applicant) -> dict[str, object]:
    secured = applicant.secured
    return {
        "id": applicant.id,
        "lottery": applicant.lottery,
        "secured": None
        if secured is None
        else {"offering": secured.offering, "answer": secured.answer.value},
        "choices": [
            {
                "offering": c.offering,
                "merit": str(c.merit),
                "grade_sum": str(c.grade_sum),
                "grade_count": c.grade_count,
                "eligible": c.eligible,
                "hand": c.hand.value,
                "late": c.late,
                "free_quota": c.free_quota,
                "declined": c.declined,
                "school_rank": c.school_rank,
                "lottery": c.lottery,
            }
            for c in applicant.choices
        ],
    }


def _rules(value: object, path: str) -> Rules:
    obj = f.as_object(value, path, _RULES)
    tier_order = tuple(
        f.choice(item, f.join(f.join(path, "tier_order"), i), Tier)
        for i, item in enumerate(
            f.as_list(obj.get("tier_order", list(DEFAULT_TIER_ORDER)), f.join(path, "tier_order"))
        )
    )
    if sorted(tier_order) != sorted(Tier):
        raise FileFormatError(f.join(path, "tier_order"), "ska innehålla varje grupp exakt en gång")
    tie_breaks = tuple(
        f.choice(item, f.join(f.join(path, "tie_breaks"), i), TieBreak)
        for i, item in enumerate(
            f.as_list(obj.get("tie_breaks", list(DEFAULT_TIE_BREAKS)), f.join(path, "tie_breaks"))
        )
    )
    if len(set(tie_breaks)) != len(tie_breaks) or TieBreak.LOTTERY not in tie_breaks:
        raise FileFormatError(
            f.join(path, "tie_breaks"),
            "ska nämna varje steg högst en gång och sluta i lottning (lottery) någonstans",
        )
    return Rules(
        version=f.text(f.member(obj, "version", path), f.join(path, "version")),
        seed=f.text(f.member(obj, "seed", path), f.join(path, "seed")),
        tier_order=tier_order,
        tie_breaks=tie_breaks,
        lottery_scope=f.choice(
            obj.get("lottery_scope", LotteryScope.APPLICANT.value),
            f.join(path, "lottery_scope"),
            LotteryScope,
        ),
        lottery_winner=f.choice(
            obj.get("lottery_winner", LotteryWinner.HIGHER.value),
            f.join(path, "lottery_winner"),
            LotteryWinner,
        ),
    )


def _offerings(value: object, path: str) -> list[Offering]:
    offerings = []
    seen: set[str] = set()
    for i, item in enumerate(f.as_list(value, path)):
        item_path = f.join(path, i)
        obj = f.as_object(item, item_path, _OFFERING)
        offering = Offering(
            id=f.text(f.member(obj, "id", item_path), f.join(item_path, "id")),
            capacity=f.integer(
                f.member(obj, "capacity", item_path), f.join(item_path, "capacity"), 0
            ),
            cancelled=f.boolean(obj.get("cancelled", False), f.join(item_path, "cancelled")),
            minimum_size=f.integer(
                obj.get("minimum_size", 0), f.join(item_path, "minimum_size"), 0
            ),
            selection=f.choice(
                obj.get("selection", Selection.MERIT.value),
                f.join(item_path, "selection"),
                Selection,
            ),
        )
        if offering.id in seen:
            raise FileFormatError(
                f.join(item_path, "id"), f"utbildningen {offering.id!r} finns redan"
            )
        seen.add(offering.id)
        offerings.append(offering)
    return offerings


def _applicant(
    value: object, path: str, rules: Rules, round_: Round, offerings: Mapping[str, Offering]
) -> Applicant:
    obj = f.as_object(value, path, _APPLICANT)
    lottery = f.optional_integer(obj.get("lottery"), f.join(path, "lottery"), 0, _LOTTERY_MAX)
    if lottery is not None and rules.lottery_scope is not LotteryScope.APPLICANT:
        raise FileFormatError(
            f.join(path, "lottery"), "lottnummer per sökande kräver lottery_scope 'applicant'"
        )
    choices_path = f.join(path, "choices")
    choices: list[ChoiceLine] = []
    ranks: dict[str, int] = {}
    for j, item in enumerate(f.as_list(f.member(obj, "choices", path), choices_path)):
        line_path = f.join(choices_path, j)
        line = _choice(item, line_path, rules, offerings)
        if line.offering in ranks:
            raise FileFormatError(
                f.join(line_path, "offering"),
                f"utbildningen {line.offering!r} är redan val {ranks[line.offering]}",
            )
        ranks[line.offering] = j + 1
        choices.append(line)
    secured = _secured(obj.get("secured"), f.join(path, "secured"), round_, offerings, choices)
    return Applicant(
        id=f.text(f.member(obj, "id", path), f.join(path, "id")),
        choices=tuple(choices),
        lottery=lottery,
        secured=secured,
    )


def _choice(
    value: object, path: str, rules: Rules, offerings: Mapping[str, Offering]
) -> ChoiceLine:
    obj = f.as_object(value, path, _CHOICE)
    offering_id = f.text(f.member(obj, "offering", path), f.join(path, "offering"))
    offering = offerings.get(offering_id)
    if offering is None:
        raise FileFormatError(f.join(path, "offering"), f"okänd utbildning {offering_id!r}")
    merit = f.decimal(f.member(obj, "merit", path), f.join(path, "merit"))
    line = ChoiceLine(
        offering=offering_id,
        merit=merit,
        grade_sum=f.decimal(obj.get("grade_sum", str(merit)), f.join(path, "grade_sum")),
        grade_count=f.integer(obj.get("grade_count", 0), f.join(path, "grade_count"), 0),
        eligible=f.boolean(obj.get("eligible", True), f.join(path, "eligible")),
        hand=f.choice(obj.get("hand", Hand.FIRST.value), f.join(path, "hand"), Hand),
        late=f.boolean(obj.get("late", False), f.join(path, "late")),
        free_quota=f.boolean(obj.get("free_quota", False), f.join(path, "free_quota")),
        declined=f.boolean(obj.get("declined", False), f.join(path, "declined")),
        school_rank=f.optional_integer(obj.get("school_rank"), f.join(path, "school_rank"), 1),
        lottery=f.optional_integer(obj.get("lottery"), f.join(path, "lottery"), 0, _LOTTERY_MAX),
    )
    ranked = offering.selection is Selection.RANKING
    if line.school_rank is not None and not ranked:
        raise FileFormatError(
            f.join(path, "school_rank"), "skolans rang anges bara vid urval efter rangordning"
        )
    if line.free_quota and (ranked or not line.eligible):
        raise FileFormatError(
            f.join(path, "free_quota"),
            "fri kvot kräver behörighet och en utbildning med urval efter meritvärde",
        )
    if line.lottery is not None and rules.lottery_scope is not LotteryScope.CHOICE:
        raise FileFormatError(
            f.join(path, "lottery"), "lottnummer per val kräver lottery_scope 'choice'"
        )
    return line


def _secured(
    value: object,
    path: str,
    round_: Round,
    offerings: Mapping[str, Offering],
    choices: Sequence[ChoiceLine],
) -> SecuredPlace | None:
    if value is None:
        return None
    obj = f.as_object(value, path, _SECURED)
    if round_ is not Round.RESERVE:
        raise FileFormatError(path, "en säkrad plats finns bara i en reservantagning")
    offering_path = f.join(path, "offering")
    offering_id = f.text(f.member(obj, "offering", path), offering_path)
    offering = offerings.get(offering_id)
    if offering is None:
        raise FileFormatError(offering_path, f"okänd utbildning {offering_id!r}")
    if offering.cancelled:
        raise FileFormatError(offering_path, f"utbildningen {offering_id!r} startar inte")
    line = next((c for c in choices if c.offering == offering_id), None)
    if line is None or line.declined:
        raise FileFormatError(
            offering_path, f"utbildningen {offering_id!r} finns inte bland sökandens val"
        )
    return SecuredPlace(
        offering=offering_id,
        answer=f.choice(
            obj.get("answer", Answer.ACCEPT_STAY_RESERVE.value), f.join(path, "answer"), Answer
        ),
    )


def _check_seats(problem: Problem) -> None:
    """Seats taken before selection (fri kvot, kept secured places) must fit the capacity."""
    taken: Counter[str] = Counter()
    for applicant in problem.applicants:
        kept = applicant.secured
        holds = {kept.offering} if kept and kept.answer is not Answer.DECLINE else set()
        holds.update(c.offering for c in applicant.choices if c.free_quota and not c.declined)
        taken.update(holds)
    for i, offering in enumerate(problem.offerings):
        if taken[offering.id] > offering.capacity and not offering.cancelled:
            raise FileFormatError(
                f"offerings[{i}].capacity",
                f"{taken[offering.id]} sökande har plats i fri kvot eller en säkrad plats, "
                f"men utbildningen {offering.id!r} har bara {offering.capacity} platser",
            )


def _check_school_ranks(problem: Problem) -> None:
    """A school's ranking is strict: one applicant per rank."""
    holder: dict[tuple[str, int], str] = {}
    for i, applicant in enumerate(problem.applicants):
        for j, line in enumerate(applicant.choices):
            if line.school_rank is None:
                continue
            key = (line.offering, line.school_rank)
            if key in holder:
                raise FileFormatError(
                    f"applicants[{i}].choices[{j}].school_rank",
                    f"rang {line.school_rank} vid {line.offering!r} har redan sökande "
                    f"{holder[key]!r}",
                )
            holder[key] = applicant.id
