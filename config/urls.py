from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config.api_docs import DocsView, SchemaView
from ops.views import healthz

admin.site.site_header = admin.site.site_title = _("Legal education plan tracker - Ministry of Public Security")
admin.site.enable_nav_sidebar = False

# A database that can't be reached answers 503 in Vietnamese (pages and API), anything else 500; an
# unknown address under /api/ answers 404 in JSON.
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/schema/", SchemaView.as_view(), name="schema"),
    # The docs' page and its script are two requests (?script), so the page needs nothing inline (CSP).
    # A browser not signed in is sent to the sign-in page and back (config/api_docs.py).
    path(
        "api/v1/docs/",
        DocsView.as_view(url_name="schema", template_name="api/swagger_ui.html"),
        name="swagger-ui",
    ),
    path("api/v1/", include("config.api_urls")),
    path("", include("config.page_urls")),
]
