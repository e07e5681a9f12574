"""API input and output shapes of obligations (deliverable × unit) and their progress."""

from django.utils import timezone
from rest_framework import serializers

from accounts.serializers import UnitRefSerializer
from plans.models import Deliverable, Task
from tasks.obligations.models import Obligation, ProgressStatus


class DeliverableRefSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    deadline = serializers.CharField(source="deadline_label", read_only=True)

    class Meta:
        model = Deliverable
        fields = ["id", "key", "code", "title", "kind", "deadline_kind", "due_date", "deadline"]


class TaskRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "code", "title"]


class ObligationSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    deliverable = DeliverableRefSerializer(read_only=True)
    plan = serializers.IntegerField(source="deliverable.plan_id", read_only=True)
    due_at = serializers.DateTimeField(read_only=True)
    deadline_state = serializers.SerializerMethodField()

    class Meta:
        model = Obligation
        fields = [
            "id",
            "plan",
            "deliverable",
            "unit",
            "status",
            "completed_at",
            "note",
            "due_at",
            "deadline_state",
            "revision",
            "updated_at",
        ]
        read_only_fields = fields

    def get_deadline_state(self, obj) -> str:
        return obj.deadline_state(self.context.get("now") or timezone.now())


class ObligationInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ProgressStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
