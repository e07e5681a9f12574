"""The spreadsheet import API: download the XLSX template, import a filled XLSX or CSV file."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsUnitMember
from accounts.serializers import taken_over_unit_field
from config.api import XLSX_CONTENT_TYPE, XlsxRenderer
from plans.models import Plan
from tasks.activities.imports.services import activities_import
from tasks.activities.imports.template import activities_template, template_filename


class ActivityImportTemplateQuerySerializer(serializers.Serializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all(), help_text=_("The plan's id."))


class ActivityImportInputSerializer(serializers.Serializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all(), help_text=_("The plan's id."))
    file = serializers.FileField(
        allow_empty_file=True, help_text=_("An XLSX workbook filled from the template, or a CSV file (UTF-8).")
    )
    include_duplicates = serializers.BooleanField(
        default=False,
        help_text=_("Rows the unit already has (same task, date, title and place) are skipped unless this is true."),
    )
    unit = taken_over_unit_field()


class ActivityImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True, help_text=_("Row number in the spreadsheet."))
    column = serializers.CharField(allow_null=True, help_text=_("The column's heading."))
    message = serializers.CharField()


class ActivityImportCountsSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text=_("Rows imported as new activities."))
    duplicates = serializers.IntegerField(help_text=_("Rows skipped: the unit already has these activities."))
    duplicate_rows = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Row numbers of the duplicates in the file.")
    )
    refused = serializers.IntegerField(help_text=_("Rows with at least one error."))


class ActivityImportErrorsSerializer(ActivityImportCountsSerializer):
    errors = ActivityImportErrorSerializer(many=True)


class ActivityImportCreatedSerializer(ActivityImportCountsSerializer):
    pass


class ActivityImportTemplateView(APIView):
    """GET /api/v1/activities/import-template/?plan=<id>: the XLSX template with Vietnamese headings."""

    permission_classes = [IsUnitMember]
    renderer_classes = [JSONRenderer, XlsxRenderer]

    @extend_schema(
        operation_id="activities_import_template",
        tags=["activities"],
        parameters=[OpenApiParameter("plan", int, OpenApiParameter.QUERY, required=True)],
        responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY},
        description="An XLSX template for importing activities: one column per field, a sheet of allowed values.",
    )
    def get(self, request):
        query = ActivityImportTemplateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        plan = query.validated_data["plan"]
        response = HttpResponse(activities_template(plan=plan), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, template_filename(plan))
        return response


class ActivityImportView(APIView):
    """POST /api/v1/activities/import/: all or nothing; every bad row reported in Vietnamese."""

    permission_classes = [IsUnitMember]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="activities_import",
        tags=["activities"],
        request={"multipart/form-data": ActivityImportInputSerializer},
        responses={
            201: ActivityImportCreatedSerializer,
            200: OpenApiResponse(
                ActivityImportCreatedSerializer, description="Nothing new: every row was a duplicate."
            ),
            400: OpenApiResponse(
                ActivityImportErrorsSerializer,
                description="Nothing was imported: every problem with its row and column.",
            ),
        },
        description="Import activities of the user's own unit from an XLSX (the template) or CSV file. "
        "Nothing is imported unless every row is valid; rows the unit already has are skipped and counted.",
    )
    def post(self, request):
        data = ActivityImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = activities_import(
            by=request.user,
            plan=data.validated_data["plan"],
            upload=data.validated_data["file"],
            include_duplicates=data.validated_data["include_duplicates"],
            unit=data.validated_data.get("unit"),
        )
        body = {**result.counts(), "duplicate_rows": result.duplicate_rows}
        if not result.ok:
            body["errors"] = [e.as_dict() for e in result.errors]
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return Response(body, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)
