"""API input and output shapes of obligations (deliverable × unit) and their progress."""

from django.utils import timezone
from rest_framework import serializers

from accounts.serializers import UnitRefSerializer, unit_ref
from config.api_rows import api_choice, api_date, api_datetime
from plans.models import Deliverable, Task
from tasks.obligations.models import Obligation, ProgressStatus


class DeliverableRefSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    deadline = serializers.CharField(source="deadline_label", read_only=True)

    class Meta:
        model = Deliverable
        fields = ["id", "key", "code", "title", "kind", "deadline_kind", "due_date", "deadline"]

    def to_representation(self, deliverable) -> dict:
        return deliverable_ref(deliverable)


def deliverable_ref(d: Deliverable) -> dict:
    """DeliverableRefSerializer's fields, written out (config/api_rows.py)."""
    return {
        "id": d.pk,
        "key": str(d.key),
        "code": str(d.code),
        "title": str(d.title),
        "kind": api_choice(d.kind),
        "deadline_kind": api_choice(d.deadline_kind),
        "due_date": api_date(d.due_date),
        "deadline": str(d.deadline_label()),
    }


class TaskRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "code", "title"]

    def to_representation(self, task) -> dict:
        return task_ref(task)


def task_ref(task: Task) -> dict:
    """TaskRefSerializer's fields, written out (config/api_rows.py)."""
    return {"id": task.pk, "code": str(task.code), "title": str(task.title)}


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

    def to_representation(self, o) -> dict:  # the fields above, written out (config/api_rows.py)
        return {
            "id": o.pk,
            "plan": int(o.deliverable.plan_id),
            "deliverable": deliverable_ref(o.deliverable),
            "unit": unit_ref(o.unit),
            "status": api_choice(o.status),
            "completed_at": api_datetime(o.completed_at),
            "note": str(o.note),
            "due_at": api_datetime(o.due_at),
            "deadline_state": self.get_deadline_state(o),
            "revision": int(o.revision),
            "updated_at": api_datetime(o.updated_at),
        }


class ObligationInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ProgressStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
