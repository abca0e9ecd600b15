"""Top-level URLs. Paths users see are Swedish; the API is under /api/v1/."""

from django.urls import include, path

urlpatterns = [
    path("", include("gymnasieregion.web.urls")),
    path("", include("gymnasieregion.apps.catalogue.urls")),
    path("konto/", include("gymnasieregion.apps.accounts.urls")),
    path("organisationer/", include("gymnasieregion.apps.organisations.urls")),
    path("avgifter/", include("gymnasieregion.apps.fees.urls")),
    path("elever/", include("gymnasieregion.apps.applicants.urls")),
    path("", include("gymnasieregion.apps.admissions.urls")),
    path("granskning/", include("gymnasieregion.apps.audit.urls")),
    path("api/v1/", include("gymnasieregion.config.api_urls")),
]

handler404 = "gymnasieregion.web.views.not_found"
handler500 = "gymnasieregion.web.views.server_error"
