"""Admission engine: solve and verify a region and the whole country; compare with `matching`.

Each shape runs in a fresh subprocess, so that its peak memory (ru_maxrss: interpreter,
problem, result and verification together) is its own. Targets (issue 4): region solve
≤ 1 s, verify ≤ 1 s, < 300 MB; national solve ≤ 5 s, < 1.5 GB; at least 30 times faster
than the `matching` library's hospital-resident solver on the region.

    python -m benchmarks admission
    python -m benchmarks.bench_admission region|national|matching   (one measurement, JSON)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

from gymnasieregion.core.admission.canonical_json import canonical_bytes
from gymnasieregion.core.admission.engine import ENGINE_VERSION, build_market, solve
from gymnasieregion.core.admission.generator import generate_problem
from gymnasieregion.core.admission.manifest import problem_sha256
from gymnasieregion.core.admission.problem import Problem
from gymnasieregion.core.admission.result_file import ResultFile, dump_result
from gymnasieregion.core.admission.verifier import verify

SHAPES = {"region": (30_000, 2_000), "national": (130_000, 5_000)}
_ROOT = Path(__file__).resolve().parents[1]


def run() -> None:
    region = _child("region")
    print(
        f"region   {region['applicants']:,} applicants, {region['offerings']:,} offerings, "
        f"{region['lines']:,} choice lines, {region['seats']:,} seats"
    )
    print(
        f"  solve (reserve lists, cut-offs, explanations) {region['solve_s']:.2f} s   target ≤ 1 s"
    )
    print(
        f"  verify (independent)                          {region['verify_s']:.2f} s   target ≤ 1 s"
    )
    print(
        f"  peak memory, solve and verify                 {region['maxrss_mb']:.0f} MB  target < 300 MB"
    )
    print(
        f"  write canonical result JSON                   {region['write_s']:.2f} s, "
        f"{region['maxrss_after_write_mb']:.0f} MB peak after"
    )
    national = _child("national")
    print(
        f"national {national['applicants']:,} applicants, {national['offerings']:,} offerings, "
        f"{national['lines']:,} choice lines"
    )
    print(
        f"  solve                                         {national['solve_s']:.2f} s   target ≤ 5 s"
    )
    print(
        f"  peak memory                                   {national['maxrss_mb']:.0f} MB  target < 1.5 GB"
    )
    try:
        import matching  # noqa: F401
    except ImportError:
        print("matching library: skipped (not installed; `pip install matching` to compare)")
        return
    versus = _child("matching")
    print(
        f"matching library (HospitalResident, resident-optimal) on the region: "
        f"{versus['matching_s']:.1f} s solve (+{versus['matching_build_s']:.1f} s to build) "
        f"against our {versus['solve_s']:.2f} s: {versus['matching_s'] / versus['solve_s']:.0f}× "
        f"faster (target ≥ 30×); same placements: {'yes' if versus['same'] else 'NO'}"
    )


def _child(shape: str) -> dict[str, float]:
    completed = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "benchmarks.bench_admission", shape],
        cwd=_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def _measure(shape: str) -> dict[str, float]:
    applicants, offerings = SHAPES["national" if shape == "national" else "region"]
    problem = generate_problem(applicants, offerings)
    figures: dict[str, float] = {
        "applicants": applicants,
        "offerings": offerings,
        "lines": sum(len(a.choices) for a in problem.applicants),
        "seats": sum(o.capacity for o in problem.offerings),
    }
    started = time.perf_counter()
    result = solve(problem)
    figures["solve_s"] = time.perf_counter() - started
    if shape == "matching":
        figures |= _versus_matching(problem, {a.applicant: a.placement for a in result.applicants})
        return figures
    if shape == "region":
        started = time.perf_counter()
        violations = verify(problem, result)
        figures["verify_s"] = time.perf_counter() - started
        assert violations == (), violations[:5]
        figures["maxrss_mb"] = _maxrss_mb()
        started = time.perf_counter()
        file = ResultFile(result, problem_sha256(problem), problem.rules.version, ENGINE_VERSION)
        canonical_bytes(dump_result(file))
        figures["write_s"] = time.perf_counter() - started
        figures["maxrss_after_write_mb"] = _maxrss_mb()
    else:
        figures["maxrss_mb"] = _maxrss_mb()
    return figures


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _versus_matching(problem: Problem, ours: dict[str, str | None]) -> dict[str, float]:
    """The same market for `matching`: the lines that compete, the engine's priority order."""
    from matching.games import HospitalResident

    market = build_market(problem)
    lines, competing, start = market.lines, market.competing, market.start
    resident_prefs: dict[str, list[str]] = {}
    queues: dict[str, list[tuple[int, str]]] = {o.id: [] for o in problem.offerings}
    for a, person in enumerate(market.applicants):
        mine = range(start[a], start[a + 1])
        if mine:
            resident_prefs[person.id] = [lines[competing[i]].offering for i in mine]
        for i in mine:
            queues[lines[competing[i]].offering].append((market.priority_at[i], person.id))
    hospital_prefs = {o: [who for _, who in sorted(q)] for o, q in queues.items() if q}
    capacities = {o.id: o.capacity for o in problem.offerings if o.id in hospital_prefs}
    outcome_box: list[object] = []

    def timed() -> None:
        started = time.perf_counter()
        game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
        built = time.perf_counter()
        outcome_box.extend([game.solve(optimal="resident"), started, built, time.perf_counter()])

    # the library deep-copies its linked players recursively: give it a deep stack
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 29)
    worker = threading.Thread(target=timed)
    worker.start()
    worker.join()
    matched, started, built, solved = outcome_box  # type: ignore[misc]
    theirs: dict[str, str | None] = dict.fromkeys(ours)
    for hospital, residents in matched.items():
        for resident in residents:
            theirs[resident.name] = hospital.name
    return {
        "matching_build_s": built - started,
        "matching_s": solved - built,
        "same": float(theirs == ours),
    }


if __name__ == "__main__":
    print(json.dumps(_measure(sys.argv[1])))
