from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.serializers import UnitRefSerializer
from plans.models import Deliverable, Plan, Task

from .models import (
    Activity,
    AnnualReport,
    DisseminationForm,
    Evidence,
    Obligation,
    PilotModel,
    ReportTaskEntry,
    ReportVersion,
    TargetGroup,
    Topic,
    TrainingCourse,
    UnitPlan,
)
from .models.progress import ProgressStatus


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


# --- Activities ---------------------------------------------------------------------------------


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


class ActivityInputSerializer(serializers.ModelSerializer):
    """What a unit may send. The unit is never taken from input: it is the user's own."""

    task = serializers.PrimaryKeyRelatedField(queryset=Task.objects.all())
    form = serializers.ChoiceField(choices=DisseminationForm.choices)
    topics = serializers.ListField(child=serializers.ChoiceField(choices=Topic.choices), required=False)
    target_groups = serializers.ListField(child=serializers.ChoiceField(choices=TargetGroup.choices), required=False)

    class Meta:
        model = Activity
        fields = [*Activity.EDITABLE_FIELDS, "target_groups"]


# --- Unit plans, pilot models, training courses ---------------------------------------------------


class UnitPlanSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = UnitPlan
        fields = [
            "id",
            "unit",
            "plan",
            "number",
            "signed_on",
            "signer",
            "original_name",
            "content_type",
            "submitted_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, obj) -> str:
        return reverse("unitplan-download", args=[obj.pk])


class UnitPlanInputSerializer(serializers.Serializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all())
    number = serializers.CharField(max_length=60)
    signed_on = serializers.DateField()
    signer = serializers.CharField(max_length=200)
    file = serializers.FileField()


class PilotModelSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    counts_toward_target = serializers.BooleanField(read_only=True)

    class Meta:
        model = PilotModel
        fields = [
            "id",
            "unit",
            "plan",
            "name",
            "place",
            "target_group",
            "start_date",
            "status",
            "evaluation",
            "replicated_to",
            "counts_toward_target",
            "revision",
            "created_at",
        ]
        read_only_fields = ["id", "unit", "counts_toward_target", "revision", "created_at"]


class TrainingCourseSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    task = serializers.PrimaryKeyRelatedField(queryset=Task.objects.all())

    class Meta:
        model = TrainingCourse
        fields = [
            "id",
            "unit",
            "task",
            "title",
            "region",
            "start_date",
            "end_date",
            "place",
            "participants",
            "revision",
            "created_at",
        ]
        read_only_fields = ["id", "unit", "revision", "created_at"]


# --- Annual reports -------------------------------------------------------------------------------


class ReportEntrySerializer(serializers.ModelSerializer):
    task = serializers.PrimaryKeyRelatedField(queryset=Task.objects.select_related("group"))
    task_code = serializers.CharField(source="task.code", read_only=True)

    class Meta:
        model = ReportTaskEntry
        fields = ["task", "task_code", "status", "results", "difficulties", "proposals"]


class ReportVersionSerializer(serializers.ModelSerializer):
    submitted_by = serializers.CharField(source="submitted_by.username", default=None, read_only=True)

    class Meta:
        model = ReportVersion
        fields = ["number", "submitted_at", "submitted_by", "window_start", "window_end", "content", "figures"]
        read_only_fields = fields


class AnnualReportSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    entries = ReportEntrySerializer(many=True, read_only=True)
    versions = ReportVersionSerializer(many=True, read_only=True)
    reviewed_by = serializers.CharField(source="reviewed_by.username", default=None, read_only=True)
    on_time = serializers.SerializerMethodField()
    figures = serializers.SerializerMethodField()

    class Meta:
        model = AnnualReport
        fields = [
            "id",
            "unit",
            "plan",
            "status",
            "difficulties",
            "proposals",
            "entries",
            "figures",
            "first_submitted_at",
            "submitted_at",
            "on_time",
            "reviewed_at",
            "reviewed_by",
            "review_comment",
            "versions",
            "revision",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_on_time(self, obj) -> bool | None:
        """Judged by the first submission against the report deadline (None until submitted)."""
        due = self.context.get("report_due", {}).get(obj.plan_id)
        if obj.first_submitted_at is None or due is None:
            return None
        return obj.first_submitted_at < due

    def get_figures(self, obj) -> dict | None:
        """The frozen figures of the last submitted version; live figures only in a draft's detail."""
        versions = list(obj.versions.all())
        if versions:
            return versions[-1].figures
        return self.context.get("live_figures")


class AnnualReportCreateSerializer(serializers.Serializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all())


class AnnualReportInputSerializer(serializers.Serializer):
    difficulties = serializers.CharField(required=False, allow_blank=True)
    proposals = serializers.CharField(required=False, allow_blank=True)
    entries = ReportEntrySerializer(many=True, required=False)


class ReviewInputSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=10000, help_text=_("Required when returning a report.")
    )


class HistoryRecordSerializer(serializers.Serializer):
    history_id = serializers.IntegerField()
    at = serializers.DateTimeField(source="history_date")
    user = serializers.CharField(source="history_user.username", default=None)
    action = serializers.CharField()
    changes = serializers.DictField()
