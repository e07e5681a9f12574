"""The API of activities and their evidence files (/api/v1/)."""

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from accounts.permissions import IsUnitMember, visible_to
from config.api_revisions import IF_MATCH, HistoryMixin, RevisionETagMixin
from config.api_schema import FILE_DOWNLOAD
from config.downloads import file_download
from config.filters import DayFilter, IdFilter, TaskCodeFilter, UnitCodeFilter
from tasks.activities import services
from tasks.activities.models import Activity, ActivityTargetGroup, Evidence
from tasks.activities.serializers import (
    EVIDENCE_READ,
    GROUPS_READ,
    ActivityInputSerializer,
    ActivitySerializer,
    EvidenceSerializer,
    EvidenceUploadSerializer,
)


class ActivityFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="task__group__plan")
    unit = UnitCodeFilter()
    task = TaskCodeFilter()
    task_code = django_filters.CharFilter(field_name="task__code")
    date_from = DayFilter(field_name="start_date", lookup_expr="gte")
    date_to = DayFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Activity
        fields = ["unit", "task", "task_code", "plan", "form", "date_from", "date_to"]


class ActivityViewSet(RevisionETagMixin, HistoryMixin, viewsets.ModelViewSet):
    """A unit's activities for the plan's tasks; evidence files hang under each activity."""

    filterset_class = ActivityFilter
    permission_classes = [IsUnitMember]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        qs = Activity.objects.select_related("unit", "task")
        if self.action in ("list", "retrieve"):  # the others answer with no activity, or read it again
            # Into lists (to_attr): Django's prefetch otherwise builds a queryset per activity and relation.
            qs = qs.prefetch_related(
                Prefetch("target_group_rows", to_attr=GROUPS_READ), Prefetch("evidence", to_attr=EVIDENCE_READ)
            )
        return visible_to(qs, self.request.user)

    def get_serializer_class(self):
        return ActivityInputSerializer if self.action in ("create", "update", "partial_update") else ActivitySerializer

    def _split(self, validated: dict) -> tuple[dict, list | None]:
        validated = dict(validated)
        return validated, validated.pop("target_groups", None)

    @extend_schema(request=ActivityInputSerializer, responses={201: ActivitySerializer})
    def create(self, request, *args, **kwargs):
        data = ActivityInputSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values, groups = self._split(data.validated_data)
        unit = values.pop("unit", None)
        activity = services.activity_create(by=request.user, values=values, target_groups=groups or [], unit=unit)
        # Answered from what was written (its unit and task at hand, no evidence yet): not read again.
        setattr(activity, GROUPS_READ, [ActivityTargetGroup(target_group=g) for g in set(groups or [])])
        setattr(activity, EVIDENCE_READ, [])
        return self.with_etag(Response(ActivitySerializer(activity).data, status=status.HTTP_201_CREATED), activity)

    @extend_schema(request=ActivityInputSerializer, responses=ActivitySerializer, parameters=[IF_MATCH])
    def update(self, request, *args, **kwargs):
        activity = self.get_object()
        data = ActivityInputSerializer(
            activity, data=request.data, partial=kwargs.get("partial", False), context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        values, groups = self._split(data.validated_data)
        values.pop("unit", None)  # the serializer refused a change of unit
        services.activity_update(
            activity=activity,
            by=request.user,
            values=values,
            target_groups=groups,
            expected_revision=self.expected_revision(activity),
        )
        activity = self.get_queryset().get(pk=activity.pk)
        return self.with_etag(Response(ActivitySerializer(activity).data), activity)

    @extend_schema(parameters=[IF_MATCH])
    def destroy(self, request, *args, **kwargs):
        activity = self.get_object()
        services.activity_delete(activity=activity, by=request.user, expected_revision=self.expected_revision(activity))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request={"multipart/form-data": EvidenceUploadSerializer}, responses={201: EvidenceSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def evidence(self, request, pk=None):
        """Attach an evidence file (PDF, JPEG, PNG, DOCX, XLSX; 20 MB at most)."""
        activity = self.get_object()
        data = EvidenceUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evidence = services.evidence_add(activity=activity, by=request.user, upload=data.validated_data["file"])
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


class EvidenceViewSet(mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Evidence files, served only to users allowed to see their activity."""

    serializer_class = EvidenceSerializer
    permission_classes = [IsUnitMember]
    filterset_fields = ["activity"]

    def get_queryset(self):
        return visible_to(Evidence.objects.select_related("activity"), self.request.user, "activity__unit_id")

    @extend_schema(responses=FILE_DOWNLOAD)
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        evidence = self.get_object()
        return file_download(evidence.file, name=evidence.original_name, content_type=evidence.content_type)

    def perform_destroy(self, instance):
        services.evidence_delete(evidence=instance, by=self.request.user)
