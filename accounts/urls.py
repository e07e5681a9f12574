"""Sign-in (password, then the code where needed), sign-out and the security page."""

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import security_page, signin

urlpatterns = [
    path("dang-nhap/", signin.PasswordStepView.as_view(), name="login"),
    path("dang-nhap/ma-xac-thuc/", signin.code_step, name="login-code"),
    path("dang-xuat/", auth_views.LogoutView.as_view(next_page="pages:login"), name="logout"),
    path("bao-mat/", security_page.security, name="security"),
]
