"""The auditor's pages: the filtered list of events and its CSV export."""

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from gymnasieregion.apps.audit.forms import AuditFilterForm
from gymnasieregion.apps.audit.selectors import AuditFilter, audit_event_list
from gymnasieregion.files.tabular import csv_response

PAGE_SIZE = 50
CSV_HEADER = ["Tidpunkt", "Utförare", "Händelse", "Objekttyp", "Objekt-id", "Uppgifter"]


def _filters(request: HttpRequest) -> tuple[AuditFilterForm, AuditFilter | None]:
    form = AuditFilterForm(request.GET or None)
    if not request.GET:
        return form, AuditFilter()
    return form, form.to_filter() if form.is_valid() else None


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    events = audit_event_list(actor=request.user, filters=filters or AuditFilter())
    page = Paginator(events.select_related("actor"), PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return TemplateResponse(
        request,
        "audit/list.html",
        {"form": form, "page": page if filters else None, "query": query.urlencode()},
        status=200 if filters else 400,
    )


@login_required
def event_export(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    events = audit_event_list(actor=request.user, filters=filters or AuditFilter())
    if filters is None:
        return TemplateResponse(
            request, "audit/list.html", {"form": form, "page": None}, status=400
        )
    rows = [
        [
            timezone.localtime(e.occurred_at).isoformat(timespec="seconds"),
            e.actor_label,
            e.action,
            e.subject_type,
            e.subject_id,
            json.dumps(e.payload, ensure_ascii=False, sort_keys=True),
        ]
        for e in events.iterator()
    ]
    return csv_response("granskningslogg.csv", CSV_HEADER, rows)
