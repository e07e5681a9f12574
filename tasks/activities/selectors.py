"""Reads of activities and their evidence files."""

from django.db.models import Count, Q, QuerySet, Sum

from accounts.models import Unit
from plans.models import Plan
from tasks.activities.models import Activity
from tasks.pilot_models.models import PilotModel
from tasks.training.models import TrainingCourse

FIGURE_FIELDS = ("sessions", "participants", "copies", "online_reach", "budget_vnd")


def activities_in_window(*, unit: Unit, plan: Plan) -> QuerySet:
    """The unit's activities for the plan's tasks within the plan's reporting window."""
    return Activity.objects.filter(
        unit=unit,
        task__group__plan=plan,
        start_date__gte=plan.report_window_start,
        start_date__lte=plan.report_window_end,
    )


def unit_figures(*, unit: Unit, plan: Plan) -> dict:
    """The unit's figures for its annual report, computed from its activities in the reporting
    window (Decree 09/2019: 15/12 of the previous year to 14/12): per task and in total, plus pilot
    models and training courses. JSON-ready; frozen into each submitted version."""
    sums = {name: Sum(name) for name in FIGURE_FIELDS}
    per_task = {
        row["task__code"]: {"activities": row["activities"], **{f: row[f] or 0 for f in FIGURE_FIELDS}}
        for row in activities_in_window(unit=unit, plan=plan)
        .values("task__code")
        .annotate(activities=Count("id"), **sums)
        .order_by()
    }
    totals = {"activities": sum(t["activities"] for t in per_task.values())}
    totals.update({f: sum(t[f] for t in per_task.values()) for f in FIGURE_FIELDS})
    models = PilotModel.objects.filter(unit=unit, plan=plan).aggregate(
        total=Count("id"), counting=Count("id", filter=~Q(status__in=PilotModel.NOT_COUNTING))
    )
    training = TrainingCourse.objects.filter(
        unit=unit,
        task__group__plan=plan,
        start_date__gte=plan.report_window_start,
        start_date__lte=plan.report_window_end,
    ).aggregate(courses=Count("id"), participants=Sum("participants"))
    return {
        "window": [plan.report_window_start.isoformat(), plan.report_window_end.isoformat()],
        "tasks": dict(sorted(per_task.items())),
        "totals": totals,
        "pilot_models": {"total": models["total"], "counting": models["counting"]},
        "training": {"courses": training["courses"], "participants": training["participants"] or 0},
    }
