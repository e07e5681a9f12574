"""The API's schema and its documentation page (/api/v1/schema/, /api/v1/docs/), for signed-in users.
A browser that is not signed in is sent to the sign-in page and back (?next=), rather than shown DRF's
bare "401 Unauthorized"; a client that asks for no HTML (a script, curl, Swagger's own fetch) still
gets the 401 in JSON."""

from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions

from config.api import JsonErrors


def wants_a_page(request) -> bool:
    """The client names HTML among what it accepts (a browser's address bar), not merely */*."""
    return any(t.main_type == "text" and t.sub_type == "html" and t.quality > 0 for t in request.accepted_types)


class SignInFirst(JsonErrors):
    """Not signed in: a browser goes to the sign-in page; any other client, and any other error, gets
    JSON (the docs' page would otherwise answer its errors with a bare English HTML page)."""

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.NotAuthenticated) and wants_a_page(self.request):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)


class SchemaView(SignInFirst, SpectacularAPIView):
    pass


class DocsView(SignInFirst, SpectacularSwaggerSplitView):
    pass
