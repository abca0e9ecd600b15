from django.contrib.auth import views as auth_views
from django.urls import path

from gymnasieregion.apps.accounts import views

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.SignInView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("tvastegsverifiering/", views.second_factor, name="second_factor"),
    path("tvastegsverifiering/aktivera/", views.second_factor_enrol, name="second_factor_enrol"),
]
