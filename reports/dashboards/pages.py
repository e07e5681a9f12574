"""The home page: a unit's dashboard for its reporters and leaders, the overview of every unit for
V03's reviewers. Views read through reports.dashboards.selectors and render."""

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import urlencode

from accounts.models import Unit
from plans.models import Plan
from plans.selectors import plan_in_force
from reports.annual.models import AnnualReport
from reports.dashboards.overview import overview
from reports.dashboards.selectors import (
    state_label,
    state_of,
    targeted_tasks,
    task_activities,
    unit_courses,
    unit_deadline_groups,
    unit_pilot_models,
    unit_records,
)
from reports.dashboards.succession import taken_over_rows
from tasks.activities.models import Activity
from tasks.obligations.models import DeadlineState, ProgressStatus
from tasks.obligations.selectors import units_acting_in_plan

LATEST_ACTIVITIES = 8


@login_required
def home(request):
    user = request.user
    plan = plan_in_force(request=request)
    if user.sees_all_units():
        return overview(request, plan)
    if user.unit_id is None:
        return render(request, "dashboards/no_unit.html", {"plan": plan})
    units = units_acting_in_plan(user=user, plan=plan)
    if units and units[0].pk == user.unit_id:
        user.unit = units[0]  # the user's unit, just read: not read again for the page
    if units and units[0].pk != user.unit_id:
        # A plan of before the unit existed: it acts for the units it took over (Hà Giang's 2024 work).
        rows = taken_over_rows(plan=plan, units=units, at=timezone.now())
        return render(request, "dashboards/taken_over.html", {"plan": plan, "rows": rows})
    return unit_dashboard(request, plan, user.unit)


def unit_dashboard(request, plan: Plan, unit: Unit):
    models = unit_pilot_models(unit=unit, plan=plan)
    tasks = targeted_tasks(plan=plan)  # read once for the targets of the rows and of the pilot models
    per_task = task_activities(unit=unit, plan=plan)
    courses = unit_courses(unit=unit, plan=plan)
    groups = unit_deadline_groups(
        unit=unit, plan=plan, at=timezone.now(), tasks=tasks, models=models, per_task=per_task, courses=courses
    )
    rows = [row for group in groups for row in group.rows]
    upcoming = [r for r in rows if r.state in (DeadlineState.DUE_SOON, DeadlineState.NOT_YET_DUE)]
    report_state = state_of(rows, plan.annual_report_deliverable())
    states = Counter(r.state for r in rows)
    context = {
        "plan": plan,
        "unit": unit,
        "rows": rows,
        "groups": groups,
        "next_row": min(upcoming, key=lambda r: r.due_date) if upcoming else None,
        "overdue_count": sum(1 for r in rows if r.state == DeadlineState.OVERDUE),
        "state_counts": [(DeadlineState(s).label, s, states[s]) for s in DeadlineState.values if states[s]],
        "report": AnnualReport.objects.filter(unit=unit, plan=plan).select_related("reviewed_by").first(),
        "report_state": report_state,
        "report_state_label": state_label(report_state),
        "latest": Activity.objects.filter(unit=unit)
        .select_related("task")
        .order_by("-start_date", "-id")[:LATEST_ACTIVITIES],
        "activity_count": sum(n for n, _people in per_task.values()),  # the unit's activities under the plan
        "can_update": request.user.is_member_of(unit.pk),
        # A unit the user's unit took over: the links that record work carry it (and the plan).
        "taken_over": urlencode({"unit": unit.pk, "plan": plan.pk})
        if unit.pk != request.user.unit_id and request.user.is_member_of(unit.pk)
        else "",
        "status_choices": ProgressStatus.choices,
    }
    context.update(unit_records(plan=plan, unit=unit, rows=rows, models=models, tasks=tasks, courses=courses))
    return render(request, "dashboards/unit_dashboard.html", context)


@login_required
def unit_detail(request, pk: int):
    """A unit's dashboard as a reviewer sees it; a unit's own users see only their own."""
    unit = get_object_or_404(Unit, pk=pk)
    user = request.user
    if not user.sees_all_units() and unit.pk != user.unit_id and not user.is_member_of(unit.pk):
        raise Http404
    return unit_dashboard(request, plan_in_force(request=request), unit)
