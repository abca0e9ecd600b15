"""The admission office: the year's dashboard, runs, verification, publishing and export (paths under /antagning/)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
