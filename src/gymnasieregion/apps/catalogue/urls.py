"""Catalogue pages. Included at the site root: the paths name their audience
(public `utbildningar/`, `antagningspoang/`; schools `skola/`; the office `antagning/`)."""

from django.urls import path

from gymnasieregion.apps.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("utbildningar/", views.catalogue_list, name="list"),
    path("utbildningar/<str:key>/", views.offering_detail, name="offering"),
    path("antagningspoang/", views.cutoffs, name="cutoffs"),
    path("skola/utbildningar/", views.school_offerings, name="school_list"),
    path("skola/utbildningar/ny/", views.school_offering_new, name="school_new"),
    path("skola/utbildningar/<int:pk>/", views.school_offering_edit, name="school_edit"),
    path(
        "skola/utbildningar/<int:pk>/lagg-ned/",
        views.school_offering_cancel,
        name="school_cancel",
    ),
    path("antagning/utbildningar/import/", views.offering_import_page, name="import"),
    path(
        "antagning/utbildningar/importmall.<str:file_format>",
        views.import_template,
        name="import_template",
    ),
    path("antagning/antagningsar/", views.admission_years, name="years"),
    path("antagning/antagningsar/nytt/", views.admission_year_new, name="year_new"),
    path("antagning/antagningsar/<int:year>/", views.admission_year_edit, name="year_edit"),
]
