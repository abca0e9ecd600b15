"""A run pauses the cyclic garbage collector and leaves it as it found it (engine.solve)."""

from __future__ import annotations

import gc
import threading
from dataclasses import replace

import pytest

from gymnasieregion.core.admission.engine import solve
from gymnasieregion.core.admission.generator import generate_problem

PROBLEM = generate_problem(applicants=200, offerings=10, seed=5)


def test_the_collector_is_paused_during_a_run_and_enabled_again_after_it() -> None:
    seen: list[bool] = []
    gc.callbacks.append(lambda phase, info: seen.append(phase == "start"))
    try:
        assert gc.isenabled()
        solve(PROBLEM)
        assert gc.isenabled()
    finally:
        gc.callbacks.pop()
    assert not seen  # no collection ran during the run


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        solve(PROBLEM)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_failing_run_still_enables_the_collector_again() -> None:
    broken = replace(PROBLEM, offerings=PROBLEM.offerings[1:])  # lines for an unknown offering
    with pytest.raises(KeyError):
        solve(broken)
    assert gc.isenabled()


def test_runs_in_several_threads_enable_the_collector_when_the_last_ends() -> None:
    results = []
    threads = [threading.Thread(target=lambda: results.append(solve(PROBLEM))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4
    assert all(result == results[0] for result in results)
    assert gc.isenabled()
