"""The fee pages for the finance role: tables, exports, imports and the rate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from gymnasieregion.apps.accounts.access import access_permission, actor_has_permission
from gymnasieregion.apps.fees import tables
from gymnasieregion.apps.fees.forms import RateForm, TableUploadForm
from gymnasieregion.apps.fees.selectors import budget_report_get, fee_year_get, fee_year_list
from gymnasieregion.apps.fees.services import (
    FEE_BASE_FIELD,
    YOUTH_COUNT_FIELD,
    fee_bases_import,
    fee_rate_set,
    youth_counts_import,
)
from gymnasieregion.core.fees.service_fee import format_per_mille
from gymnasieregion.core.row_errors import RowErrors
from gymnasieregion.files.tabular import TableFileError, csv_response, read_table, xlsx_response

IMPORTS = {
    "avgiftsunderlag": (FEE_BASE_FIELD, fee_bases_import, "avgiftsunderlag"),
    "ungdomar": (YOUTH_COUNT_FIELD, youth_counts_import, "antal ungdomar"),
}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    years = fee_year_list(actor=request.user)
    return redirect("fees:year", year=max(years)) if years else redirect("web:home")


@login_required
def year_page(
    request: HttpRequest, year: int, rate_form: RateForm | None = None, status: int = 200
) -> HttpResponse:
    fee_year = fee_year_get(actor=request.user, year=year)
    report = budget_report_get(actor=request.user, plan_year=year)
    rate = fee_year.service_fees.rate_per_mille if fee_year.service_fees else None
    return TemplateResponse(
        request,
        "fees/year.html",
        {
            "fee_year": fee_year,
            "years": fee_year_list(actor=request.user),
            "service_rows": tables.service_fee_rows(fee_year),
            "population_total": tables.population_total(fee_year),
            "per_youth_rows": tables.per_youth_rows(fee_year),
            "budget": report,
            "budget_tables": tables.budget_tables(report),
            "can_manage": actor_has_permission(request.user, "fees.manage"),
            "rate_form": rate_form
            or RateForm(
                initial={"rate_per_mille": format_per_mille(rate) if rate is not None else ""}
            ),
        },
        status=status,
    )


@login_required
def service_fee_export(request: HttpRequest, year: int, file_format: str) -> HttpResponse:
    if file_format not in ("csv", "xlsx"):
        raise Http404
    fee_year = fee_year_get(actor=request.user, year=year)
    rows = tables.service_fee_export_rows(fee_year)
    respond = xlsx_response if file_format == "xlsx" else csv_response
    return respond(f"serviceavgift-{year}.{file_format}", tables.SERVICE_FEE_HEADER, rows)


@login_required
@require_POST
def table_import(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    """Import fee bases or youth counts; every bad row is reported and nothing is saved."""
    access_permission(request.user, "fees.manage")
    if kind not in IMPORTS:
        raise Http404
    field, service, label = IMPORTS[kind]
    form = TableUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, str(form.errors["file"][0]))
        return redirect("fees:year", year=year)
    upload = form.cleaned_data["file"]
    try:
        table = read_table(upload.read(), upload.name, required=["kommunkod", field])
        count = service(actor=request.user, year=year, rows=table.rows)
    except TableFileError as error:
        messages.error(request, f"Importen av {label} avbröts: {error} Ingenting sparades.")
    except RowErrors as error:
        messages.error(
            request,
            f"Importen av {label} avbröts. Ingenting sparades. Rätta felen och importera igen:",
        )
        for row_error in error.errors:
            messages.error(request, str(row_error))
    else:
        messages.success(request, f"{count} rader med {label} för {year} importerades.")
    return redirect("fees:year", year=year)


@login_required
@require_POST
def rate_set(request: HttpRequest, year: int) -> HttpResponse:
    access_permission(request.user, "fees.manage")
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            fee_rate_set(
                actor=request.user, year=year, rate_per_mille=form.cleaned_data["rate_per_mille"]
            )
        except ValueError as error:
            form.add_error("rate_per_mille", str(error))
        else:
            messages.success(request, f"Avgiftsuttaget för {year} är sparat.")
            return redirect("fees:year", year=year)
    return year_page(request, year, rate_form=form, status=400)
