from django.db.models import Prefetch
from rest_framework import viewsets

from plans.models import Deliverable, Plan, Task, TaskGroup
from plans.serializers import PlanDetailSerializer, PlanListSerializer, TaskSerializer


def _deliverables():
    return Deliverable.objects.select_related("recipient").prefetch_related("responsible_units")


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Plans; the detail holds task groups → tasks → units, partners and deliverables."""

    filterset_fields = ["year", "status"]

    def get_queryset(self):
        qs = Plan.objects.visible_to(self.request.user)  # drafts: reviewers only
        if self.action == "retrieve":
            tasks = Task.objects.prefetch_related(
                "lead_units", "coordinating_units", "partners", Prefetch("deliverables", queryset=_deliverables())
            )
            qs = qs.select_related("issuer", "coordinator").prefetch_related(
                "implements",
                Prefetch("groups", queryset=TaskGroup.objects.prefetch_related(Prefetch("tasks", queryset=tasks))),
                Prefetch("deliverables", queryset=_deliverables()),
            )
        return qs

    def get_serializer_class(self):
        return PlanDetailSerializer if self.action == "retrieve" else PlanListSerializer


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TaskSerializer
    filterset_fields = ["group__plan", "code"]

    def get_queryset(self):
        plans = Plan.objects.visible_to(self.request.user)
        return (
            Task.objects.filter(group__plan__in=plans)
            .select_related("group")
            .prefetch_related(
                "lead_units", "coordinating_units", "partners", Prefetch("deliverables", queryset=_deliverables())
            )
        )
