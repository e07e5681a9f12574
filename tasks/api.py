import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import viewsets

from .models import Obligation
from .selectors import obligations_visible
from .serializers import ObligationSerializer


class ObligationFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="deliverable__plan")
    task = django_filters.NumberFilter(field_name="deliverable__task")
    task_code = django_filters.CharFilter(field_name="deliverable__task__code")
    deliverable = django_filters.NumberFilter(field_name="deliverable")
    unit = django_filters.NumberFilter(field_name="unit")
    due_before = django_filters.DateFilter(
        field_name="deliverable__due_date", lookup_expr="lte", label=_("due on or before (YYYY-MM-DD)")
    )
    due_after = django_filters.DateFilter(
        field_name="deliverable__due_date", lookup_expr="gte", label=_("due on or after (YYYY-MM-DD)")
    )

    class Meta:
        model = Obligation
        fields = ["plan", "task", "task_code", "deliverable", "unit", "status", "due_before", "due_after"]


class ObligationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ObligationSerializer
    filterset_class = ObligationFilter

    def get_queryset(self):
        return obligations_visible(user=self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}
