from django.contrib import admin
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from tasks.activities.models import Activity, ActivityTargetGroup, Evidence
from tasks.locks.models import FiguresLock
from tasks.obligations.models import DeadlineState, Obligation
from tasks.pilot_models.models import PilotModel
from tasks.training.models import TrainingCourse
from tasks.unit_plans.models import UnitPlan


@admin.register(Obligation)
class ObligationAdmin(SimpleHistoryAdmin):
    list_display = ["code", "deliverable_title", "unit", "deadline", "status", "state", "completed_at"]
    list_filter = ["status", "deliverable__plan", "deliverable__kind", "unit__kind"]
    list_select_related = ["deliverable", "deliverable__task", "deliverable__plan", "unit"]
    search_fields = ["unit__name", "deliverable__title"]
    raw_id_fields = ["deliverable", "unit"]

    @admin.display(description=_("code"), ordering="deliverable__task__code")
    def code(self, obj):
        return obj.deliverable.code

    @admin.display(description=_("deliverable"))
    def deliverable_title(self, obj):
        return Truncator(obj.deliverable.title).chars(48)

    @admin.display(description=_("due date"), ordering="deliverable__due_date")
    def deadline(self, obj):
        return obj.deliverable.deadline_label()

    @admin.display(description=_("deadline state"))
    def state(self, obj):
        return DeadlineState(obj.deadline_state(timezone.now())).label


class TargetGroupInline(admin.TabularInline):
    model = ActivityTargetGroup
    extra = 0


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "task", "start_date", "form", "participants"]
    list_filter = ["form", "task__group__plan", "unit__kind", "unit__area"]
    list_select_related = ["unit", "task"]
    search_fields = ["title", "unit__name"]
    date_hierarchy = "start_date"
    raw_id_fields = ["unit", "task", "created_by"]
    inlines = [TargetGroupInline, EvidenceInline]


@admin.register(UnitPlan)
class UnitPlanAdmin(SimpleHistoryAdmin):
    list_display = ["number", "unit", "plan", "signed_on", "submitted_at"]
    list_filter = ["plan"]
    list_select_related = ["unit", "plan"]
    raw_id_fields = ["unit", "submitted_by"]


@admin.register(PilotModel)
class PilotModelAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "status", "start_date"]
    list_filter = ["status", "plan"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit"]


@admin.register(TrainingCourse)
class TrainingCourseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "task", "region", "start_date", "participants"]
    list_filter = ["region", "task"]
    list_select_related = ["unit", "task"]
    raw_id_fields = ["unit"]


@admin.register(FiguresLock)
class FiguresLockAdmin(admin.ModelAdmin):
    """Read-only: a lock is made by accepting a report and lifted by reopening it, with a reason."""

    list_display = ["unit", "plan", "locked_at", "locked_by", "reopened_at", "reopened_by"]
    list_filter = ["plan"]
    list_select_related = ["unit", "plan", "locked_by", "reopened_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
