"""API plumbing shared by every app: the exception handler."""

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

security_log = logging.getLogger("security")


def exception_handler(exc, context):
    """DRF's handler, plus: Django's ValidationError becomes a 400 with its (Vietnamese) messages,
    and refused access (401, 403, 404 on a scoped object) is written to the security log."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    response = drf_exception_handler(exc, context)
    request = context.get("request")
    if (
        isinstance(
            exc,
            exceptions.NotAuthenticated
            | exceptions.AuthenticationFailed
            | exceptions.PermissionDenied
            | PermissionDenied
            | Http404
            | exceptions.NotFound,
        )
        and request is not None
    ):
        security_log.warning(
            "refused status=%s user=%s method=%s path=%s",
            getattr(response, "status_code", "-"),
            getattr(request.user, "username", "") or "-",
            request.method,
            request.path,
        )
    return response


def conflict(message) -> Response:
    return Response({"detail": message}, status=status.HTTP_409_CONFLICT)
