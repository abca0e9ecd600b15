"""Settings for the whole test suite.

Hypothesis: the machine runs two test workers, browser tests and sometimes a database
server at once, so generating inputs can be slow through no fault of a strategy; timing
health checks and per-example deadlines would make the suite flaky. The properties still
run their full number of examples.

The cache is emptied before every test.
"""

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "gymnasieregion",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("gymnasieregion")


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: ids repeat once a test's rows are rolled back."""
    from django.core.cache import cache

    cache.clear()
    yield
