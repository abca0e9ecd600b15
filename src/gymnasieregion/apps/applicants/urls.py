from django.urls import path

from gymnasieregion.apps.applicants import views

app_name = "applicants"
urlpatterns = [
    path("", views.person_index, name="list"),
    path("mig/", views.person_me, name="me"),
    path("ny/", views.person_create, name="create"),
    path("<int:pk>/", views.pupil_card, name="card"),
    path("<int:pk>/rattelse/", views.correction_create, name="correction_create"),
    path("betyg/import/", views.grade_import_page, name="grade_import"),
    path("betyg/mall.<str:file_format>", views.grade_template, name="grade_template"),
    path("rattelser/", views.correction_index, name="corrections"),
    path("rattelser/<int:pk>/", views.correction_detail, name="correction"),
]
