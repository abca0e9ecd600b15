"""The admission office's runs: stored atomically, refused results never published (ADR 0103)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from gymnasieregion.apps.admissions import services
from gymnasieregion.apps.admissions.models import AdmissionRun, LineResult, RunKind, RunStatus
from gymnasieregion.apps.admissions.services import admission_run, admission_run_publish
from gymnasieregion.core.admission.problem_file import parse_problem
from gymnasieregion.core.admission.publication import publish
from gymnasieregion.core.admission.verifier import Check, Violation
from tests.apps.admissions.scenarios import at, published_final, small_year
from tests.apps.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_a_refused_result_is_kept_with_its_report_but_never_published(reference_data, monkeypatch):
    small = small_year()
    published = published_final(small)
    wrong = Violation(Check.CAPACITY, "1", None, "kapaciteten överskriden")
    monkeypatch.setattr(services, "verify", lambda problem, result: (wrong,))
    refused = admission_run(
        actor=small.office, year=small.year, kind=RunKind.FINAL, now=at("2027-07-02")
    )
    assert refused.status == RunStatus.REFUSED
    assert refused.violations == [str(wrong)]
    assert not LineResult.objects.filter(run=refused).exists()
    with pytest.raises(ValidationError, match="underkändes"):
        admission_run_publish(actor=small.office, run=refused)
    published.refresh_from_db()
    assert published.published_at is not None
    assert LineResult.objects.filter(run=published).count() == 1


def test_a_crash_while_storing_leaves_nothing_behind(reference_data, monkeypatch):
    small = small_year()

    def crash(*args, **kwargs):
        raise RuntimeError("disken är full")

    monkeypatch.setattr(services, "_store_results", crash)
    with pytest.raises(RuntimeError):
        admission_run(actor=small.office, year=small.year, kind=RunKind.FINAL, now=at("2027-06-30"))
    assert not AdmissionRun.objects.exists()


def test_a_simulation_is_never_published(reference_data):
    small = small_year()
    run = admission_run(actor=small.office, year=small.year, kind=RunKind.SIMULATION)
    with pytest.raises(ValidationError, match="simulering"):
        admission_run_publish(actor=small.office, run=run)


def test_the_stored_problem_file_re_solves_to_the_byte_identical_result(reference_data):
    small = small_year()
    run = published_final(small)
    again = publish(json.loads(bytes(run.files.problem)))
    assert again.result_bytes == bytes(run.files.result)
    assert run.manifest["result_sha256"] == json.loads(again.manifest_bytes)["result_sha256"]
    problem = parse_problem(json.loads(bytes(run.files.problem)))
    assert [a.id for a in problem.applicants] == [str(small.person.applications.get().pk)]
    assert small.person.identity_number not in bytes(run.files.problem).decode()


def test_the_office_pages_run_publish_and_export(reference_data, django_assert_max_num_queries):
    small = small_year()
    client = sign_in(Client(), small.office)
    response = client.post("/antagning/korningar/ny/?ar=2027", {"kind": "final"})
    run = AdmissionRun.objects.get()
    assert response.status_code == 302 and response.url == f"/antagning/korningar/{run.pk}/"
    with django_assert_max_num_queries(20):
        page = client.get(f"/antagning/korningar/{run.pk}/").content.decode()
    assert "Den oberoende kontrollen hittade inga fel." in page
    assert client.post(f"/antagning/korningar/{run.pk}/publicera/").status_code == 302
    run.refresh_from_db()
    assert run.published_at is not None
    problem = client.get(f"/antagning/korningar/{run.pk}/problem.json")
    assert problem.content == bytes(run.files.problem)
    with django_assert_max_num_queries(20):
        dashboard = client.get("/antagning/?ar=2027").content.decode()
    assert "Slutantagning" in dashboard and "Ansökningar" in dashboard
