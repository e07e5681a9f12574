"""Sign-in and sign-out pages."""

from django.contrib.auth import views as auth_views
from django.urls import path

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(template_name="accounts/login.html", next_page="pages:home"),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(next_page="pages:login"), name="logout"),
]
