"""The API of a unit's annual results report (write, submit, return, accept, versions) (/api/v1/)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsUnitMember, visible_to
from config.api import DocxRenderer, JsonErrors, PdfRenderer
from config.api_revisions import IF_MATCH, HistoryMixin, RevisionETagMixin
from plans.models import Plan
from reports.annual import services
from reports.annual.models import AnnualReport, ReportTaskEntry, ReportVersion
from reports.annual.selectors import report_deadline_states, unit_figures
from reports.annual.serializers import (
    AnnualReportCreateSerializer,
    AnnualReportInputSerializer,
    AnnualReportSerializer,
    ReviewInputSerializer,
)
from reports.api import DOCX, PDF, attachment
from reports.services import annual_report_docx, annual_report_pdf


class AnnualReportViewSet(
    RevisionETagMixin, HistoryMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Annual results reports: draft → submitted → returned → submitted → accepted."""

    serializer_class = AnnualReportSerializer
    permission_classes = [IsUnitMember]
    filterset_fields = ["plan", "unit", "status"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def get_permissions(self):
        if self.action in ("return_", "accept", "reopen"):
            return [IsAuthenticated()]  # reviewers act here; the service checks the role
        return super().get_permissions()

    def get_queryset(self):
        qs = AnnualReport.objects.select_related("unit", "reviewed_by").prefetch_related(
            Prefetch("entries", queryset=ReportTaskEntry.objects.select_related("task")),
            Prefetch("versions", queryset=ReportVersion.objects.select_related("submitted_by")),
        )
        return visible_to(qs, self.request.user)

    def get_serializer_context(self):
        plans = Plan.objects.prefetch_related("deliverables")
        states = report_deadline_states(at=timezone.now(), plans=plans)
        return {**super().get_serializer_context(), "report_states": states}

    def _respond(self, report, code=status.HTTP_200_OK, *, fresh: bool = False):
        """One report as the API answers it; read again unless ``fresh`` (just read with its
        entries and versions), with the deadline state of its own obligation only."""
        if not fresh:
            report = self.get_queryset().get(pk=report.pk)
        plans = Plan.objects.filter(pk=report.plan_id).prefetch_related("deliverables")
        states = report_deadline_states(at=timezone.now(), plans=plans, unit_ids=[report.unit_id])
        context = {**super().get_serializer_context(), "report_states": states}
        if report.is_editable:
            context["live_figures"] = unit_figures(unit=report.unit, plan=report.plan)
        return self.with_etag(Response(AnnualReportSerializer(report, context=context).data, status=code), report)

    def retrieve(self, request, *args, **kwargs):
        return self._respond(self.get_object(), fresh=True)

    @extend_schema(request=AnnualReportCreateSerializer, responses={201: AnnualReportSerializer})
    def create(self, request, *args, **kwargs):
        data = AnnualReportCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_create(
            by=request.user, plan=data.validated_data["plan"], unit=data.validated_data.get("unit")
        )
        return self._respond(report, status.HTTP_201_CREATED)

    @extend_schema(request=AnnualReportInputSerializer, responses=AnnualReportSerializer, parameters=[IF_MATCH])
    def update(self, request, *args, **kwargs):
        report = self.get_object()
        # A task's code in the entries is looked up in the report's plan (plans/fields.py).
        context = {**self.get_serializer_context(), "plan": report.plan}
        data = AnnualReportInputSerializer(data=request.data, partial=kwargs.get("partial", False), context=context)
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

    def _review(self, request, service, *, comment_as: str = "comment"):
        """A reviewer's step: the comment (the reason, for a reopening) read once; the service decides."""
        data = ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = {comment_as: data.validated_data.get("comment", "")}
        return self._respond(service(report=self.get_object(), by=request.user, **comment))

    @extend_schema(request=ReviewInputSerializer, responses=AnnualReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """A reviewer returns a submitted report with a comment saying what to change."""
        return self._review(request, services.report_return)

    @extend_schema(request=ReviewInputSerializer, responses=AnnualReportSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """A reviewer accepts a submitted report: what the unit counted for the plan is locked."""
        return self._review(request, services.report_accept)

    @extend_schema(request=ReviewInputSerializer, responses=AnnualReportSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """A reviewer reopens an accepted report, saying why (``comment``): the unit may change what it
        counted and send the report again; the reopening is recorded (who, when, why)."""
        return self._review(request, services.report_reopen, comment_as="reason")


class AnnualReportPrintView(JsonErrors, APIView):
    """A unit's own annual report in the Decree 30 format; its unit's users and reviewers only.
    A sent report prints what was sent (its last version)."""

    renderer_classes = [PdfRenderer]
    content_type, extension, make = PDF, "pdf", staticmethod(annual_report_pdf)

    @extend_schema(responses={(200, PDF): OpenApiTypes.BINARY})
    def get(self, request, pk: int):
        qs = visible_to(AnnualReport.objects.select_related("unit", "plan", "plan__coordinator"), request.user)
        report = get_object_or_404(qs, pk=pk)
        content = self.make(report=report)
        key = report.unit.key
        return attachment(content, self.content_type, f"bao-cao-{key}-{report.plan.year}.{self.extension}")


class AnnualReportPrintDocxView(AnnualReportPrintView):
    """The same report as an editable Word document."""

    renderer_classes = [DocxRenderer]
    content_type, extension, make = DOCX, "docx", staticmethod(annual_report_docx)

    @extend_schema(responses={(200, DOCX): OpenApiTypes.BINARY})
    def get(self, request, pk: int):
        return super().get(request, pk)
