"""The catalogue pages: public catalogue and cut-offs, the school's offerings, the office's
imports and admission years. Views parse input, call one service or selector, and render;
`today` is `timezone.localdate()`, handed to the rules."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods, require_POST

from gymnasieregion.apps.accounts.access import access_permission, actor_scope
from gymnasieregion.apps.admissions.services import offering_cancel_and_notify
from gymnasieregion.apps.catalogue.calendar import (
    Action,
    TimelineStep,
    phase_is_open,
    phase_sentence,
    phase_timeline,
)
from gymnasieregion.apps.catalogue.forms import (
    AdmissionYearForm,
    CatalogueFilterForm,
    OfferingForm,
    OfferingImportForm,
)
from gymnasieregion.apps.catalogue.models import AdmissionYear
from gymnasieregion.apps.catalogue.offering_files import COLUMNS, REQUIRED, TEMPLATE_ROWS
from gymnasieregion.apps.catalogue.offering_rules import programme_names
from gymnasieregion.apps.catalogue.selectors import (
    MANAGE,
    access_offering,
    admission_year_for_catalogue,
    admission_year_get,
    admission_year_list,
    catalogue_year_and_version,
    offering_cutoff_list,
    offering_filter_choices,
    offering_get_public,
    offering_list_for_actor,
    offering_list_public,
    school_unit_list_for_actor,
)
from gymnasieregion.apps.catalogue.services import (
    admission_year_create,
    admission_year_update,
    offering_create,
    offering_import,
    offering_update,
)
from gymnasieregion.core.row_errors import RowErrors
from gymnasieregion.files.tabular import TableFileError, csv_response, read_table, xlsx_response
from gymnasieregion.web.fragments import fragments_cached

PAGE_SIZE = 50
CUTOFF_PAGE_SIZE = 100


def _year_param(request: HttpRequest) -> int | None:
    value = request.GET.get("ar", "")
    return int(value) if value.isdigit() else None


def _page(request: HttpRequest, items: Any, size: int) -> Page[Any]:
    return Paginator(items, size).get_page(request.GET.get("sida"))


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("sida", None)
    return query.urlencode()


def _timeline(year: AdmissionYear) -> list[tuple[TimelineStep, str]]:
    today = timezone.localdate()
    return [(step, step.state(today)) for step in phase_timeline(year=year)]


def _catalogue_fragments(
    request: HttpRequest,
    year: AdmissionYear,
    years: list[AdmissionYear],
    version: tuple[int, str],
) -> dict[str, SafeString]:
    """The search form and results for this query, rendered once per catalogue version."""

    def build() -> dict[str, str]:
        names = programme_names(year)
        form = CatalogueFilterForm(
            request.GET or None,
            choices=offering_filter_choices(admission_year=year),
            programme_names=names,
        )
        offerings = offering_list_public(admission_year=year, filters=form.filters())
        context = {
            "year": year,
            "years": years,
            "form": form,
            "page": _page(request, offerings, PAGE_SIZE),
            "query": _query_without_page(request),
        }
        template = "catalogue/_offering_search.html"
        return {
            part: render_to_string(f"{template}#{part}", context) for part in ("filters", "results")
        }

    key = (year.pk, tuple(y.year for y in years), version, tuple(sorted(request.GET.lists())))
    return fragments_cached(name="catalogue", key=key, build=build)


def catalogue_list(request: HttpRequest) -> HttpResponse:
    """The public catalogue with search and filters; htmx swaps only the results."""
    years, year, version = catalogue_year_and_version(year=_year_param(request))
    context: dict[str, Any] = {"year": year, "years": years}
    if year is None:
        return TemplateResponse(request, "catalogue/offering_list.html", context)
    fragments = _catalogue_fragments(request, year, years, version)
    if getattr(request, "htmx", False):
        return HttpResponse(fragments["results"])
    context |= {
        "fragments": fragments,
        "apply_sentence": phase_sentence(year=year, action=Action.APPLY),
    }
    return TemplateResponse(request, "catalogue/offering_list.html", context)


def offering_detail(request: HttpRequest, key: str) -> HttpResponse:
    year = admission_year_for_catalogue(year=_year_param(request))
    if year is None:
        raise Http404
    offering = offering_get_public(admission_year=year, key=key)
    return TemplateResponse(
        request,
        "catalogue/offering_detail.html",
        {
            "offering": offering,
            "programme_name": programme_names(offering.admission_year).get(
                offering.programme_code, offering.programme_code
            ),
            "timeline": _timeline(offering.admission_year),
        },
    )


def cutoffs(request: HttpRequest) -> HttpResponse:
    """The published cut-offs (antagningspoäng) of a year, by programme and school."""
    year = admission_year_for_catalogue(year=_year_param(request))
    context: dict[str, Any] = {"year": year, "years": admission_year_list()}
    if year is not None:
        names = programme_names(year)
        programme = request.GET.get("program", "")
        programme = programme if programme in names else ""
        context |= {
            "page": _page(
                request,
                offering_cutoff_list(admission_year=year, programme=programme),
                CUTOFF_PAGE_SIZE,
            ),
            "programme": programme,
            "programmes": sorted(names.items()),
            "query": _query_without_page(request),
        }
    return TemplateResponse(request, "catalogue/cutoffs.html", context)


def _edit_action(request: HttpRequest) -> Action:
    office = MANAGE in actor_scope(request.user).permissions
    return Action.OFFERINGS_EDIT_OFFICE if office else Action.OFFERINGS_EDIT


@login_required
def school_offerings(request: HttpRequest) -> HttpResponse:
    """The offerings of the actor's school units (every offering for the office)."""
    year = admission_year_for_catalogue(year=_year_param(request))
    if year is None:
        offerings = offering_list_for_actor(actor=request.user).none()
    else:
        offerings = offering_list_for_actor(actor=request.user, admission_year=year)
    context: dict[str, Any] = {
        "year": year,
        "years": admission_year_list(),
        "page": _page(request, offerings, PAGE_SIZE),
        "query": _query_without_page(request),
    }
    if year is not None:
        action = _edit_action(request)
        context |= {
            "edit_open": phase_is_open(year=year, action=action, today=timezone.localdate()),
            "edit_sentence": phase_sentence(year=year, action=action),
        }
    return TemplateResponse(request, "catalogue/school_offerings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def school_offering_new(request: HttpRequest) -> HttpResponse:
    year = admission_year_for_catalogue(year=_year_param(request))
    units = school_unit_list_for_actor(actor=request.user)
    if year is None:
        messages.error(request, "Det finns inget antagningsår att lägga upp utbildningar för.")
        return redirect("catalogue:school_list")
    form = OfferingForm(
        request.POST or None, programme_names=programme_names(year), school_units=units
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                offering = offering_create(
                    actor=request.user,
                    admission_year=year,
                    school_unit=form.cleaned_data["school_unit"],
                    code=form.cleaned_data["code"].strip(),
                    data=form.offering_data(),
                    today=timezone.localdate(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Utbildningen {offering.code} är upplagd.")
                return redirect("catalogue:school_list")
        status = 400
    return TemplateResponse(
        request,
        "catalogue/offering_form.html",
        {
            "form": form,
            "year": year,
            "offering": None,
            "edit_open": phase_is_open(
                year=year, action=_edit_action(request), today=timezone.localdate()
            ),
            "edit_sentence": phase_sentence(year=year, action=_edit_action(request)),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_offering_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offering = access_offering(actor=request.user, pk=pk)
    year = offering.admission_year
    form = OfferingForm(
        request.POST or None, programme_names=programme_names(year), offering=offering
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                offering_update(
                    actor=request.user,
                    offering=offering,
                    data=form.offering_data(),
                    today=timezone.localdate(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Utbildningen {offering.code} är sparad.")
                return redirect("catalogue:school_list")
        status = 400
    today = timezone.localdate()
    office = MANAGE in actor_scope(request.user).permissions
    cancel_action = Action.OFFERING_CANCEL_OFFICE if office else Action.OFFERING_CANCEL_SCHOOL
    return TemplateResponse(
        request,
        "catalogue/offering_form.html",
        {
            "form": form,
            "year": year,
            "offering": offering,
            "edit_open": phase_is_open(year=year, action=_edit_action(request), today=today)
            and not offering.cancelled,
            "edit_sentence": phase_sentence(year=year, action=_edit_action(request)),
            "cancel_open": phase_is_open(year=year, action=cancel_action, today=today),
            "cancel_sentence": phase_sentence(year=year, action=cancel_action),
        },
        status=status,
    )


@login_required
@require_POST
def school_offering_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Lay down an offering through the admissions app, which e-mails its applicants."""
    offering = access_offering(actor=request.user, pk=pk)
    try:
        notified = offering_cancel_and_notify(
            actor=request.user, offering=offering, today=timezone.localdate()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("catalogue:school_edit", pk=pk)
    messages.success(
        request,
        f"Utbildningen {offering.code} är nedlagd (startar ej). "
        f"{notified} sökande har fått besked via e-post.",
    )
    return redirect("catalogue:school_list")


@login_required
@require_http_methods(["GET", "POST"])
def offering_import_page(request: HttpRequest) -> HttpResponse:
    """Upload offerings; every bad row is listed beside the form and nothing is saved."""
    access_permission(request.user, MANAGE)
    form = OfferingImportForm(request.POST or None, request.FILES or None)
    row_errors: list[Any] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            year = form.cleaned_data["admission_year"]
            try:
                table = read_table(upload.read(), upload.name, required=REQUIRED)
                result = offering_import(
                    actor=request.user,
                    admission_year=year,
                    rows=table.rows,
                    today=timezone.localdate(),
                )
            except TableFileError as error:
                form.add_error("file", f"{error} Ingenting sparades.")
            except RowErrors as error:
                row_errors = error.errors
                form.add_error(
                    "file",
                    f"Filen har {len(row_errors)} fel. Ingenting sparades. "
                    "Rätta felen och importera igen.",
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"{result.rows} rader lästes för {year.year}: {result.created} nya, "
                    f"{result.updated} ändrade och {result.unchanged} oförändrade utbildningar.",
                )
                return redirect("catalogue:import")
    return TemplateResponse(
        request,
        "catalogue/offering_import.html",
        {"form": form, "row_errors": row_errors, "columns": COLUMNS},
        status=status,
    )


@login_required
def import_template(request: HttpRequest, file_format: str) -> HttpResponse:
    access_permission(request.user, MANAGE)
    if file_format not in ("csv", "xlsx"):
        raise Http404
    respond = xlsx_response if file_format == "xlsx" else csv_response
    return respond(f"utbildningar-mall.{file_format}", COLUMNS, TEMPLATE_ROWS)


@login_required
def admission_years(request: HttpRequest) -> HttpResponse:
    access_permission(request.user, MANAGE)
    years = [(year, _timeline(year)) for year in admission_year_list()]
    return TemplateResponse(request, "catalogue/admission_years.html", {"years": years})


@login_required
@require_http_methods(["GET", "POST"])
def admission_year_new(request: HttpRequest) -> HttpResponse:
    access_permission(request.user, MANAGE)
    form = AdmissionYearForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                year = admission_year_create(
                    actor=request.user, year=form.cleaned_data["year"], data=form.year_data()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Antagningsåret {year.year} är skapat.")
                return redirect("catalogue:years")
        return _year_form(request, form, None, status=400)
    return _year_form(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def admission_year_edit(request: HttpRequest, year: int) -> HttpResponse:
    access_permission(request.user, MANAGE)
    admission_year = admission_year_get(year=year)
    form = AdmissionYearForm(request.POST or None, admission_year=admission_year)
    if request.method == "POST":
        if form.is_valid():
            try:
                admission_year_update(
                    actor=request.user, admission_year=admission_year, data=form.year_data()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Antagningsåret {year} är sparat.")
                return redirect("catalogue:years")
        return _year_form(request, form, admission_year, status=400)
    return _year_form(request, form, admission_year)


def _year_form(
    request: HttpRequest, form: AdmissionYearForm, year: AdmissionYear | None, status: int = 200
) -> HttpResponse:
    return TemplateResponse(
        request,
        "catalogue/admission_year_form.html",
        {"form": form, "year": year, "action": reverse("catalogue:years")},
        status=status,
    )
