"""API input and output shapes of activities and their evidence files."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.serializers import UnitRefSerializer, taken_over_unit_field, unit_ref
from config.api import PlainNumbersMixin
from config.api_rows import api_choice, api_date, api_datetime
from plans.fields import TaskField
from tasks.activities.models import Activity, DisseminationForm, Evidence, TargetGroup, Topic
from tasks.obligations.serializers import TaskRefSerializer, task_ref

# Where the API's queryset prefetches an activity's target groups and evidence (lists, ``to_attr``).
GROUPS_READ = "target_groups_read"
EVIDENCE_READ = "evidence_read"


def read_or_all(activity: Activity, attr: str, relation: str):
    """The prefetched list ``attr`` when the activity came with it, else the relation's rows."""
    rows = getattr(activity, attr, None)
    return getattr(activity, relation).all() if rows is None else rows


class EvidenceSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "activity", "original_name", "content_type", "size", "sha256", "uploaded_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, obj) -> str:
        return reverse("evidence-download", args=[obj.pk])

    def to_representation(self, evidence) -> dict:
        return evidence_row(evidence)


def evidence_row(e: Evidence) -> dict:
    """EvidenceSerializer's fields, written out (config/api_rows.py)."""
    return {
        "id": e.pk,
        "activity": e.activity_id,
        "original_name": str(e.original_name),
        "content_type": str(e.content_type),
        "size": int(e.size),
        "sha256": str(e.sha256),
        "uploaded_at": api_datetime(e.uploaded_at),
        "download_url": reverse("evidence-download", args=[e.pk]),
    }


class EvidenceUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class ActivitySerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    task = TaskRefSerializer(read_only=True)
    target_groups = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "unit",
            *Activity.EDITABLE_FIELDS,
            "target_groups",
            "evidence",
            "revision",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_target_groups(self, obj) -> list[str]:
        return sorted(row.target_group for row in read_or_all(obj, GROUPS_READ, "target_group_rows"))

    def to_representation(self, a) -> dict:  # the fields above, written out (config/api_rows.py)
        return {
            "id": a.pk,
            "unit": unit_ref(a.unit),
            "task": task_ref(a.task),
            "start_date": api_date(a.start_date),
            "end_date": api_date(a.end_date),
            "title": str(a.title),
            "description": str(a.description),
            "form": api_choice(a.form),
            "topics": a.topics,
            "commune": str(a.commune),
            "district": str(a.district),
            "sessions": int(a.sessions),
            "participants": int(a.participants),
            "copies": int(a.copies),
            "online_reach": int(a.online_reach),
            "budget_vnd": int(a.budget_vnd),
            "target_groups": self.get_target_groups(a),
            "evidence": [evidence_row(e) for e in read_or_all(a, EVIDENCE_READ, "evidence")],
            "revision": int(a.revision),
            "created_at": api_datetime(a.created_at),
            "updated_at": api_datetime(a.updated_at),
        }


class ActivityInputSerializer(PlainNumbersMixin, serializers.ModelSerializer):
    """What a unit may send. The unit is the user's own unless ``unit`` names one it took over."""

    task = TaskField()
    form = serializers.ChoiceField(choices=DisseminationForm.choices)
    topics = serializers.ListField(child=serializers.ChoiceField(choices=Topic.choices), required=False)
    target_groups = serializers.ListField(child=serializers.ChoiceField(choices=TargetGroup.choices), required=False)
    unit = taken_over_unit_field(write_only=True)

    class Meta:
        model = Activity
        fields = [*Activity.EDITABLE_FIELDS, "target_groups", "unit"]

    def validate_unit(self, unit):
        if self.instance is not None and unit.pk != self.instance.unit_id:
            raise serializers.ValidationError(_("An activity stays with the unit that did it: log a new one instead."))
        return unit
