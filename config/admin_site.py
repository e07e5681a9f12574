"""The admin site (django.contrib.admin's default site, replaced through its AppConfig): it is signed
into through the site's own sign-in page, so that the second step is asked wherever it is needed, and
it lets in a user who must have the second step only when the session went through it."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.urls import reverse


class AdminSite(admin.AdminSite):
    def has_permission(self, request):
        from accounts.two_factor import second_step_required

        user = request.user
        if not super().has_permission(request):
            return False
        return not second_step_required(user) or user.is_verified()

    def login(self, request, extra_context=None):
        """The site's sign-in page (password, then the code where needed), then back to the admin."""
        from django.contrib.auth.views import redirect_to_login

        target = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(target, login_url=reverse("pages:login"))


class AdminConfig(DjangoAdminConfig):
    default_site = "config.admin_site.AdminSite"
