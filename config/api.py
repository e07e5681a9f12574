"""API plumbing shared by every app: the exception handler, the 409 and 412 errors, pagination and
the file renderer."""

import json
import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination, renderers, serializers, status
from rest_framework.views import exception_handler as drf_exception_handler

from config.bounds import grouped
from config.dates import DateUnreadable, NoSuchDay, parse_day
from config.errors import RETRY_AFTER_SECONDS, database_unavailable_message, is_database_unavailable
from config.revisions import Conflict as ServiceConflict
from config.revisions import StaleRevision

security_log = logging.getLogger("security")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT


class DatabaseUnavailable(exceptions.APIException):
    """The database can't be reached (restarting, connection lost): 503 with Retry-After."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE

    def __init__(self):
        super().__init__(detail=database_unavailable_message())
        self.wait = RETRY_AFTER_SECONDS


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("Somebody changed this record after you read it. Reload it, then make your change again.")


def is_number_out_of_range(exc: BaseException) -> bool:
    """A number in a path or a filter too large for the database's integers (SQLite refuses to bind
    one past 64 bits; PostgreSQL compares it and finds nothing)."""
    return isinstance(exc, OverflowError) and "too large" in str(exc)


def number_out_of_range_message() -> str:
    return str(_("A number in the address or the filters is out of range."))


def malformed_json(exc: BaseException) -> exceptions.ParseError | None:
    """DRF's JSONParser answers a body that is not JSON with "JSON parse error - Expecting value: line 1
    column 2 (char 1)", in English: the same 400 in Vietnamese, with where the body went wrong."""
    cause = exc.__cause__ or exc.__context__
    if not isinstance(exc, exceptions.ParseError) or not isinstance(cause, ValueError):
        return None
    if isinstance(cause, json.JSONDecodeError):
        message = _(
            "The body sent is not valid JSON: the error is at line %(line)s, column %(column)s "
            "(character %(position)s). Check the quotes, commas and brackets there."
        ) % {"line": cause.lineno, "column": cause.colno, "position": cause.pos + 1}
    else:  # not text in the request's character set (UTF-8 unless the Content-Type says otherwise)
        message = _("The body sent is not valid JSON: it is not UTF-8 text.")
    return exceptions.ParseError(detail=message)


def exception_handler(exc, context):
    """DRF's handler, plus: Django's ValidationError becomes a 400 with its (Vietnamese) messages,
    a service's Conflict a 409 and StaleRevision a 412, a database that can't be reached a 503
    (config/errors.py), a body that is not JSON a 400 saying where; refused access (401, 403, 404 on a scoped
    object) is written to the security log."""

    if isinstance(exc, ServiceConflict):
        exc = Conflict(detail=str(exc))
    elif isinstance(exc, StaleRevision):
        exc = PreconditionFailed()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()  # Django's own text names the model and is not translated
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    elif is_number_out_of_range(exc):
        exc = exceptions.ValidationError(detail={"detail": [number_out_of_range_message()]})
    elif parse_error := malformed_json(exc):
        exc = parse_error
    elif is_database_unavailable(exc):
        logging.getLogger(__name__).error("the database can't be reached: %s", exc)
        exc = DatabaseUnavailable()
    response = drf_exception_handler(exc, context)
    request = context.get("request")
    if request is not None and isinstance(getattr(request, "accepted_renderer", None), FileRenderer):
        # An error of a view that answers with a file (?format=xlsx, Accept: application/pdf) is JSON.
        request.accepted_renderer = renderers.JSONRenderer()
        request.accepted_media_type = renderers.JSONRenderer.media_type
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


class PageNumberPagination(pagination.PageNumberPagination):
    """50 a page by default; ?page_size= up to 500 (more is read as 500; not a whole number from 1 on
    answers 400)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is not None and not (value.isascii() and value.isdigit() and int(value) >= 1):
            message = _("Enter a whole number from 1 to %(limit)s.") % {"limit": self.max_page_size}
            raise exceptions.ValidationError({self.page_size_query_param: [message]})
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters


class FileRenderer(renderers.BaseRenderer):
    """A file a view made itself (bytes), offered under its own media type; anything else (an
    error's detail) goes out as JSON. Subclasses set ``media_type`` and ``format``."""

    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()


PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PdfRenderer(FileRenderer):
    media_type = PDF_CONTENT_TYPE
    format = "pdf"


class XlsxRenderer(FileRenderer):
    """Lets a client ask for a workbook with ``Accept: <xlsx type>``; errors still go out as JSON."""

    media_type = XLSX_CONTENT_TYPE
    format = "xlsx"


class DocxRenderer(FileRenderer):
    """Lets a client ask for a Word document with ``Accept: <docx type>``; errors still go out as JSON."""

    media_type = DOCX_CONTENT_TYPE
    format = "docx"


class JsonErrors:
    """Views that answer with a file answer their errors in JSON (with a JSON content type, not
    under the file's), whatever the client asked for."""

    def handle_exception(self, exc):
        from rest_framework.renderers import JSONRenderer

        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response


class PlainNumbersMixin:
    """For a ModelSerializer: an integer past its model's limit (config.bounds) or below zero gets the
    same plain message as the pages ("Tối đa 100.000.000.", "Giá trị phải từ 0 trở lên.")."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            if isinstance(field, serializers.IntegerField):
                # DRF turns max_value/min_value into validators with its own wording at construction.
                field.validators = [
                    v for v in field.validators if not isinstance(v, MaxValueValidator | MinValueValidator)
                ]
                if field.max_value is not None:
                    limit = grouped(field.max_value)
                    field.validators.append(
                        MaxValueValidator(field.max_value, message=_("At most %(limit)s.") % {"limit": limit})
                    )
                if field.min_value is not None:
                    field.validators.append(
                        MinValueValidator(field.min_value, message=_("The value must be zero or more."))
                    )
                field.error_messages["invalid"] = _("Enter a whole number.")
        return fields


class DateField(serializers.DateField):
    """A date of the API (yyyy-mm-dd, or dd/mm/yyyy): one with the right form whose day does not exist
    ("2026-11-31", "29/02/2026") is named as such, as the pages do (config.dates), rather than answered
    "Ngày sai định dạng" with the format it already had."""

    def to_internal_value(self, value):
        try:
            return super().to_internal_value(value)
        except serializers.ValidationError:
            if isinstance(value, str):
                try:
                    parse_day(value)
                except NoSuchDay as exc:
                    raise serializers.ValidationError(str(exc), code="invalid") from None
                except DateUnreadable:
                    pass
            raise


# Every ModelSerializer's date field is this one. This module is imported before any API view is
# defined (DRF's GenericAPIView reads DEFAULT_PAGINATION_CLASS, config.api.PageNumberPagination, when
# rest_framework.generics is imported); fields declared by hand use config.api.DateField themselves.
serializers.ModelSerializer.serializer_field_mapping[models.DateField] = DateField
