"""API v1 for school; wired into config/api_urls.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
