"""The API of obligations (deliverable × unit) and their progress (/api/v1/)."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from accounts.permissions import IsUnitMember
from config.api_revisions import IF_MATCH, HistoryMixin, RevisionETagMixin
from config.filters import DayFilter, IdFilter, TaskCodeFilter, UnitCodeFilter
from tasks.obligations import services
from tasks.obligations.models import Obligation
from tasks.obligations.selectors import obligations_visible
from tasks.obligations.serializers import ObligationInputSerializer, ObligationSerializer


class ObligationFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="deliverable__plan")
    task = TaskCodeFilter(field_name="deliverable__task")
    task_code = django_filters.CharFilter(field_name="deliverable__task__code")
    deliverable = IdFilter(field_name="deliverable")
    unit = UnitCodeFilter()
    due_before = DayFilter(
        field_name="deliverable__due_date", lookup_expr="lte", label=gettext_lazy("due on or before (YYYY-MM-DD)")
    )
    due_after = DayFilter(
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
