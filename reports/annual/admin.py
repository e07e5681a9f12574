"""The annual report in the admin: its entries and its frozen versions, read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.annual.models import AnnualReport, ReportTaskEntry, ReportVersion


class EntryInline(admin.StackedInline):
    model = ReportTaskEntry
    extra = 0


class VersionInline(admin.TabularInline):
    model = ReportVersion
    extra = 0
    fields = ["number", "submitted_at", "submitted_by", "window_start", "window_end"]
    readonly_fields = fields
    can_delete = False


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "plan", "status", "first_submitted_at", "submitted_at", "reviewed_at"]
    list_filter = ["status", "plan", "unit__kind"]
    list_select_related = ["unit", "plan"]
    raw_id_fields = ["unit", "reviewed_by"]
    inlines = [EntryInline, VersionInline]
