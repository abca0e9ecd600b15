"""The admission office: the year's dashboard, runs, verification, publishing and export.

Paths under /antagning/. Every view needs `admissions.manage`; others get 404. A run is
started by a form and takes about half a minute for a region; the page says so while
the browser waits (the command `gymnasieregion admission run` shows a progress bar).
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gymnasieregion.apps.accounts.access import access_permission
from gymnasieregion.apps.admissions.models import RunKind, RunStatus
from gymnasieregion.apps.admissions.permissions import MANAGE
from gymnasieregion.apps.admissions.selectors import (
    access_admission_run,
    admission_run_list,
    admission_year_counts,
    admission_year_latest,
    offering_results,
    run_figures,
)
from gymnasieregion.apps.admissions.services import (
    admission_run,
    admission_run_publish,
    offering_cancel_and_notify,
)
from gymnasieregion.apps.catalogue.calendar import phase_timeline
from gymnasieregion.apps.catalogue.models import Offering
from gymnasieregion.core.admission.problem import Round

RUN_FILES = {"problem": "problem", "resultat": "result"}
SIMULATED_ROUNDS = {"preliminary": Round.PRELIMINARY, "final": Round.FINAL}


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Phase timeline, counts, runs and what is due next."""
    access_permission(request.user, MANAGE)
    year = admission_year_latest(year=_year_param(request))
    if year is None:
        return TemplateResponse(request, "admissions/office/no_year.html")
    today = timezone.localdate()
    timeline = phase_timeline(year=year)
    return TemplateResponse(
        request,
        "admissions/office/dashboard.html",
        {
            "year": year,
            "today": today,
            "timeline": [(step, step.state(today)) for step in timeline],
            "due": [s for s in timeline if s.state(today) != "past"][:3],
            "counts": admission_year_counts(year=year),
            "runs": admission_run_list(actor=request.user, year=year)[:20],
            "kinds": RunKind.choices,
        },
    )


def _year_param(request: HttpRequest) -> int | None:
    value = request.GET.get("ar", "")
    return int(value) if value.isdigit() else None


@login_required
@require_POST
def run_start(request: HttpRequest) -> HttpResponse:
    """Run a round (or a simulation) on the stored data; show the run with its report."""
    access_permission(request.user, MANAGE)
    year = admission_year_latest(year=_year_param(request))
    kind = request.POST.get("kind", "")
    if year is None:
        raise Http404
    if kind not in RunKind.values:
        messages.error(request, "Välj vilken omgång som ska köras.")
        return redirect("admissions:office_dashboard")
    simulate = SIMULATED_ROUNDS.get(request.POST.get("simulate", ""), Round.FINAL)
    try:
        run = admission_run(actor=request.user, year=year, kind=kind, simulate=simulate)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect("admissions:office_dashboard")
    if run.status == RunStatus.SUCCEEDED:
        messages.success(request, f"{run.get_kind_display()} är klar och kontrollerad.")
    else:
        messages.error(request, "Kontrollen underkände resultatet. Det kan inte publiceras.")
    return redirect("admissions:office_run", pk=run.pk)


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Manifest, verifier report, figures and cut-offs of one run."""
    run = access_admission_run(actor=request.user, pk=pk)
    results = list(offering_results(run=run))
    return TemplateResponse(
        request,
        "admissions/office/run.html",
        {
            "run": run,
            "figures": run_figures(run=run) if run.status == RunStatus.SUCCEEDED else None,
            "results": results,
            "below_minimum": [r for r in results if r.below_minimum_size],
            "can_publish": run.status == RunStatus.SUCCEEDED
            and run.published_at is None
            and run.kind != RunKind.SIMULATION,
        },
    )


@login_required
@require_POST
def run_publish(request: HttpRequest, pk: int) -> HttpResponse:
    run = access_admission_run(actor=request.user, pk=pk)
    try:
        admission_run_publish(actor=request.user, run=run)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, f"{run.get_kind_display()} är publicerad.")
    return redirect("admissions:office_run", pk=run.pk)


@login_required
def run_file(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """The run's problem file, result file or manifest, for re-running with `admission solve`."""
    run = access_admission_run(actor=request.user, pk=pk)
    if name == "manifest":
        content = json.dumps(run.manifest, ensure_ascii=False, indent=2).encode()
    elif name in RUN_FILES:
        content = bytes(getattr(run.files, RUN_FILES[name]))
    else:
        raise Http404
    response = HttpResponse(content, content_type="application/json")
    filename = f"antagning-{run.admission_year.year}-{run.kind}-{run.pk}-{name}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def offering_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Lay down an offering (startar ej) and notify its applicants; then run the round again."""
    access_permission(request.user, MANAGE)
    offering = get_object_or_404(Offering, pk=pk)
    try:
        notified = offering_cancel_and_notify(actor=request.user, offering=offering)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request,
            f"{offering.name} startar inte. {notified} sökande har fått besked. Kör omgången igen.",
        )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("admissions:office_dashboard")


urlpatterns = [
    path("antagning/", dashboard, name="office_dashboard"),
    path("antagning/korningar/ny/", run_start, name="office_run_start"),
    path("antagning/korningar/<int:pk>/", run_detail, name="office_run"),
    path("antagning/korningar/<int:pk>/publicera/", run_publish, name="office_run_publish"),
    path("antagning/korningar/<int:pk>/<str:name>.json", run_file, name="office_run_file"),
    path(
        "antagning/utbildningar/<int:pk>/startar-ej/",
        offering_cancel,
        name="office_offering_cancel",
    ),
]
