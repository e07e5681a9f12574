"""The API side of revisions, shared by every editable record: the ETag and If-Match (428 without,
412 when stale), the history route, and the viewset of a unit's own records."""

import re

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.permissions import IsUnitMember, visible_to
from accounts.serializers import TakenOverUnitSerializer
from config.api import PreconditionFailed


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = gettext_lazy("Send the ETag of your last read in the If-Match header.")


IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the last read of this record; a stale one answers 412.",
)


ETAG_PATTERN = re.compile(r'^(?:W/)?"(\d+)-(\d+)"$')


class RevisionETagMixin:
    """ETag = "<id>-<revision>" on reads; updates must send it back in If-Match (412 if stale)."""

    @staticmethod
    def etag(obj) -> str:
        return f'"{obj.pk}-{obj.revision}"'

    def expected_revision(self, obj) -> int:
        header = self.request.headers.get("If-Match", "").strip()
        if not header:
            raise PreconditionRequired
        match = ETAG_PATTERN.match(header)
        if not match or int(match.group(1)) != obj.pk:
            raise PreconditionFailed
        return int(match.group(2))

    def with_etag(self, response: Response, obj) -> Response:
        response["ETag"] = self.etag(obj)
        return response

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.with_etag(Response(self.get_serializer(obj).data), obj)


class HistoryRecordSerializer(serializers.Serializer):
    history_id = serializers.IntegerField()
    at = serializers.DateTimeField(source="history_date")
    user = serializers.CharField(source="history_user.username", default=None, allow_null=True)
    action = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    changes = serializers.DictField()


class HistoryMixin:
    """GET …/{id}/history/: who changed what and when, oldest first (one plain list: no pages, no
    filters)."""

    @extend_schema(responses=HistoryRecordSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request, pk=None):
        obj = self.get_object()
        records = list(obj.history.select_related("history_user").order_by("history_id"))
        out, previous = [], None
        for record in records:
            if previous is None:
                changes = {}
            else:
                delta = record.diff_against(previous)
                changes = {c.field: {"old": _jsonable(c.old), "new": _jsonable(c.new)} for c in delta.changes}
            out.append(
                {
                    "history_id": record.history_id,
                    "history_date": record.history_date,
                    "history_user": record.history_user,
                    "action": {"+": "created", "~": "changed", "-": "deleted"}[record.history_type],
                    "changes": changes,
                }
            )
            previous = record
        return Response(HistoryRecordSerializer(out, many=True).data)


def _jsonable(value):
    return value if isinstance(value, str | int | float | bool | type(None) | list | dict) else str(value)


class UnitRecordViewSet(RevisionETagMixin, HistoryMixin, viewsets.ModelViewSet):
    """Pilot models and training courses: the unit's own records, saved through one service each."""

    permission_classes = [IsUnitMember]
    save_service = None
    delete_service = None

    def get_queryset(self):
        return visible_to(self.queryset, self.request.user)

    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        # ``unit``: a unit the user's unit took over (default: their own), as for activities.
        unit = TakenOverUnitSerializer(data={"unit": request.data["unit"]} if "unit" in request.data else {})
        unit.is_valid(raise_exception=True)
        obj = type(self).save_service(by=request.user, values=data.validated_data, unit=unit.validated_data.get("unit"))
        return self.with_etag(Response(self.get_serializer(obj).data, status=status.HTTP_201_CREATED), obj)

    @extend_schema(parameters=[IF_MATCH])
    def update(self, request, *args, **kwargs):
        obj = self.get_object()
        data = self.get_serializer(obj, data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        obj = type(self).save_service(
            by=request.user, values=data.validated_data, current=obj, expected_revision=self.expected_revision(obj)
        )
        return self.with_etag(Response(self.get_serializer(obj).data), obj)

    @extend_schema(parameters=[IF_MATCH])
    def destroy(self, request, *args, **kwargs):
        obj = self.get_object()
        type(self).delete_service(obj, by=request.user, expected_revision=self.expected_revision(obj))
        return Response(status=status.HTTP_204_NO_CONTENT)
