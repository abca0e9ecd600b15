"""The manifest of a run: what is needed to re-run it and check that nothing changed (§10 R5).

It records the SHA-256 of the canonical problem, the rule-set version, the lottery seed, the
engine version and the SHA-256 of the result file's bytes.
"""

from gymnasieregion.core.admission.canonical_json import canonical_bytes, sha256_hex
from gymnasieregion.core.admission.engine import ENGINE_VERSION
from gymnasieregion.core.admission.problem import Problem
from gymnasieregion.core.admission.problem_file import dump_problem

MANIFEST_FORMAT = "gymnasieregion.admission-manifest.v1"


def problem_sha256(problem: Problem) -> str:
    """The SHA-256 of the canonical form of a problem (independent of the order in its file)."""
    return sha256_hex(canonical_bytes(dump_problem(problem)))


def build_manifest(
    problem: Problem, result_bytes: bytes, *, problem_digest: str | None = None
) -> dict[str, object]:
    """The manifest for a problem and the exact bytes of its result file.

    `problem_digest` saves hashing the problem again when the caller already has it.
    """
    return {
        "format": MANIFEST_FORMAT,
        "round": problem.round.value,
        "problem_sha256": problem_digest or problem_sha256(problem),
        "rules_version": problem.rules.version,
        "seed": problem.rules.seed,
        "engine_version": ENGINE_VERSION,
        "result_sha256": sha256_hex(result_bytes),
    }
