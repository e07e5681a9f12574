"""API input and output shapes of a unit's annual results report (write, submit, return, accept, versions)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.serializers import UnitRefSerializer, taken_over_unit_field
from plans.fields import TaskField
from plans.models import Plan
from reports.annual.models import AnnualReport, ReportTaskEntry, ReportVersion
from reports.annual.selectors import on_time


class ReportEntrySerializer(serializers.ModelSerializer):
    task = TaskField()
    task_code = serializers.CharField(source="task.code", read_only=True)

    class Meta:
        model = ReportTaskEntry
        fields = ["task", "task_code", "status", "results", "difficulties", "proposals"]
        # A task's status is its progress as the unit's obligations record it (the dashboard's).
        read_only_fields = ["status"]


class ReportVersionSerializer(serializers.ModelSerializer):
    submitted_by = serializers.CharField(source="submitted_by.username", default=None, read_only=True, allow_null=True)

    class Meta:
        model = ReportVersion
        fields = ["number", "submitted_at", "submitted_by", "window_start", "window_end", "content", "figures"]
        read_only_fields = fields


class AnnualReportSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    entries = ReportEntrySerializer(many=True, read_only=True)
    versions = ReportVersionSerializer(many=True, read_only=True)
    reviewed_by = serializers.CharField(source="reviewed_by.username", default=None, read_only=True, allow_null=True)
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
        """Judged by the first submission against the report deadline, as the report's obligation
        says (None until submitted)."""
        return on_time(self.context.get("report_states", {}).get((obj.plan_id, obj.unit_id)))

    def get_figures(self, obj) -> dict | None:
        """The frozen figures of the last submitted version; live figures only in a draft's detail."""
        versions = list(obj.versions.all())
        if versions:
            return versions[-1].figures
        return self.context.get("live_figures")


class AnnualReportCreateSerializer(serializers.Serializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.published())
    unit = taken_over_unit_field()


class AnnualReportInputSerializer(serializers.Serializer):
    difficulties = serializers.CharField(required=False, allow_blank=True)
    proposals = serializers.CharField(required=False, allow_blank=True)
    entries = ReportEntrySerializer(many=True, required=False)


class ReviewInputSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("Required when returning a report; at most 10.000 characters."),
    )
