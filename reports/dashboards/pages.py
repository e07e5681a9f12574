"""The web pages of the dashboards (a unit's, and V03's overview of every unit): views check input, call one service and render."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit
from plans.models import Deliverable, Plan
from plans.selectors import current_plan
from reports.annual.models import AnnualReport
from reports.dashboards.forms import OverviewFilterForm
from tasks.activities.models import Activity
from tasks.obligations.models import DeadlineState, Obligation, ProgressStatus, compute_deadline_state
from tasks.pilot_models.models import PilotModel
from tasks.pilot_models.pages import pilot_target
from tasks.training.models import TrainingCourse
from tasks.unit_plans.models import UnitPlan
from tasks.unit_plans.pages import unit_plan_deliverable

LATEST_ACTIVITIES = 8


NOT_SENT = "none"


def report_status_label(status: str) -> str:
    return _("Not sent") if status == NOT_SENT else AnnualReport.Status(status).label


@dataclass
class ObligationRow:
    obligation: Obligation
    state: str

    @property
    def state_label(self) -> str:
        return DeadlineState(self.state).label


@dataclass
class UnitRow:
    """One line of the reviewer's overview."""

    unit: Unit
    report: AnnualReport | None
    report_state: str | None  # the deadline state of the report (done on time / late / overdue…)
    overdue: int
    activities: int

    @property
    def report_status(self) -> str:
        return self.report.status if self.report else NOT_SENT

    @property
    def report_status_label(self) -> str:
        return report_status_label(self.report_status)

    @property
    def report_state_label(self) -> str:
        return DeadlineState(self.report_state).label if self.report_state else ""


def report_due_at(plan: Plan) -> datetime | None:
    """When the plan's results report is due (00:00 on its due date), or None without one."""
    deliverable = Deliverable.objects.filter(plan=plan, kind=Deliverable.Kind.ANNUAL_REPORT).first()
    return deliverable.due_at(plan.tzinfo()) if deliverable else None


def report_state(*, due_at: datetime | None, report: AnnualReport | None, at: datetime) -> str | None:
    """The deadline state of a unit's report, judged by its first submission (the one rule)."""
    if due_at is None:
        return None
    completed = report.first_submitted_at if report else None
    return compute_deadline_state(due_at=due_at, completed_at=completed, at=at)


def overview_rows(
    *, plan: Plan, at: datetime, area: str = "", status: str = "", due_at: datetime | None = None
) -> list[UnitRow]:
    """Every department and provincial police unit valid in the plan's year with its report's
    status, whether it was sent on time, its overdue obligations and its activities. Five queries,
    whatever the number of units."""
    units = Unit.objects.valid_between(plan.period_start, plan.period_end).implementing()
    if area:
        units = units.filter(area=area)
    reports = {r.unit_id: r for r in AnnualReport.objects.filter(plan=plan)}
    activities = dict(
        Activity.objects.filter(task__group__plan=plan)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("unit_id", "n")
    )
    open_obligations = Obligation.objects.filter(deliverable__plan=plan, completed_at__isnull=True).select_related(
        "deliverable__plan"
    )
    overdue = Counter(o.unit_id for o in open_obligations if o.deadline_state(at) == DeadlineState.OVERDUE)
    due_at = due_at or report_due_at(plan)
    rows = [
        UnitRow(
            unit=unit,
            report=reports.get(unit.pk),
            report_state=report_state(due_at=due_at, report=reports.get(unit.pk), at=at),
            overdue=overdue[unit.pk],
            activities=activities.get(unit.pk, 0),
        )
        for unit in units.order_by("kind", "province_code", "name")
    ]
    if status:
        rows = [r for r in rows if r.report_status == status]
    return rows


def unit_obligation_rows(*, unit: Unit, plan: Plan, at: datetime) -> list[ObligationRow]:
    obligations = (
        Obligation.objects.filter(unit=unit, deliverable__plan=plan)
        .select_related("deliverable__task", "deliverable__plan")
        .order_by("deliverable__due_date", "deliverable__order")
    )
    return [ObligationRow(o, o.deadline_state(at)) for o in obligations]


@login_required
def home(request):
    user = request.user
    plan = current_plan()
    if user.sees_all_units():
        return overview(request, plan)
    if user.unit_id is None:
        return render(request, "dashboards/no_unit.html", {"plan": plan})
    return unit_dashboard(request, plan, user.unit)


def overview(request, plan: Plan):
    filters = OverviewFilterForm(request.GET or None)
    area = status = ""
    if filters.is_valid():
        area, status = filters.cleaned_data["area"], filters.cleaned_data["status"]
    now = timezone.now()
    due_at = report_due_at(plan)
    rows = overview_rows(plan=plan, at=now, area=area, status=status, due_at=due_at)
    totals = Counter(r.report_status for r in rows)
    context = {
        "plan": plan,
        "rows": rows,
        "filters": filters,
        "report_due_at": due_at,
        "totals": [(report_status_label(s), totals[s]) for s in (NOT_SENT, *AnnualReport.Status.values)],
        "overdue_units": sum(1 for r in rows if r.overdue),
    }
    return render(request, "dashboards/overview.html", context)


def unit_dashboard(request, plan: Plan, unit: Unit):
    now = timezone.now()
    rows = unit_obligation_rows(unit=unit, plan=plan, at=now)
    report = AnnualReport.objects.filter(unit=unit, plan=plan).select_related("reviewed_by").first()
    states = Counter(r.state for r in rows)
    context = {
        "plan": plan,
        "unit": unit,
        "rows": rows,
        "state_counts": [(DeadlineState(s).label, s, states[s]) for s in DeadlineState.values if states[s]],
        "report": report,
        "report_state": report_state(due_at=report_due_at(plan), report=report, at=now),
        "latest": Activity.objects.filter(unit=unit)
        .select_related("task")
        .order_by("-start_date", "-id")[:LATEST_ACTIVITIES],
        "activity_count": Activity.objects.filter(unit=unit, task__group__plan=plan).count(),
        "can_update": request.user.is_member_of(unit.pk),
        "status_choices": ProgressStatus.choices,
    }
    if context["report_state"]:
        context["report_state_label"] = DeadlineState(context["report_state"]).label
    context.update(unit_records(plan=plan, unit=unit, at=now))
    return render(request, "dashboards/unit_dashboard.html", context)


def unit_records(*, plan: Plan, unit: Unit, at: datetime) -> dict:
    """The dashboard's summary of the unit's own plan, pilot models and training courses."""
    unit_plan = UnitPlan.objects.filter(unit=unit, plan=plan).first()
    deliverable = unit_plan_deliverable(plan)
    state = None
    if deliverable is not None:
        state = compute_deadline_state(
            due_at=deliverable.due_at(plan.tzinfo()), completed_at=unit_plan.submitted_at if unit_plan else None, at=at
        )
    models = list(PilotModel.objects.filter(unit=unit, plan=plan))
    return {
        "unit_plan": unit_plan,
        "unit_plan_deliverable": deliverable,
        "unit_plan_state": state,
        "unit_plan_state_label": DeadlineState(state).label if state else "",
        "pilot_target": pilot_target(plan=plan, models=models),
        "pilot_count": len(models),
        "training_count": TrainingCourse.objects.filter(unit=unit, task__group__plan=plan).count(),
    }


@login_required
def unit_detail(request, pk: int):
    """A unit's dashboard as a reviewer sees it; a unit's own users see only their own."""
    unit = get_object_or_404(Unit, pk=pk)
    if not request.user.sees_all_units() and unit.pk != request.user.unit_id:
        raise Http404
    return unit_dashboard(request, current_plan(), unit)
