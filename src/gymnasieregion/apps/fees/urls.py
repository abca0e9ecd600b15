from django.urls import path

from gymnasieregion.apps.fees import views

app_name = "fees"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.year_page, name="year"),
    path("<int:year>/serviceavgift.<str:file_format>", views.service_fee_export, name="export"),
    path("<int:year>/import/<str:kind>/", views.table_import, name="import"),
    path("<int:year>/avgiftsuttag/", views.rate_set, name="rate"),
]
