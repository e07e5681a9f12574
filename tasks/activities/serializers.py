"""API input and output shapes of activities and their evidence files."""

from django.urls import reverse
from rest_framework import serializers

from accounts.serializers import UnitRefSerializer
from config.api import PlainNumbersMixin
from plans.models import Task
from tasks.activities.models import Activity, DisseminationForm, Evidence, TargetGroup, Topic
from tasks.obligations.serializers import TaskRefSerializer


class EvidenceSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "activity", "original_name", "content_type", "size", "sha256", "uploaded_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, obj) -> str:
        return reverse("evidence-download", args=[obj.pk])


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
        return sorted(row.target_group for row in obj.target_group_rows.all())


class ActivityInputSerializer(PlainNumbersMixin, serializers.ModelSerializer):
    """What a unit may send. The unit is never taken from input: it is the user's own."""

    task = serializers.PrimaryKeyRelatedField(queryset=Task.objects.all())
    form = serializers.ChoiceField(choices=DisseminationForm.choices)
    topics = serializers.ListField(child=serializers.ChoiceField(choices=Topic.choices), required=False)
    target_groups = serializers.ListField(child=serializers.ChoiceField(choices=TargetGroup.choices), required=False)

    class Meta:
        model = Activity
        fields = [*Activity.EDITABLE_FIELDS, "target_groups"]
