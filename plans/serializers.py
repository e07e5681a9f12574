from rest_framework import serializers

from accounts.serializers import PartnerSerializer, UnitRefSerializer
from plans.models import Deliverable, LegalDocument, Plan, Task, TaskGroup


class DeliverableSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    responsible_units = UnitRefSerializer(many=True, read_only=True)
    recipient = UnitRefSerializer(read_only=True, allow_null=True)
    deadline = serializers.SerializerMethodField()

    class Meta:
        model = Deliverable
        fields = [
            "id",
            "key",
            "code",
            "title",
            "kind",
            "responsible_scope",
            "responsible_units",
            "recipient",
            "deadline_kind",
            "due_date",
            "window_start",
            "window_end",
            "deadline_text",
            "deadline",
        ]

    def get_deadline(self, obj) -> str:
        return obj.deadline_label()


class TaskSerializer(serializers.ModelSerializer):
    lead_units = UnitRefSerializer(many=True, read_only=True)
    coordinating_units = UnitRefSerializer(many=True, read_only=True)
    partners = PartnerSerializer(many=True, read_only=True)
    deliverables = DeliverableSerializer(many=True, read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "code",
            "title",
            "content",
            "parent_title",
            "responsibility_text",
            "lead_scope",
            "lead_units",
            "coordinating_scope",
            "coordinating_units",
            "partners",
            "target_kind",
            "target_count",
            "deliverables",
        ]


class TaskGroupSerializer(serializers.ModelSerializer):
    tasks = TaskSerializer(many=True, read_only=True)

    class Meta:
        model = TaskGroup
        fields = ["id", "number", "title", "tasks"]


class LegalDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalDocument
        fields = ["number", "signed_on", "title"]


class PlanListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = [
            "id",
            "number",
            "status",
            "signed_on",
            "year",
            "title",
            "signer",
            "report_window_start",
            "report_window_end",
            "cloned_from",
        ]


class PlanDetailSerializer(PlanListSerializer):
    implements = LegalDocumentSerializer(many=True, read_only=True)
    issuer = UnitRefSerializer(read_only=True, allow_null=True)
    coordinator = UnitRefSerializer(read_only=True, allow_null=True)
    groups = TaskGroupSerializer(many=True, read_only=True)
    plan_deliverables = serializers.SerializerMethodField()

    class Meta(PlanListSerializer.Meta):
        fields = [
            *PlanListSerializer.Meta.fields,
            "signer_title",
            "issuer",
            "coordinator",
            "time_zone",
            "report_window_source",
            "implements",
            "groups",
            "plan_deliverables",
        ]

    def get_plan_deliverables(self, obj) -> list[dict]:
        """Deliverables of the plan as a whole (e.g. the results report of section III.3)."""
        items = [d for d in obj.deliverables.all() if d.task_id is None]
        return DeliverableSerializer(items, many=True, context=self.context).data
