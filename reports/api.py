"""Report routes: the roll-up (JSON, PDF, DOCX, XLSX), a unit's own report printed, report jobs.

Views validate input, call one selector or service and serialise the result.
"""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Area, Unit
from accounts.permissions import IsReviewer
from config.api import (
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Conflict,
    DateField,
    DocxRenderer,
    JsonErrors,
    PdfRenderer,
    XlsxRenderer,
)
from config.filters import UNIT_HELP, UnitCodeFilter
from plans.models import Plan
from reports import services
from reports.jobs import report_job_queue
from reports.models import ReportJob
from reports.rollup import plan_rollup, rollup_json

PDF = PDF_CONTENT_TYPE
DOCX = DOCX_CONTENT_TYPE
XLSX = XLSX_CONTENT_TYPE
CONTENT_TYPES = {ReportJob.Format.PDF: PDF, ReportJob.Format.DOCX: DOCX, ReportJob.Format.XLSX: XLSX}


class UnitCodeOrIdField(serializers.CharField):
    """One unit, by id, key or code (``config.filters.UnitCodeFilter``): its id."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        try:
            ids = UnitCodeFilter().field.clean(value)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        if len(ids) != 1:
            raise serializers.ValidationError(
                _("Several units have the code “%(value)s”: give its key or id.") % {"value": value}
            )
        return ids[0]


class RollupQuerySerializer(serializers.Serializer):
    area = serializers.ChoiceField(choices=Area.choices, required=False, allow_blank=True)
    kind = serializers.ChoiceField(
        choices=[(Unit.Kind.DEPARTMENT, Unit.Kind.DEPARTMENT.label), (Unit.Kind.PROVINCE, Unit.Kind.PROVINCE.label)],
        required=False,
        allow_blank=True,
    )
    date_from = DateField(required=False)
    date_to = DateField(required=False)
    include_submitted = serializers.BooleanField(
        required=False, default=False, help_text=_("Also count submitted reports, marked as not yet accepted.")
    )
    compare_with = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_(
            "An earlier plan's id: each unit beside the units of that plan it stands for (a province of 2025 "
            "beside the provinces of 2024 it was formed from, summed)."
        ),
    )
    unit = UnitCodeOrIdField(
        required=False,
        allow_blank=True,
        help_text=_("Narrow to one unit: any unit for reviewers; for a unit's users, a unit their unit took over."),
    )


ROLLUP_PARAMETERS = [
    OpenApiParameter("area", str, enum=Area.values, description="bac, trung, nam"),
    OpenApiParameter("kind", str, enum=[Unit.Kind.DEPARTMENT, Unit.Kind.PROVINCE]),
    OpenApiParameter("date_from", OpenApiTypes.DATE),
    OpenApiParameter("date_to", OpenApiTypes.DATE),
    OpenApiParameter("include_submitted", bool),
    OpenApiParameter("unit", str, description=UNIT_HELP),
    OpenApiParameter("compare_with", int, description="an earlier plan's id"),
]


class RollupMixin:
    """Plans are readable by every signed-in user; the roll-up is scoped to the user's unit."""

    def plan_and_filters(self, request, plan_id):
        plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=plan_id)  # a draft: V03 only
        user = request.user
        if not user.sees_all_units() and user.unit_id is None:
            raise Http404
        query = RollupQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = services.filters_for(user=user, options=query.validated_data, plan=plan)
        return plan, filters


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Length"] = str(len(content))
    return response


def file_stem(plan: Plan) -> str:
    return ReportJob(plan=plan).download_name().rsplit(".", 1)[0]


class RollupView(RollupMixin, APIView):
    """The roll-up of a plan as JSON (see ``reports.rollup`` for what counts)."""

    renderer_classes = [JSONRenderer]

    @extend_schema(parameters=ROLLUP_PARAMETERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request, plan_id: int):
        plan, filters = self.plan_and_filters(request, plan_id)
        return Response(rollup_json(plan_rollup(plan=plan, filters=filters)))


class RollupPdfView(JsonErrors, RollupMixin, APIView):
    """The roll-up as the Ministry's report (Decree 30 format)."""

    renderer_classes = [PdfRenderer]

    @extend_schema(parameters=ROLLUP_PARAMETERS, responses={(200, PDF): OpenApiTypes.BINARY})
    def get(self, request, plan_id: int):
        plan, filters = self.plan_and_filters(request, plan_id)
        content = services.rollup_pdf(plan=plan, filters=filters)
        return attachment(content, PDF, f"{file_stem(plan)}.pdf")


class RollupDocxView(JsonErrors, RollupMixin, APIView):
    """The roll-up as the Ministry's report in Word (Decree 30 layout), to finish and sign."""

    renderer_classes = [DocxRenderer]

    @extend_schema(parameters=ROLLUP_PARAMETERS, responses={(200, DOCX): OpenApiTypes.BINARY})
    def get(self, request, plan_id: int):
        plan, filters = self.plan_and_filters(request, plan_id)
        content = services.rollup_docx(plan=plan, filters=filters)
        return attachment(content, DOCX, f"{file_stem(plan)}.docx")


class RollupXlsxView(JsonErrors, RollupMixin, APIView):
    """The roll-up's tables as a workbook."""

    renderer_classes = [XlsxRenderer]

    @extend_schema(parameters=ROLLUP_PARAMETERS, responses={(200, XLSX): OpenApiTypes.BINARY})
    def get(self, request, plan_id: int):
        plan, filters = self.plan_and_filters(request, plan_id)
        content = services.rollup_xlsx(plan=plan, filters=filters)
        return attachment(content, XLSX, f"{file_stem(plan)}.xlsx")


class ReportJobSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportJob
        fields = [
            "id",
            "plan",
            "format",
            "options",
            "status",
            "progress",
            "size",
            "error",
            "created_at",
            "started_at",
            "finished_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, job) -> str | None:
        if not job.file:
            return None
        request = self.context.get("request")
        url = f"/api/v1/report-jobs/{job.pk}/download/"
        return request.build_absolute_uri(url) if request else url


class ReportJobOptionsSerializer(serializers.Serializer):
    area = serializers.ChoiceField(choices=Area.choices, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=[Unit.Kind.DEPARTMENT, Unit.Kind.PROVINCE], required=False, allow_blank=True)
    date_from = DateField(required=False)
    date_to = DateField(required=False)
    include_submitted = serializers.BooleanField(required=False, default=False)
    compare_with = serializers.IntegerField(required=False, min_value=1)


class ReportJobInputSerializer(serializers.Serializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all())
    format = serializers.ChoiceField(choices=ReportJob.Format.choices, default=ReportJob.Format.PDF)
    options = ReportJobOptionsSerializer(required=False)


class ReportJobViewSet(JsonErrors, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Reports of the whole Ministry made in the background (reviewers only).

    POST creates a job (waiting → running → done or failed, with progress); GET …/download/ returns
    the file once made; POST …/remake/ makes it again from the current data.
    """

    permission_classes = [IsReviewer]
    serializer_class = ReportJobSerializer
    filterset_fields = ["plan", "status", "format"]

    def get_queryset(self):
        return ReportJob.objects.select_related("plan")

    @extend_schema(request=ReportJobInputSerializer, responses={202: ReportJobSerializer})
    def create(self, request, *args, **kwargs):
        data = ReportJobInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        options = {
            k: (v.isoformat() if hasattr(v, "isoformat") else v)
            for k, v in (data.validated_data.get("options") or {}).items()
            if v not in (None, "")
        }
        job = services.report_job_create(
            plan=data.validated_data["plan"],
            format=data.validated_data["format"],
            options=options,
            by=request.user,
            queue=report_job_queue,
        )
        return Response(self.get_serializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={202: ReportJobSerializer})
    @action(detail=True, methods=["post"])
    def remake(self, request, pk=None):
        job = self.get_object()
        try:
            job = services.report_job_remake(job=job, by=request.user, queue=report_job_queue)
        except ValidationError as exc:
            raise Conflict(detail=exc.messages[0]) from exc
        return Response(self.get_serializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={(200, PDF): OpenApiTypes.BINARY, (200, DOCX): OpenApiTypes.BINARY, (200, XLSX): OpenApiTypes.BINARY}
    )
    @action(detail=True, methods=["get"], renderer_classes=[PdfRenderer, DocxRenderer, XlsxRenderer, JSONRenderer])
    def download(self, request, pk=None):
        job = self.get_object()
        if not job.file:
            raise Conflict(detail=_("The report is not made yet."))
        content_type = CONTENT_TYPES[job.format]
        return FileResponse(
            job.file.open("rb"), as_attachment=True, filename=job.download_name(), content_type=content_type
        )
