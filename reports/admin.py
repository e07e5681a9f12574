from django.contrib import admin

from reports.models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    """To look at, not to edit: jobs are asked for and made again through the API, and a worker
    writes their status and file."""

    list_display = ["id", "plan", "format", "status", "progress", "created_by", "created_at", "finished_at"]
    list_filter = ["status", "format", "plan"]
    readonly_fields = [
        "status",
        "progress",
        "file",
        "size",
        "error",
        "attempts",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
