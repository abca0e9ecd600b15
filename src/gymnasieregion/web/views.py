"""The start page and error pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse

from gymnasieregion.apps.accounts.selectors import membership_list


def home(request: HttpRequest) -> HttpResponse:
    memberships = membership_list(actor=request.user) if request.user.is_authenticated else []
    return TemplateResponse(request, "web/home.html", {"memberships": memberships})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return TemplateResponse(request, "web/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "web/500.html", status=500)
