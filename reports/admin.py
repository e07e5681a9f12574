from django.contrib import admin

from .models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
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
