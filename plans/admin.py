from django.contrib import admin

from plans.models import Deliverable, LegalDocument, Plan, Task, TaskGroup


class TaskGroupInline(admin.TabularInline):
    model = TaskGroup
    extra = 0
    fields = ["number", "title", "order"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["number", "year", "signed_on", "signer"]
    list_filter = ["year"]
    filter_horizontal = ["implements"]
    inlines = [TaskGroupInline]


@admin.register(LegalDocument)
class LegalDocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "signed_on", "title"]


class DeliverableInline(admin.StackedInline):
    model = Deliverable
    extra = 0
    filter_horizontal = ["responsible_units"]
    fields = [
        "key",
        "title",
        "kind",
        "responsible_scope",
        "responsible_units",
        "recipient",
        "deadline_kind",
        "due_date",
        "window_start",
        "window_end",
        "deadline_text",
    ]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "group", "lead_scope"]
    list_filter = ["group__plan"]
    search_fields = ["code", "title"]
    filter_horizontal = ["lead_units", "coordinating_units", "partners"]
    inlines = [DeliverableInline]


@admin.register(Deliverable)
class DeliverableAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "kind", "deadline_kind", "due_date"]
    list_filter = ["plan", "kind", "deadline_kind"]
    search_fields = ["title", "key"]
    filter_horizontal = ["responsible_units"]
