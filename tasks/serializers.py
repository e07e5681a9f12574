from django.utils import timezone
from rest_framework import serializers

from accounts.serializers import UnitRefSerializer
from plans.models import Deliverable

from .models import Obligation


class DeliverableRefSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    deadline = serializers.CharField(source="deadline_label", read_only=True)

    class Meta:
        model = Deliverable
        fields = ["id", "key", "code", "title", "kind", "deadline_kind", "due_date", "deadline"]


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
            "updated_at",
        ]
        read_only_fields = fields

    def get_deadline_state(self, obj) -> str:
        return obj.deadline_state(self.context.get("now") or timezone.now())
