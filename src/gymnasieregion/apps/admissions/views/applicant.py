"""The applicant's e-service: the list of choices, results, answers and letters (paths under /ansokan/)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
