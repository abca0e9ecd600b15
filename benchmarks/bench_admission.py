"""Admission engine: solve and verify a region and the whole country; compare with `matching`.

Targets (issue 4), on the 2-core reference machine: region (30,000 applicants, 2,000
offerings) solved with reserve lists, cut-offs and every line's explanation in at most 1 s,
verified in at most 1 s, under 300 MB; the country (130,000 applicants, 5,000 offerings)
solved in at most 5 s under 1.5 GB; at least 30 times faster than the `matching` library's
hospital-resident solver on the region.

Every measurement runs in a fresh subprocess, so that its peak memory (ru_maxrss:
interpreter, generated problem, result and verification together) is its own and nothing
is warm from an earlier run. Each shape is measured several times; the median is the
figure, with the range. Generating the problem is not timed; the garbage collection of the
new result is (see `_solve_and_collect`). The time that counts is wall clock; the
process's CPU time and the load average are printed beside it, because the machine may be
shared.

    python -m benchmarks admission
    python -m benchmarks.bench_admission region|national|matching   (one measurement, JSON)
"""

from __future__ import annotations

import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from gymnasieregion.core.admission.canonical_json import canonical_bytes
from gymnasieregion.core.admission.deferred_acceptance import deferred_acceptance
from gymnasieregion.core.admission.engine import ENGINE_VERSION, build_market, solve
from gymnasieregion.core.admission.generator import generate_problem
from gymnasieregion.core.admission.manifest import problem_sha256
from gymnasieregion.core.admission.outcome import Result
from gymnasieregion.core.admission.problem import Problem
from gymnasieregion.core.admission.result_file import ResultFile, dump_result
from gymnasieregion.core.admission.verifier import verify

SHAPES = {"region": (30_000, 2_000), "national": (130_000, 5_000)}
RUNS = {"region": 5, "national": 3}
_ROOT = Path(__file__).resolve().parents[1]

Figures = dict[str, float]
T = TypeVar("T")


def run() -> None:
    region = _runs("region")
    first = region[0]
    print(
        f"region   {first['applicants']:,.0f} applicants, {first['offerings']:,.0f} offerings, "
        f"{first['lines']:,.0f} choice lines, {first['seats']:,.0f} seats; "
        f"median of {len(region)} runs (range), load average {_load(region)}"
    )
    print(f"  solve, with reserve lists, cut-offs and all {first['lines']:,.0f} explanations")
    print(f"    {_seconds(region, 'solve')}   target ≤ 1 s")
    print(f"  verify (independent)      {_seconds(region, 'verify')}   target ≤ 1 s")
    print(f"  peak memory, solve and verify   {_megabytes(region, 'maxrss_mb')}   target < 300 MB")
    print(
        f"  then write the canonical result JSON: {_seconds(region, 'write')}, "
        f"peak {_megabytes(region, 'maxrss_after_write_mb')}"
    )
    national = _runs("national")
    first = national[0]
    print(
        f"national {first['applicants']:,.0f} applicants, {first['offerings']:,.0f} offerings, "
        f"{first['lines']:,.0f} choice lines; median of {len(national)} runs (range), "
        f"load average {_load(national)}"
    )
    print(f"  solve                     {_seconds(national, 'solve')}   target ≤ 5 s")
    print(f"  peak memory               {_megabytes(national, 'maxrss_mb')}   target < 1.5 GB")
    try:
        import matching  # noqa: F401
    except ImportError:
        print("matching library: skipped (not installed; `pip install matching` to compare)")
        return
    versus = _child("matching")
    theirs, ours, matching_only = versus["matching_s"], versus["solve_s"], versus["da_s"]
    print(
        "matching library (HospitalResident, resident-optimal) on the same region market, "
        f"one run, load average {versus['load_before']:.1f}"
    )
    print(
        f"  its solve() {theirs:.1f} s, after {versus['matching_build_s']:.0f} s building its "
        f"players from the preference lists; same placements as ours: "
        f"{'yes' if versus['same'] else 'NO'}"
    )
    print(
        f"  our whole run (matching, statuses, reserve lists, cut-offs, explanations) "
        f"{ours:.2f} s: {theirs / ours:.0f}× faster (target ≥ 30×)"
    )
    print(
        f"  our deferred acceptance alone, the same work as its solve() "
        f"{matching_only:.3f} s: {theirs / matching_only:.0f}× faster"
    )


def _runs(shape: str) -> list[Figures]:
    return [_child(shape) for _ in range(RUNS[shape])]


def _child(shape: str) -> Figures:
    completed = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "benchmarks.bench_admission", shape],
        cwd=_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def _seconds(runs: list[Figures], name: str) -> str:
    wall = [r[f"{name}_s"] for r in runs]
    cpu = statistics.median(r[f"{name}_cpu_s"] for r in runs)
    return f"{statistics.median(wall):.2f} s ({min(wall):.2f}–{max(wall):.2f}), CPU {cpu:.2f} s"


def _megabytes(runs: list[Figures], name: str) -> str:
    values = [r[name] for r in runs]
    return f"{statistics.median(values):.0f} MB ({min(values):.0f}–{max(values):.0f})"


def _load(runs: list[Figures]) -> str:
    return f"{min(r['load_before'] for r in runs):.1f}–{max(r['load_before'] for r in runs):.1f}"


def _measure(shape: str) -> Figures:
    applicants, offerings = SHAPES["national" if shape == "national" else "region"]
    problem = generate_problem(applicants, offerings)
    figures: Figures = {
        "applicants": applicants,
        "offerings": offerings,
        "lines": sum(len(a.choices) for a in problem.applicants),
        "seats": sum(o.capacity for o in problem.offerings),
        "load_before": os.getloadavg()[0],
    }
    result = _timed(figures, "solve", lambda: _solve_and_collect(problem))
    _check_complete(result, figures)
    if shape == "matching":
        figures |= _versus_matching(problem, {a.applicant: a.placement for a in result.applicants})
        return figures
    if shape == "region":
        violations = _timed(figures, "verify", lambda: verify(problem, result))
        assert violations == (), violations[:5]
        figures["maxrss_mb"] = _maxrss_mb()
        file = ResultFile(result, problem_sha256(problem), problem.rules.version, ENGINE_VERSION)
        _timed(figures, "write", lambda: canonical_bytes(dump_result(file)))
        figures["maxrss_after_write_mb"] = _maxrss_mb()
    else:
        figures["maxrss_mb"] = _maxrss_mb()
    return figures


def _solve_and_collect(problem: Problem) -> Result:
    """Solve, then let the garbage collector look at the new result.

    `solve` pauses the cyclic collector; when it resumes, its next pass walks every object
    the run created. That pass is part of the run's cost, so it is timed with it.
    """
    result = solve(problem)
    gc.collect(1)
    return result


def _timed(figures: Figures, name: str, work: Callable[[], T]) -> T:
    started, cpu = time.perf_counter(), time.process_time()
    value = work()
    figures[f"{name}_s"] = time.perf_counter() - started
    figures[f"{name}_cpu_s"] = time.process_time() - cpu
    return value


def _check_complete(result: Result, figures: Figures) -> None:
    """The timed run produced an outcome and a sentence for every choice line."""
    lines = [c for a in result.applicants for c in a.choices]
    assert len(lines) == figures["lines"]
    assert all(c.explanation for c in lines)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _versus_matching(problem: Problem, ours: dict[str, str | None]) -> Figures:
    """The same market for `matching`: the lines that compete, the engine's priority order.

    Also times our deferred acceptance alone on the market the engine prepares: from
    prepared preferences to a matching, the work the library's `solve()` does.
    """
    from matching.games import HospitalResident

    market = build_market(problem)
    lines, competing, start = market.lines, market.competing, market.start
    offering_at = [market.offering_of[n] for n in competing]
    capacities = [o.capacity for o in market.offerings]
    started = time.perf_counter()
    deferred_acceptance(start, offering_at, market.priority_at, capacities)
    da_s = time.perf_counter() - started

    resident_prefs: dict[str, list[str]] = {}
    queues: dict[str, list[tuple[int, str]]] = {o.id: [] for o in problem.offerings}
    for a, person in enumerate(market.applicants):
        mine = range(start[a], start[a + 1])
        if mine:
            resident_prefs[person.id] = [lines[competing[i]].offering for i in mine]
        for i in mine:
            queues[lines[competing[i]].offering].append((market.priority_at[i], person.id))
    hospital_prefs = {o: [who for _, who in sorted(q)] for o, q in queues.items() if q}
    hospital_capacities = {o.id: o.capacity for o in problem.offerings if o.id in hospital_prefs}
    times: Figures = {}
    matched: dict[Any, Any] = {}

    def timed() -> None:
        started = time.perf_counter()
        game = HospitalResident.create_from_dictionaries(
            resident_prefs, hospital_prefs, hospital_capacities
        )
        built = time.perf_counter()
        matched.update(game.solve(optimal="resident"))
        times["build"], times["solve"] = built - started, time.perf_counter() - built

    # the library deep-copies its linked players recursively: give it a deep stack
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 29)
    worker = threading.Thread(target=timed)
    worker.start()
    worker.join()
    theirs: dict[str, str | None] = dict.fromkeys(ours)
    for hospital, residents in matched.items():
        for resident in residents:
            theirs[resident.name] = hospital.name
    return {
        "da_s": da_s,
        "matching_build_s": times["build"],
        "matching_s": times["solve"],
        "same": float(theirs == ours),
    }


if __name__ == "__main__":
    print(json.dumps(_measure(sys.argv[1])))
