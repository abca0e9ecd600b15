"""Solve or check an admission given as parsed JSON, ready for the command line to write out.

`publish` parses a problem, runs the engine and serialises the result and its manifest in
canonical JSON; `check` parses a problem and a result and runs the independent verifier.
Both raise `FileFormatError` for malformed or inconsistent input.
"""

from __future__ import annotations

from dataclasses import dataclass

from gymnasieregion.core.admission.canonical_json import canonical_bytes
from gymnasieregion.core.admission.engine import ENGINE_VERSION, solve
from gymnasieregion.core.admission.manifest import build_manifest, problem_sha256
from gymnasieregion.core.admission.outcome import Result
from gymnasieregion.core.admission.problem_file import parse_problem
from gymnasieregion.core.admission.result_file import ResultFile, dump_result, parse_result
from gymnasieregion.core.admission.verifier import Check, Violation, verify


@dataclass(frozen=True, slots=True)
class Publication:
    """A solved admission: the result, its file bytes and the manifest bytes."""

    result: Result
    result_bytes: bytes
    manifest_bytes: bytes


def publish(problem_data: object) -> Publication:
    """Solve a problem file's content."""
    problem = parse_problem(problem_data)
    result = solve(problem)
    file = ResultFile(result, problem_sha256(problem), problem.rules.version, ENGINE_VERSION)
    result_bytes = canonical_bytes(dump_result(file))
    manifest_bytes = canonical_bytes(build_manifest(problem, result_bytes))
    return Publication(result, result_bytes, manifest_bytes)


def check(problem_data: object, result_data: object) -> tuple[Violation, ...]:
    """Every violation of a result file against a problem file; empty when it is correct."""
    problem = parse_problem(problem_data)
    file = parse_result(result_data)
    found = verify(problem, file.result)
    if file.problem_sha256 != problem_sha256(problem):
        mismatch = Violation(
            Check.STRUCTURE, None, None, "resultatet gäller ett annat problem (problem_sha256)"
        )
        found = (mismatch, *found)
    return found
