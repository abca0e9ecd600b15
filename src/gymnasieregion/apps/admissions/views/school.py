"""Schools and municipalities: admitted and reserve lists, decisions on choice lines (paths under /skola/antagning/ and /kommun/antagning/)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
