"""Benchmarks run by `make bench`. Each `bench_*.py` module has a `run()` that prints its figures."""
