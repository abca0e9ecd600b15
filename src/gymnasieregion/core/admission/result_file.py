"""The result file `gymnasieregion.admission-result.v1`: `Result` ⇄ parsed JSON.

Decimals are written as strings. Together with `canonical_json.canonical_bytes` the same
problem always gives byte-identical result files. The format is described in
docs/reference/admission-files.md and by schemas/admission-result.v1.schema.json.
"""

from __future__ import annotations

from dataclasses import dataclass

from gymnasieregion.core.admission import json_fields as f
from gymnasieregion.core.admission.json_fields import FileFormatError
from gymnasieregion.core.admission.outcome import (
    ApplicantOutcome,
    ChoiceOutcome,
    Cutoff,
    OfferingOutcome,
    Reason,
    Result,
    Status,
)
from gymnasieregion.core.admission.problem import Round, TieBreak, Tier

RESULT_FORMAT = "gymnasieregion.admission-result.v1"
_TOP = frozenset(
    {
        "format",
        "round",
        "problem_sha256",
        "rules_version",
        "engine_version",
        "proposals",
        "applicants",
        "offerings",
    }
)
_APPLICANT = frozenset({"id", "placement", "choices"})
_CHOICE = frozenset(
    {"offering", "rank", "status", "reserve_position", "tier", "lottery", "reason", "explanation"}
)
_OFFERING = frozenset(
    {
        "id",
        "capacity",
        "cancelled",
        "admitted",
        "free_quota_admitted",
        "reserves",
        "cutoff",
        "median_admitted_merit",
        "all_eligible_admitted",
        "below_minimum_size",
    }
)
_CUTOFF = frozenset({"tier", "merit", "decided_by"})


@dataclass(frozen=True, slots=True)
class ResultFile:
    """A result with the provenance its file records."""

    result: Result
    problem_sha256: str
    rules_version: str
    engine_version: str


def dump_result(file: ResultFile) -> dict[str, object]:
    """The JSON form of a result file."""
    result = file.result
    return {
        "format": RESULT_FORMAT,
        "round": result.round.value,
        "problem_sha256": file.problem_sha256,
        "rules_version": file.rules_version,
        "engine_version": file.engine_version,
        "proposals": result.proposals,
        "applicants": [
            {
                "id": a.applicant,
                "placement": a.placement,
                "choices": [
                    {
                        "offering": c.offering,
                        "rank": c.rank,
                        "status": c.status.value,
                        "reserve_position": c.reserve_position,
                        "tier": None if c.tier is None else c.tier.value,
                        "lottery": c.lottery,
                        "reason": c.reason.value,
                        "explanation": c.explanation,
                    }
                    for c in a.choices
                ],
            }
            for a in result.applicants
        ],
        "offerings": [
            {
                "id": o.offering,
                "capacity": o.capacity,
                "cancelled": o.cancelled,
                "admitted": o.admitted,
                "free_quota_admitted": o.free_quota_admitted,
                "reserves": o.reserves,
                "cutoff": None
                if o.cutoff is None
                else {
                    "tier": o.cutoff.tier.value,
                    "merit": str(o.cutoff.merit),
                    "decided_by": None
                    if o.cutoff.decided_by is None
                    else o.cutoff.decided_by.value,
                },
                "median_admitted_merit": None
                if o.median_admitted_merit is None
                else str(o.median_admitted_merit),
                "all_eligible_admitted": o.all_eligible_admitted,
                "below_minimum_size": o.below_minimum_size,
            }
            for o in result.offerings
        ],
    }


def parse_result(data: object) -> ResultFile:
    """Read a result file, or raise `FileFormatError` with the path and a reason."""
    top = f.as_object(data, "", _TOP)
    if f.member(top, "format", "") != RESULT_FORMAT:
        raise FileFormatError("format", f"ska vara {RESULT_FORMAT!r}")
    applicants = tuple(
        _applicant(item, f.join("applicants", i))
        for i, item in enumerate(f.as_list(f.member(top, "applicants", ""), "applicants"))
    )
    offerings = tuple(
        _offering(item, f.join("offerings", i))
        for i, item in enumerate(f.as_list(f.member(top, "offerings", ""), "offerings"))
    )
    result = Result(
        round=f.choice(f.member(top, "round", ""), "round", Round),
        applicants=applicants,
        offerings=offerings,
        proposals=f.integer(f.member(top, "proposals", ""), "proposals", 0),
    )
    return ResultFile(
        result=result,
        problem_sha256=f.text(f.member(top, "problem_sha256", ""), "problem_sha256"),
        rules_version=f.text(f.member(top, "rules_version", ""), "rules_version"),
        engine_version=f.text(f.member(top, "engine_version", ""), "engine_version"),
    )


def _applicant(value: object, path: str) -> ApplicantOutcome:
    obj = f.as_object(value, path, _APPLICANT)
    placement = f.member(obj, "placement", path)
    choices_path = f.join(path, "choices")
    return ApplicantOutcome(
        applicant=f.text(f.member(obj, "id", path), f.join(path, "id")),
        placement=None if placement is None else f.text(placement, f.join(path, "placement")),
        choices=tuple(
            _choice(item, f.join(choices_path, j))
            for j, item in enumerate(f.as_list(f.member(obj, "choices", path), choices_path))
        ),
    )


def _choice(value: object, path: str) -> ChoiceOutcome:
    obj = f.as_object(value, path, _CHOICE)
    return ChoiceOutcome(
        offering=f.text(f.member(obj, "offering", path), f.join(path, "offering")),
        rank=f.integer(f.member(obj, "rank", path), f.join(path, "rank"), 1),
        status=f.choice(f.member(obj, "status", path), f.join(path, "status"), Status),
        reserve_position=f.optional_integer(
            f.member(obj, "reserve_position", path), f.join(path, "reserve_position"), 1
        ),
        tier=f.optional_choice(f.member(obj, "tier", path), f.join(path, "tier"), Tier),
        lottery=f.integer(f.member(obj, "lottery", path), f.join(path, "lottery"), 0),
        reason=f.choice(f.member(obj, "reason", path), f.join(path, "reason"), Reason),
        explanation=f.text(f.member(obj, "explanation", path), f.join(path, "explanation")),
    )


def _offering(value: object, path: str) -> OfferingOutcome:
    obj = f.as_object(value, path, _OFFERING)
    return OfferingOutcome(
        offering=f.text(f.member(obj, "id", path), f.join(path, "id")),
        capacity=f.integer(f.member(obj, "capacity", path), f.join(path, "capacity"), 0),
        cancelled=f.boolean(f.member(obj, "cancelled", path), f.join(path, "cancelled")),
        admitted=f.integer(f.member(obj, "admitted", path), f.join(path, "admitted"), 0),
        free_quota_admitted=f.integer(
            f.member(obj, "free_quota_admitted", path), f.join(path, "free_quota_admitted"), 0
        ),
        reserves=f.integer(f.member(obj, "reserves", path), f.join(path, "reserves"), 0),
        cutoff=_cutoff(f.member(obj, "cutoff", path), f.join(path, "cutoff")),
        median_admitted_merit=f.optional_decimal(
            f.member(obj, "median_admitted_merit", path), f.join(path, "median_admitted_merit")
        ),
        all_eligible_admitted=f.boolean(
            f.member(obj, "all_eligible_admitted", path), f.join(path, "all_eligible_admitted")
        ),
        below_minimum_size=f.boolean(
            f.member(obj, "below_minimum_size", path), f.join(path, "below_minimum_size")
        ),
    )


def _cutoff(value: object, path: str) -> Cutoff | None:
    if value is None:
        return None
    obj = f.as_object(value, path, _CUTOFF)
    return Cutoff(
        tier=f.choice(f.member(obj, "tier", path), f.join(path, "tier"), Tier),
        merit=f.decimal(f.member(obj, "merit", path), f.join(path, "merit")),
        decided_by=f.optional_choice(
            f.member(obj, "decided_by", path), f.join(path, "decided_by"), TieBreak
        ),
    )
