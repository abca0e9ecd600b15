"""Response times of the applicant's result page and the public catalogue (issue 6).

On the demo database (`demo_database.py`), the site runs under gunicorn (2 workers ×
10 threads, DEBUG off) and 20 concurrent clients request each page 20 times each: the
applicant signed in as demo-sokande, the catalogue anonymously with a programme filter.
Prints the median and 95th percentile per page. Target: median under 100 ms.

    python -m benchmarks pages
"""

from __future__ import annotations

import http.client
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks import demo_database

PORT = 8766
CLIENTS = 20
REQUESTS_PER_CLIENT = 20
PAGES = [
    ("applicant results", "/ansokan/resultat/", True),
    ("public catalogue", "/utbildningar/?programme=EK", False),
]


def _session_cookie() -> str:
    from django.conf import settings
    from django.test import Client

    from gymnasieregion.apps.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="demo-sokande"))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _client(path: str, cookie: str) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    times = []
    for _ in range(REQUESTS_PER_CLIENT):
        started = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        times.append(time.perf_counter() - started)
    connection.close()
    return times


def _wait() -> None:
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            connection.request("GET", "/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def run() -> None:
    demo_database.ensure()
    cookie = _session_cookie()
    env = dict(os.environ)  # the settings `demo_database.ensure` chose
    server = subprocess.Popen(  # noqa: S603 (our own server, fixed arguments)
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "gymnasieregion.config.wsgi",
            "--workers=2",
            "--threads=10",
            f"--bind=127.0.0.1:{PORT}",
            "--log-level=warning",
        ],
        env=env,
    )
    try:
        _wait()
        for name, path, signed_in in PAGES:
            _client(path, cookie if signed_in else "")  # warm up
            with ThreadPoolExecutor(CLIENTS) as pool:
                results = pool.map(
                    _client, [path] * CLIENTS, [cookie if signed_in else ""] * CLIENTS
                )
                times = sorted(t for batch in results for t in batch)
            median = statistics.median(times) * 1000
            p95 = times[int(len(times) * 0.95) - 1] * 1000
            print(
                f"{name:18} {len(times)} requests, {CLIENTS} concurrent: "
                f"median {median:.0f} ms, p95 {p95:.0f} ms (target: median < 100 ms)",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
