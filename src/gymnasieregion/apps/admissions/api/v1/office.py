"""API v1 for office; wired into config/api_urls.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
