"""Schools and municipalities: applicants, admitted and reserve lists, decisions on choice
lines, "Antagningen klar", residents' results, reception cases and per-youth figures
(paths under /skola/antagning/ and /kommun/antagning/).

Each view parses input, calls one selector or service, and renders. Access is the
selectors' (`school_lists`): another school's offering, or a line out of reach, is 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from gymnasieregion.apps.accounts.access import access_permission
from gymnasieregion.apps.admissions.decision_forms import (
    FORMS,
    STATEMENT_LABELS,
    DecisionForm,
    decision_forms,
    decision_value_label,
)
from gymnasieregion.apps.admissions.models import AdmissionRun, ChoiceLine
from gymnasieregion.apps.admissions.school_lists import (
    HAND_LABELS,
    SCHOOL_DONE,
    STATUS_LABELS,
    CaseKind,
    ListKind,
    MunicipalityFigures,
    access_municipal_line,
    access_school_line,
    access_school_offering,
    access_school_unit_to_mark,
    decision_history,
    line_result_latest,
    municipal_decision_kinds,
    municipality_figures,
    municipality_list,
    offering_results_for,
    published_run_shown,
    reception_case_list,
    resident_application_page,
    run_label,
    school_applicant_list,
    school_decision_kinds,
    school_done_list,
    school_list_filename,
    school_list_read,
    school_list_table,
    school_offering_list,
)
from gymnasieregion.apps.admissions.selectors import admission_year_latest
from gymnasieregion.apps.admissions.services import decision_record, school_admission_done_mark
from gymnasieregion.files.tabular import csv_response, xlsx_response

PAGE_SIZE = 50
LIST_NAMES = {"antagna": ListKind.ADMITTED, "reserver": ListKind.RESERVES}
LIST_PATHS = {kind: name for name, kind in LIST_NAMES.items()}
EXPORTS = {"csv": csv_response, "xlsx": xlsx_response}


def _year_param(request: HttpRequest) -> int | None:
    value = request.GET.get("ar", "")
    return int(value) if value.isdigit() else None


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


# --- Schools ------------------------------------------------------------------------


@login_required
def school_index(request: HttpRequest) -> HttpResponse:
    """The actor's offerings of the year with applicants, admitted and reserves; done marks."""
    year = admission_year_latest(year=_year_param(request))
    offerings = school_offering_list(actor=request.user, year=year)
    page = Paginator(offerings, PAGE_SIZE).get_page(request.GET.get("sida"))
    run = published_run_shown(year=year) if year is not None else None
    results = offering_results_for(run=run, offerings=page.object_list)
    return TemplateResponse(
        request,
        "admissions/school/index.html",
        {
            "year": year,
            "page": page,
            "run": run,
            "run_label": run_label(run),
            "rows": [(offering, results.get(offering.pk)) for offering in page.object_list],
            "done": school_done_list(actor=request.user, year=year) if year else [],
            "query": f"ar={year.year}" if year else "",
        },
    )


@login_required
@require_POST
def school_done(request: HttpRequest) -> HttpResponse:
    """The principal marks the school's admission of the newest published run as done."""
    access_permission(request.user, SCHOOL_DONE)
    target = redirect("admissions:school_index")
    unit_id = request.POST.get("skolenhet", "")
    year = admission_year_latest(year=_year_param(request))
    if not unit_id.isdigit() or year is None:
        messages.error(request, "Välj den skolenhet vars antagning är klar.")
        return target
    unit = access_school_unit_to_mark(actor=request.user, pk=int(unit_id))
    run = published_run_shown(year=year)
    if run is None:
        messages.error(request, "Det finns ingen publicerad antagning att klarmarkera ännu.")
        return target
    try:
        school_admission_done_mark(actor=request.user, school_unit=unit, run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"Antagningen för {unit.name} är klarmarkerad ({run_label(run)})."
        )
    return target


@login_required
def school_offering(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone who chose the offering, with merit and eligibility from the newest run."""
    offering = access_school_offering(actor=request.user, pk=pk)
    applicants = school_applicant_list(actor=request.user, offering=offering)
    published = published_run_shown(year=offering.admission_year)
    return TemplateResponse(
        request,
        "admissions/school/offering.html",
        {
            "offering": offering,
            "applicants": applicants,
            "run_label": run_label(applicants.run),
            "published": published,
            "published_label": run_label(published),
            "result": offering_results_for(run=published, offerings=[offering]).get(offering.pk),
        },
    )


def _decide(
    request: HttpRequest, line: ChoiceLine, kinds: list[str]
) -> tuple[DecisionForm | None, HttpResponse | None]:
    """Record the posted decision; a redirect when it is saved, else the bound form.

    An unknown kind is a bad request (400); a kind the actor does not record is 404, as
    `decision_record` would answer.
    """
    kind = request.POST.get("kind", "")
    if kind not in FORMS:
        return None, None
    if kind not in kinds:
        raise Http404
    form = FORMS[kind](request.POST, line=line)
    if form.is_valid():
        try:
            decision_record(
                actor=request.user,
                line=line,
                kind=kind,
                value=form.decision_value(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Beslutet om {form.title.lower()} är sparat.")
            return form, redirect(request.path)
    return form, None


def _line_page(
    request: HttpRequest,
    line: ChoiceLine,
    kinds: list[str],
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    bound: DecisionForm | None = None
    status = 200
    if request.method == "POST":
        bound, done = _decide(request, line, kinds)
        if done is not None:
            return done
        status = 400
        if bound is None:
            messages.error(request, "Välj vilket beslut du vill registrera.")
    result = line_result_latest(line=line)
    return TemplateResponse(
        request,
        template,
        {
            **context,
            "line": line,
            "person": line.application.person,
            "forms": decision_forms(kinds, line, bound),
            "history": [
                (decision, decision_value_label(decision.kind, decision.value))
                for decision in decision_history(line=line)
            ],
            "result": result,
            "result_label": STATUS_LABELS.get(result.status, "") if result else "",
            "run_label": run_label(result.run) if result else run_label(None),
            "hand_label": HAND_LABELS.get(line.hand, line.hand),
            "statement_label": STATEMENT_LABELS.get(line.statement, ""),
            "htmx_target": "main",
        },
        # htmx swaps only successful responses; the error text is in the page either way.
        status=200 if _is_htmx(request) else status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_line(request: HttpRequest, pk: int, line: int) -> HttpResponse:
    """One applicant's line to the offering, and the school's decisions on it."""
    offering = access_school_offering(actor=request.user, pk=pk)
    choice = access_school_line(actor=request.user, offering=offering, pk=line)
    return _line_page(
        request,
        choice,
        school_decision_kinds(actor=request.user, line=choice),
        "admissions/school/line.html",
        {"offering": offering},
    )


def _list_kind(list_name: str) -> ListKind:
    kind = LIST_NAMES.get(list_name)
    if kind is None:
        raise Http404
    return kind


@login_required
def school_list(request: HttpRequest, pk: int, list_name: str) -> HttpResponse:
    """The admitted or reserve list of the newest published run, with contact data."""
    kind = _list_kind(list_name)
    offering = access_school_offering(actor=request.user, pk=pk)
    found = school_list_read(actor=request.user, offering=offering, kind=kind)
    return TemplateResponse(
        request,
        "admissions/school/list.html",
        {
            "offering": offering,
            "list": found,
            "list_name": list_name,
            "run_label": run_label(found.run),
            "other_name": LIST_PATHS[
                ListKind.RESERVES if kind is ListKind.ADMITTED else ListKind.ADMITTED
            ],
        },
    )


@login_required
def school_list_export(
    request: HttpRequest, pk: int, list_name: str, file_format: str
) -> HttpResponse:
    """The list as CSV or XLSX (docs/reference/school-lists.md); one logged read."""
    kind = _list_kind(list_name)
    respond = EXPORTS.get(file_format)
    if respond is None:
        raise Http404
    offering = access_school_offering(actor=request.user, pk=pk)
    found = school_list_read(actor=request.user, offering=offering, kind=kind, via=file_format)
    header, rows = school_list_table(found)
    return respond(school_list_filename(found, file_format), header, rows)


# --- Municipalities -----------------------------------------------------------------


@login_required
def municipality_index(request: HttpRequest) -> HttpResponse:
    """Per-youth figures of the actor's municipalities, and the way to their cases."""
    year = admission_year_latest(year=_year_param(request))
    if year is None:
        municipalities = municipality_list(actor=request.user)
        run: AdmissionRun | None = None
        figures: list[MunicipalityFigures] = []
    else:
        run, figures = municipality_figures(actor=request.user, year=year)
        municipalities = [f.municipality for f in figures]
    return TemplateResponse(
        request,
        "admissions/school/municipality_index.html",
        {
            "year": year,
            "municipalities": municipalities,
            "figures": figures,
            "run_label": run_label(run),
        },
    )


@login_required
def municipality_residents(request: HttpRequest) -> HttpResponse:
    """The residents' applications and every line's result, 50 a page, searchable."""
    year = admission_year_latest(year=_year_param(request))
    if year is None:
        municipality_list(actor=request.user)  # the access check
        return TemplateResponse(
            request, "admissions/school/municipality_residents.html", {"year": None}
        )
    search = request.GET.get("q", "").strip()[:100]
    found = resident_application_page(
        actor=request.user, year=year, search=search, page=request.GET.get("sida"), size=PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("sida", None)
    return TemplateResponse(
        request,
        "admissions/school/municipality_residents.html",
        {
            "year": year,
            "found": found,
            "page": found.page,
            "search": search,
            "query": query.urlencode(),
            "run_label": run_label(found.run),
        },
    )


CASE_TITLES = {
    CaseKind.STATEMENTS: "Yttranden om mottagande",
    CaseKind.SPECIAL_REASONS: "Särskilda skäl",
}


@login_required
def municipality_cases(request: HttpRequest, kind: str) -> HttpResponse:
    """Lines waiting for the municipality's statement, or its decision on special reasons."""
    case_kind = CaseKind(kind)
    year = admission_year_latest(year=_year_param(request))
    if year is None:
        municipality_list(actor=request.user)
        cases = None
    else:
        cases = reception_case_list(actor=request.user, year=year, kind=case_kind)
    return TemplateResponse(
        request,
        "admissions/school/municipality_cases.html",
        {
            "year": year,
            "cases": cases,
            "kind": case_kind.value,
            "title": CASE_TITLES[case_kind],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def municipality_line(request: HttpRequest, pk: int) -> HttpResponse:
    """A resident's line, or a line at one of the municipality's schools, with its decisions."""
    line = access_municipal_line(actor=request.user, pk=pk)
    return _line_page(
        request,
        line,
        municipal_decision_kinds(actor=request.user, line=line),
        "admissions/school/municipality_line.html",
        {"back": reverse("admissions:municipality_index")},
    )


urlpatterns: list[URLPattern] = [
    path("skola/antagning/", school_index, name="school_index"),
    path("skola/antagning/klar/", school_done, name="school_done"),
    path("skola/antagning/<int:pk>/", school_offering, name="school_offering"),
    path("skola/antagning/<int:pk>/valrad/<int:line>/", school_line, name="school_line"),
    path("skola/antagning/<int:pk>/<slug:list_name>/", school_list, name="school_list"),
    path(
        "skola/antagning/<int:pk>/<slug:list_name>.<slug:file_format>",
        school_list_export,
        name="school_list_export",
    ),
    path("kommun/antagning/", municipality_index, name="municipality_index"),
    path("kommun/antagning/sokande/", municipality_residents, name="municipality_residents"),
    path(
        "kommun/antagning/yttranden/",
        municipality_cases,
        {"kind": CaseKind.STATEMENTS.value},
        name="municipality_statements",
    ),
    path(
        "kommun/antagning/sarskilda-skal/",
        municipality_cases,
        {"kind": CaseKind.SPECIAL_REASONS.value},
        name="municipality_special_reasons",
    ),
    path("kommun/antagning/valrad/<int:pk>/", municipality_line, name="municipality_line"),
]
