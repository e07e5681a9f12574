"""Reads of a unit's annual results report: its text and figures (frozen into each submitted version),
and its deadline state."""

from datetime import datetime

from django.db.models import Count, Q, Sum

from accounts.models import Unit
from plans.models import Deliverable, Plan
from reports.annual.models import AnnualReport
from tasks.activities.selectors import FIGURE_FIELDS, activities_in_window
from tasks.obligations.models import DeadlineState
from tasks.obligations.selectors import deliverables_states
from tasks.pilot_models.models import PilotModel
from tasks.training.models import TrainingCourse


def report_content(*, report: AnnualReport) -> dict:
    """The report's text as it stands: difficulties, proposals and one entry per task."""
    entries = report.entries.select_related("task").order_by("task__group__order", "task__order")
    return {
        "difficulties": report.difficulties,
        "proposals": report.proposals,
        "entries": [
            {
                "task": e.task.code,
                "status": e.status,
                "results": e.results,
                "difficulties": e.difficulties,
                "proposals": e.proposals,
            }
            for e in entries
        ],
    }


def report_deadline_states(*, at: datetime, plans, unit_ids=None) -> dict[tuple[int, int], str]:
    """The deadline state of each unit's annual report under ``plans``, by (plan id, unit id), from
    the report's obligation (completed at the first submission; the one rule); only the units of
    ``unit_ids`` when given. One query."""
    deliverables = {d.pk: plan.pk for plan in plans if (d := plan.annual_report_deliverable())}
    states = deliverables_states(deliverables=[Deliverable(pk=pk) for pk in deliverables], at=at, unit_ids=unit_ids)
    return {(deliverables[d], unit_id): state for (d, unit_id), state in states.items()}


def on_time(state: str | None) -> bool | None:
    """Whether a sent report was sent on time, from its deadline state (None until it is sent)."""
    if state == DeadlineState.DONE_ON_TIME:
        return True
    if state == DeadlineState.DONE_LATE:
        return False
    return None


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
