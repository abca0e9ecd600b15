"""Response times of the applicant's result page and the public catalogue (issue 6).

On the demo database (`demo_database.py`), the site runs under gunicorn with the
project's settings (`gymnasieregion.config.gunicorn`: one sync worker per core, DEBUG
off). Twenty clients at once, each sending its next request as soon as the last is
answered, request each page 50 times: on the result page each client is a different
applicant with a letter in the final round; on the catalogue each client searches its
own programme, anonymously. A third measure is the result page seen by 1,000 applicants
once each, as at the moment a round is published: nothing of theirs is in any cache.
Three rounds, each on a newly started server, so the caches start empty and the first
requests of each applicant and search are in the figures. Prints per page the median
of the three rounds' medians (and each round's) and the 95th percentile of all
requests. Target: median under 100 ms.

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
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from benchmarks import demo_database

PORT = 8766
CLIENTS = 20
REQUESTS_PER_CLIENT = 50
ROUNDS = 3  # the machine's speed varies from minute to minute; the median round is printed


def _applicant_cookies(count: int = CLIENTS, skip: int = 0) -> list[str]:
    """Session cookies of `count` applicants who have a place in the final round (after
    the first `skip`), each signed in as their own user (made once in the benchmark
    database)."""
    from django.conf import settings
    from django.test import Client

    from gymnasieregion.apps.accounts.models import Role, User
    from gymnasieregion.apps.accounts.services import membership_grant
    from gymnasieregion.apps.admissions.models import AdmissionRun, LineResult, RunKind
    from gymnasieregion.apps.applicants.models import Person
    from gymnasieregion.core.admission.outcome import Status

    final = AdmissionRun.objects.filter(kind=RunKind.FINAL, published_at__isnull=False).latest(
        "published_at"
    )
    admitted = LineResult.objects.filter(run=final, status=Status.ADMITTED)
    person_ids = admitted.values_list("line__application__person_id", flat=True)
    people = Person.objects.filter(pk__in=person_ids).exclude(user__username="demo-sokande")
    people = people.order_by("pk")
    cookies = []
    for number, person in enumerate(people[skip : skip + count], start=skip + 1):
        user, created = User.objects.get_or_create(username=f"bench-sokande-{number:04}")
        if created:
            role = Role.objects.get(code="applicant")
            membership_grant(actor=None, user=user, role=role, organisation=None)
            person.user = user
            person.save(update_fields=["user"])
        client = Client()
        client.force_login(user)
        cookies.append(
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    if len(cookies) < count:
        raise RuntimeError(f"only {len(cookies)} applicants with a place in {final}")
    return cookies


def _catalogue_paths() -> list[str]:
    """One search per client: the catalogue filtered on a programme, the programmes in turn."""
    from gymnasieregion.apps.catalogue.models import Offering

    codes = sorted(set(Offering.objects.values_list("programme_code", flat=True)))
    return [f"/utbildningar/?programme={codes[i % len(codes)]}" for i in range(CLIENTS)]


def _client(path: str, cookie: str | list[str]) -> list[float]:
    """One client's requests, back to back. Like a browser it sends back the cookies it
    was given (the CSRF cookie), so the server does not make a new token every time.
    Given a list of session cookies, it signs in as the next applicant for each request."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    sessions = cookie if isinstance(cookie, list) else [cookie] * REQUESTS_PER_CLIENT
    cookies = SimpleCookie()
    times = []
    for session in sessions:
        cookies.load(session)
        header = "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())
        started = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": header} if header else {})
        response = connection.getresponse()
        response.read()
        times.append(time.perf_counter() - started)
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        for value in response.headers.get_all("Set-Cookie") or []:
            cookies.load(value)
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


def _measure(paths: list[str], cookies: list[str] | list[list[str]]) -> list[float]:
    """Every response time (seconds) of the clients, sorted."""
    with ThreadPoolExecutor(CLIENTS) as pool:
        return sorted(t for batch in pool.map(_client, paths, cookies) for t in batch)


def _round(pages: dict[str, tuple[list[str], list[Any]]]) -> dict[str, list[float]]:
    """One round on a freshly started server, so every cache starts empty."""
    server = subprocess.Popen(  # noqa: S603 (our own server, fixed arguments)
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--config=python:gymnasieregion.config.gunicorn",
            f"--bind=127.0.0.1:{PORT}",
            "--log-level=warning",
            "gymnasieregion.config.wsgi",
        ],
        env=dict(os.environ),  # the settings `demo_database.ensure` chose
    )
    try:
        _wait()
        return {name: _measure(paths, cookies) for name, (paths, cookies) in pages.items()}
    finally:
        server.terminate()
        server.wait(timeout=10)


def run() -> None:
    demo_database.ensure()
    first_views = _applicant_cookies(CLIENTS * REQUESTS_PER_CLIENT, skip=CLIENTS)
    results = ["/ansokan/resultat/"] * CLIENTS
    pages: dict[str, tuple[list[str], list[Any]]] = {
        "applicant results": (results, _applicant_cookies()),
        "results, 1st views": (results, [first_views[i::CLIENTS] for i in range(CLIENTS)]),
        "public catalogue": (_catalogue_paths(), [""] * CLIENTS),
    }
    rounds = [_round(pages) for _ in range(ROUNDS)]
    for name in pages:
        medians = [statistics.median(times) * 1000 for times in (r[name] for r in rounds)]
        pooled = sorted(t for r in rounds for t in r[name])
        p95 = pooled[int(len(pooled) * 0.95) - 1] * 1000
        print(
            f"{name:18} {len(pooled)} requests, {CLIENTS} concurrent: "
            f"median {statistics.median(medians):.0f} ms "
            f"(rounds {', '.join(f'{m:.0f}' for m in medians)}), p95 {p95:.0f} ms "
            "(target: median < 100 ms)",
            flush=True,
        )
