"""The API of the unit's own plan (task 1.1) (/api/v1/)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accounts.permissions import IsUnitMember, visible_to
from config.api_schema import FILE_DOWNLOAD
from config.downloads import file_download
from tasks.unit_plans import services
from tasks.unit_plans.models import UnitPlan
from tasks.unit_plans.serializers import UnitPlanInputSerializer, UnitPlanSerializer


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
            unit=v.get("unit"),
        )
        return Response(UnitPlanSerializer(unit_plan).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=FILE_DOWNLOAD)
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        unit_plan = self.get_object()
        return file_download(unit_plan.file, name=unit_plan.original_name, content_type=unit_plan.content_type)
