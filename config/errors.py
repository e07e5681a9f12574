"""Errors every page and API answer share. An unknown address under /api/ answers 404 in JSON. A
database that can't be reached (PostgreSQL restarting, a lost connection, a lock timeout) answers 503
with a Vietnamese message and Retry-After, never 500.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found as django_page_not_found
from django.views.defaults import server_error as django_server_error

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, DATABASE_ERRORS)


def database_unavailable_message() -> str:
    return _("The system can't reach its database at the moment. Nothing was saved; please try again in a minute.")


def page_not_found(request, exception, template_name="404.html"):
    """handler404: an address under /api/ that matches no route answers in JSON, as the API does."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404, json_dumps_params={"ensure_ascii": False})
    return django_page_not_found(request, exception, template_name=template_name)


def server_error(request, template_name="500.html"):
    """handler500: 503 when the database can't be reached (a page for pages, JSON for the API),
    Django's own 500 page otherwise. It touches neither the database nor the session."""
    exc = sys.exc_info()[1]
    if not is_database_unavailable(exc):
        return django_server_error(request, template_name=template_name)
    message = database_unavailable_message()
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        # No request (no context processors, no session); static files by their plain names, so that
        # the page renders whatever state the static files' manifest is in.
        html = loader.render_to_string("503.html", {"message": message, "static_url": settings.STATIC_URL})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
