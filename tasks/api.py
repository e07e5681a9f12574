"""The write API of the units' progress. Views validate input, call one service, serialise."""

import re

import django_filters
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.permissions import IsUnitMember, visible_to
from config.api import PreconditionFailed
from plans.models import Deliverable

from . import services
from .downloads import file_download
from .models import (
    Activity,
    AnnualReport,
    Evidence,
    Obligation,
    PilotModel,
    ReportTaskEntry,
    ReportVersion,
    TrainingCourse,
    UnitPlan,
)
from .selectors import obligations_visible, unit_figures
from .serializers import (
    ActivityInputSerializer,
    ActivitySerializer,
    AnnualReportCreateSerializer,
    AnnualReportInputSerializer,
    AnnualReportSerializer,
    EvidenceSerializer,
    EvidenceUploadSerializer,
    HistoryRecordSerializer,
    ObligationInputSerializer,
    ObligationSerializer,
    PilotModelSerializer,
    ReviewInputSerializer,
    TrainingCourseSerializer,
    UnitPlanInputSerializer,
    UnitPlanSerializer,
)


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


class HistoryMixin:
    """GET …/{id}/history/: who changed what and when, oldest first."""

    @extend_schema(responses=HistoryRecordSerializer(many=True))
    @action(detail=True, methods=["get"])
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


class ObligationFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="deliverable__plan")
    task = django_filters.NumberFilter(field_name="deliverable__task")
    task_code = django_filters.CharFilter(field_name="deliverable__task__code")
    deliverable = django_filters.NumberFilter(field_name="deliverable")
    unit = django_filters.NumberFilter(field_name="unit")
    due_before = django_filters.DateFilter(
        field_name="deliverable__due_date", lookup_expr="lte", label=gettext_lazy("due on or before (YYYY-MM-DD)")
    )
    due_after = django_filters.DateFilter(
        field_name="deliverable__due_date", lookup_expr="gte", label=gettext_lazy("due on or after (YYYY-MM-DD)")
    )

    class Meta:
        model = Obligation
        fields = ["plan", "task", "task_code", "deliverable", "unit", "status", "due_before", "due_after"]


class ObligationViewSet(RevisionETagMixin, HistoryMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Obligations: one per (deliverable, unit). Units update their progress (status, note)."""

    serializer_class = ObligationSerializer
    filterset_class = ObligationFilter
    permission_classes = [IsUnitMember]
    http_method_names = ["get", "patch", "put", "head", "options"]

    def get_queryset(self):
        return obligations_visible(user=self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}

    @extend_schema(request=ObligationInputSerializer, responses=ObligationSerializer, parameters=[IF_MATCH])
    def update(self, request, *args, **kwargs):
        obligation = self.get_object()
        data = ObligationInputSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        status_value = data.validated_data.get("status", obligation.status)
        obligation = services.obligation_set_status(
            obligation=obligation,
            by=request.user,
            status=status_value,
            note=data.validated_data.get("note"),
            expected_revision=self.expected_revision(obligation),
        )
        return self.with_etag(Response(self.get_serializer(obligation).data), obligation)


class ActivityFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="task__group__plan")
    task_code = django_filters.CharFilter(field_name="task__code")
    date_from = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Activity
        fields = ["unit", "task", "task_code", "plan", "form", "date_from", "date_to"]


class ActivityViewSet(RevisionETagMixin, HistoryMixin, viewsets.ModelViewSet):
    """A unit's activities for the plan's tasks; evidence files hang under each activity."""

    filterset_class = ActivityFilter
    permission_classes = [IsUnitMember]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        qs = Activity.objects.select_related("unit", "task").prefetch_related("target_group_rows", "evidence")
        return visible_to(qs, self.request.user)

    def get_serializer_class(self):
        return ActivityInputSerializer if self.action in ("create", "update", "partial_update") else ActivitySerializer

    def _split(self, validated: dict) -> tuple[dict, list | None]:
        validated = dict(validated)
        return validated, validated.pop("target_groups", None)

    @extend_schema(request=ActivityInputSerializer, responses={201: ActivitySerializer})
    def create(self, request, *args, **kwargs):
        data = ActivityInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values, groups = self._split(data.validated_data)
        activity = services.activity_create(by=request.user, values=values, target_groups=groups or [])
        activity = self.get_queryset().get(pk=activity.pk)
        return self.with_etag(Response(ActivitySerializer(activity).data, status=status.HTTP_201_CREATED), activity)

    @extend_schema(request=ActivityInputSerializer, responses=ActivitySerializer, parameters=[IF_MATCH])
    def update(self, request, *args, **kwargs):
        activity = self.get_object()
        data = ActivityInputSerializer(activity, data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        values, groups = self._split(data.validated_data)
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

    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        evidence = self.get_object()
        return file_download(evidence.file, name=evidence.original_name, content_type=evidence.content_type)

    def perform_destroy(self, instance):
        services.evidence_delete(evidence=instance, by=self.request.user)


class UnitPlanViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The units' own plans (task 1.1). Handing one in completes the obligation; it is never changed."""

    serializer_class = UnitPlanSerializer
    permission_classes = [IsUnitMember]
    parser_classes = [MultiPartParser, FormParser]
    filterset_fields = ["plan", "unit"]

    def get_queryset(self):
        return visible_to(UnitPlan.objects.select_related("unit"), self.request.user)

    @extend_schema(request={"multipart/form-data": UnitPlanInputSerializer}, responses={201: UnitPlanSerializer})
    def create(self, request, *args, **kwargs):
        data = UnitPlanInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        unit_plan = services.unit_plan_submit(
            by=request.user,
            plan=v["plan"],
            number=v["number"],
            signed_on=v["signed_on"],
            signer=v["signer"],
            upload=v["file"],
        )
        return Response(UnitPlanSerializer(unit_plan).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        unit_plan = self.get_object()
        return file_download(unit_plan.file, name=unit_plan.original_name, content_type=unit_plan.content_type)


class UnitRecordViewSet(RevisionETagMixin, HistoryMixin, viewsets.ModelViewSet):
    """Pilot models and training courses: the unit's own records, saved through one service each."""

    permission_classes = [IsUnitMember]
    save_service = None

    def get_queryset(self):
        return visible_to(self.queryset, self.request.user)

    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        obj = type(self).save_service(by=request.user, values=data.validated_data)
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

    def perform_destroy(self, instance):
        instance._history_user = self.request.user
        instance.delete()


def _save_pilot_model(*, by, values, current=None, expected_revision=None):
    return services.pilot_model_save(by=by, values=values, pilot_model=current, expected_revision=expected_revision)


def _save_training(*, by, values, current=None, expected_revision=None):
    return services.training_save(by=by, values=values, course=current, expected_revision=expected_revision)


class PilotModelViewSet(UnitRecordViewSet):
    """Pilot models (mô hình điểm) of tasks 4.1-4.3."""

    serializer_class = PilotModelSerializer
    queryset = PilotModel.objects.select_related("unit")
    filterset_fields = ["plan", "unit", "status", "target_group"]
    save_service = staticmethod(_save_pilot_model)


class TrainingCourseViewSet(UnitRecordViewSet):
    """Training courses of task 8.2 (8.2a by region)."""

    serializer_class = TrainingCourseSerializer
    queryset = TrainingCourse.objects.select_related("unit")
    filterset_fields = ["task", "unit", "region"]
    save_service = staticmethod(_save_training)


class AnnualReportViewSet(
    RevisionETagMixin, HistoryMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Annual results reports: draft → submitted → returned → submitted → accepted."""

    serializer_class = AnnualReportSerializer
    permission_classes = [IsUnitMember]
    filterset_fields = ["plan", "unit", "status"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def get_permissions(self):
        if self.action in ("return_", "accept"):
            return [IsAuthenticated()]  # reviewers act here; the service checks the role
        return super().get_permissions()

    def get_queryset(self):
        qs = AnnualReport.objects.select_related("unit", "reviewed_by").prefetch_related(
            Prefetch("entries", queryset=ReportTaskEntry.objects.select_related("task")),
            Prefetch("versions", queryset=ReportVersion.objects.select_related("submitted_by")),
        )
        return visible_to(qs, self.request.user)

    def get_serializer_context(self):
        due = {
            d.plan_id: d.due_at(d.plan.tzinfo())
            for d in Deliverable.objects.filter(kind=Deliverable.Kind.ANNUAL_REPORT).select_related("plan")
        }
        return {**super().get_serializer_context(), "report_due": due}

    def _respond(self, report, code=status.HTTP_200_OK):
        report = self.get_queryset().get(pk=report.pk)
        context = self.get_serializer_context()
        if report.is_editable:
            context["live_figures"] = unit_figures(unit=report.unit, plan=report.plan)
        return self.with_etag(Response(AnnualReportSerializer(report, context=context).data, status=code), report)

    def retrieve(self, request, *args, **kwargs):
        return self._respond(self.get_object())

    @extend_schema(request=AnnualReportCreateSerializer, responses={201: AnnualReportSerializer})
    def create(self, request, *args, **kwargs):
        data = AnnualReportCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_create(by=request.user, plan=data.validated_data["plan"])
        return self._respond(report, status.HTTP_201_CREATED)

    @extend_schema(request=AnnualReportInputSerializer, responses=AnnualReportSerializer, parameters=[IF_MATCH])
    def update(self, request, *args, **kwargs):
        report = self.get_object()
        data = AnnualReportInputSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        entries = values.pop("entries", None)
        services.report_update(
            report=report,
            by=request.user,
            values=values,
            entries=entries,
            expected_revision=self.expected_revision(report),
        )
        return self._respond(report)

    @extend_schema(request=None, responses=AnnualReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """The unit's leader submits (or resubmits) the report; its figures are frozen."""
        return self._respond(services.report_submit(report=self.get_object(), by=request.user))

    @extend_schema(request=ReviewInputSerializer, responses=AnnualReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """A reviewer returns a submitted report with a comment saying what to change."""
        data = ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_return(
            report=self.get_object(), by=request.user, comment=data.validated_data.get("comment", "")
        )
        return self._respond(report)

    @extend_schema(request=ReviewInputSerializer, responses=AnnualReportSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """A reviewer accepts a submitted report."""
        data = ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_accept(
            report=self.get_object(), by=request.user, comment=data.validated_data.get("comment", "")
        )
        return self._respond(report)
