"""API input and output shapes of activities and their evidence files."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.serializers import UnitRefSerializer, taken_over_unit_field
from config.api import PlainNumbersMixin
from plans.fields import TaskField
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
