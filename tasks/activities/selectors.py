"""Reads of activities and their evidence files."""

from django.db.models import QuerySet

from accounts.models import Unit
from plans.models import Plan
from tasks.activities.models import Activity

FIGURE_FIELDS = ("sessions", "participants", "copies", "online_reach", "budget_vnd")


def activities_in_window(*, unit: Unit, plan: Plan) -> QuerySet:
    """The unit's activities for the plan's tasks within the plan's reporting window."""
    return Activity.objects.filter(
        unit=unit,
        task__group__plan=plan,
        start_date__gte=plan.report_window_start,
        start_date__lte=plan.report_window_end,
    )
