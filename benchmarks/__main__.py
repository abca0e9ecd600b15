"""Run every benchmark module (`bench_*.py`) in name order, or those named on the command line.

Usage: `python -m benchmarks [name ...]`, e.g. `python -m benchmarks admission`.
"""

import importlib
import pkgutil
import sys
import time

import benchmarks


def main(names: list[str]) -> int:
    modules = sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    )
    if names:
        modules = [m for m in modules if m.removeprefix("bench_") in names]
    for name in modules:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"\n== {name.removeprefix('bench_')} ==", flush=True)
        started = time.perf_counter()
        module.run()
        print(f"({time.perf_counter() - started:.1f} s in all)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
