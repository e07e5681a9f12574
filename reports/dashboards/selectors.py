"""Reads for the dashboards: a unit's obligations with their deadline states and its records at a
glance, and V03's overview of every unit the plan expects. Every deadline state comes from an
obligation (``Obligation.deadline_state``, the one rule); none is computed from timestamps here."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from accounts.models import Unit
from plans.models import Plan
from reports.annual.models import AnnualReport
from tasks.activities.models import Activity
from tasks.obligations.models import DeadlineState, Obligation
from tasks.obligations.selectors import plan_units
from tasks.pilot_models.models import PilotModel
from tasks.pilot_models.selectors import pilot_target
from tasks.training.models import TrainingCourse
from tasks.unit_plans.models import UnitPlan

NOT_SENT = "none"


def report_status_label(status: str) -> str:
    return _("Not sent") if status == NOT_SENT else AnnualReport.Status(status).label


def state_label(state: str | None) -> str:
    return DeadlineState(state).label if state else ""


@dataclass
class ObligationRow:
    obligation: Obligation
    state: str

    @property
    def state_label(self) -> str:
        return state_label(self.state)


@dataclass
class UnitRow:
    """One line of the reviewer's overview."""

    unit: Unit
    report: AnnualReport | None
    report_state: str | None  # the deadline state of the report's obligation (done on time / late / overdue…)
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
        return state_label(self.report_state)


def overview_rows(*, plan: Plan, at: datetime, area: str = "", status: str = "") -> list[UnitRow]:
    """Every unit the plan expects with its report's status, its report's deadline state, its
    overdue obligations and its activities. A fixed number of queries, whatever the number of units."""
    units = plan_units(plan=plan)
    if area:
        units = units.filter(area=area)
    reports = {r.unit_id: r for r in AnnualReport.objects.filter(plan=plan)}
    activities = dict(
        Activity.objects.filter(task__group__plan=plan).values_list("unit_id").annotate(n=Count("id")).order_by()
    )
    report = plan.annual_report_deliverable()
    # One read of the obligations that matter here: the open ones (overdue?) and the report's.
    obligations = Obligation.objects.filter(deliverable__plan=plan).filter(
        Q(completed_at__isnull=True) | Q(deliverable_id=report.pk if report else None)
    )
    states = [(o, o.deadline_state(at)) for o in obligations.select_related("deliverable__plan")]
    overdue = Counter(o.unit_id for o, state in states if state == DeadlineState.OVERDUE)
    report_states = {o.unit_id: state for o, state in states if report and o.deliverable_id == report.pk}
    rows = [
        UnitRow(
            unit=unit,
            report=reports.get(unit.pk),
            report_state=report_states.get(unit.pk),
            overdue=overdue[unit.pk],
            activities=activities.get(unit.pk, 0),
        )
        for unit in units
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


def state_of(rows: list[ObligationRow], deliverable) -> str | None:
    """The state of the unit's obligation for ``deliverable`` among its dashboard rows."""
    if deliverable is None:
        return None
    return next((r.state for r in rows if r.obligation.deliverable_id == deliverable.pk), None)


def unit_records(*, plan: Plan, unit: Unit, rows: list[ObligationRow]) -> dict:
    """The dashboard's summary of the unit's own plan, pilot models and training courses."""
    deliverable = plan.unit_plan_deliverable()
    state = state_of(rows, deliverable)
    models = list(PilotModel.objects.filter(unit=unit, plan=plan))
    return {
        "unit_plan": UnitPlan.objects.filter(unit=unit, plan=plan).first(),
        "unit_plan_deliverable": deliverable,
        "unit_plan_state": state,
        "unit_plan_state_label": state_label(state),
        "pilot_target": pilot_target(plan=plan, models=models),
        "pilot_count": len(models),
        "training_count": TrainingCourse.objects.filter(unit=unit, task__group__plan=plan).count(),
    }
