"""Organisations the actor may see."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from gymnasieregion.apps.organisations.selectors import access_organisation_by_id, organisation_list


@login_required
def organisation_index(request: HttpRequest) -> HttpResponse:
    organisations = organisation_list(actor=request.user)
    return TemplateResponse(request, "organisations/list.html", {"organisations": organisations})


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation_by_id(actor=request.user, organisation_id=pk)
    return TemplateResponse(request, "organisations/detail.html", {"organisation": organisation})
