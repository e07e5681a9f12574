"""Reads for a unit's dashboard: its obligations grouped by deadline state with their days left or
late, the task's activities and target, and its records at a glance (V03's overview of every unit is
reports/dashboards/matrix.py). Every deadline state comes from an obligation
(``Obligation.deadline_state``, the one rule); none is computed from timestamps here."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Unit
from plans.models import Deliverable, Plan, Task
from reports.annual.models import AnnualReport
from tasks.activities.models import Activity
from tasks.obligations.models import DeadlineState, Obligation
from tasks.pilot_models.models import PilotModel
from tasks.pilot_models.selectors import pilot_target
from tasks.training.models import TrainingCourse
from tasks.unit_plans.models import UnitPlan

NOT_SENT = "none"


def report_status_label(status: str) -> str:
    return _("Not sent") if status == NOT_SENT else AnnualReport.Status(status).label


def state_label(state: str | None) -> str:
    return DeadlineState(state).label if state else ""


def state_of(rows: list["DeadlineRow"], deliverable) -> str | None:
    """The state of the unit's obligation for ``deliverable`` among its dashboard rows."""
    if deliverable is None:
        return None
    return next((r.state for r in rows if r.obligation.deliverable_id == deliverable.pk), None)


def unit_records(*, plan: Plan, unit: Unit, rows: list["DeadlineRow"], models, tasks, courses) -> dict:
    """The dashboard's summary of the unit's own plan, pilot models and training courses, from what the
    dashboard read already (``models``: ``unit_pilot_models``, ``tasks``: ``targeted_tasks``,
    ``courses``: ``unit_courses``)."""
    deliverable = plan.unit_plan_deliverable()
    state = state_of(rows, deliverable)
    return {
        "unit_plan": UnitPlan.objects.filter(unit=unit, plan=plan).first(),
        "unit_plan_deliverable": deliverable,
        "unit_plan_state": state,
        "unit_plan_state_label": state_label(state),
        "pilot_target": pilot_target(plan=plan, models=models, tasks=tasks),
        "pilot_count": len(models),
        "training_count": len(courses),
    }


# The order the unit's dashboard shows its obligations in: the next deadline first, then what is
# late (most days late first), then what is further off, then what is done.
STATE_GROUPS = (
    DeadlineState.DUE_SOON,
    DeadlineState.OVERDUE,
    DeadlineState.NOT_YET_DUE,
    DeadlineState.DONE_LATE,
    DeadlineState.DONE_ON_TIME,
)


@dataclass
class TaskTarget:
    """Progress toward a task's counted target (4.1's models, 8.2's courses, 8.2a's three regions)."""

    done: int
    required: int
    label: str

    @property
    def reached(self) -> bool:
        return self.done >= self.required


@dataclass
class DeadlineRow:
    """One obligation on the unit's dashboard, with its days left or late (counted as the reminder
    emails count them: the due date itself is the first day late), its task's activities and
    participants, and the task's target where it has one."""

    obligation: Obligation
    state: str
    today: date
    activities: int = 0
    participants: int = 0
    target: TaskTarget | None = None

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def due_date(self) -> date:
        return self.obligation.deliverable.due_date

    @property
    def days_left(self) -> int:
        return max((self.due_date - self.today).days, 0)

    @property
    def days_late(self) -> int:
        return (self.today - self.due_date).days + 1 if self.state == DeadlineState.OVERDUE else 0

    @property
    def days_text(self) -> str:
        if self.state == DeadlineState.OVERDUE:
            return ngettext("%(counter)s day late", "%(counter)s days late", self.days_late) % {
                "counter": self.days_late
            }
        if self.state in (DeadlineState.DUE_SOON, DeadlineState.NOT_YET_DUE):
            return ngettext("%(counter)s day left", "%(counter)s days left", self.days_left) % {
                "counter": self.days_left
            }
        return ""

    @property
    def task(self):
        return self.obligation.deliverable.task

    @property
    def can_log(self) -> bool:
        """Activities are what the unit logs for this deliverable (not its plan, report, models…)."""
        return self.task is not None and self.obligation.deliverable.kind in (
            Deliverable.Kind.ACTIVITY,
            Deliverable.Kind.GUIDANCE,
        )


@dataclass
class DeadlineGroup:
    state: str
    rows: list[DeadlineRow]

    @property
    def label(self) -> str:
        return state_label(self.state)


def task_activities(*, unit: Unit, plan: Plan) -> dict[int, tuple[int, int]]:
    """The unit's activities and their participants under ``plan``, by task id. One query."""
    return {
        row["task_id"]: (row["n"], row["people"] or 0)
        for row in Activity.objects.filter(unit=unit, task__group__plan=plan)
        .values("task_id")
        .annotate(n=Count("id"), people=Sum("participants"))
        .order_by()
    }


def unit_deadline_groups(
    *, unit: Unit, plan: Plan, at: datetime, tasks=None, models=None, per_task=None, courses=None
) -> list[DeadlineGroup]:
    """The unit's obligations under ``plan`` grouped by deadline state in the order of
    ``STATE_GROUPS`` (overdue: most days late first; the others by due date), each with its
    task's activities, participants and target (``tasks``, ``models``: see ``task_targets``;
    ``per_task``: ``task_activities``, ``courses``: ``unit_courses``, when read already).
    A fixed number of queries."""
    today = timezone.localdate(at, plan.tzinfo())
    obligations = (
        Obligation.objects.filter(unit=unit, deliverable__plan=plan)
        .select_related("deliverable__task", "deliverable__plan")
        .order_by("deliverable__due_date", "deliverable__order")
    )
    per_task = task_activities(unit=unit, plan=plan) if per_task is None else per_task
    targets = task_targets(unit=unit, plan=plan, tasks=tasks, models=models, courses=courses)
    groups: dict[str, list[DeadlineRow]] = {state: [] for state in STATE_GROUPS}
    for obligation in obligations:
        task_id = obligation.deliverable.task_id
        activities, people = per_task.get(task_id, (0, 0))
        row = DeadlineRow(
            obligation=obligation,
            state=obligation.deadline_state(at),
            today=today,
            activities=activities,
            participants=people,
            target=targets.get(task_id),
        )
        groups[row.state].append(row)
    groups[DeadlineState.OVERDUE].sort(key=lambda r: (-r.days_late, r.obligation.deliverable.order))
    return [DeadlineGroup(state, rows) for state, rows in groups.items() if rows]


def unit_pilot_models(*, unit: Unit, plan: Plan) -> list[PilotModel]:
    """The unit's pilot models under ``plan`` (the dashboard's card and its targets)."""
    return list(PilotModel.objects.filter(unit=unit, plan=plan))


def targeted_tasks(*, plan: Plan) -> list[Task]:
    """The plan's tasks with a counted target."""
    return list(Task.objects.filter(group__plan=plan).exclude(target_kind=""))


def unit_courses(*, unit: Unit, plan: Plan) -> list[tuple[int, str]]:
    """The (task id, region) of each of the unit's training courses under ``plan``. One query."""
    return list(TrainingCourse.objects.filter(unit=unit, task__group__plan=plan).values_list("task_id", "region"))


def task_targets(*, unit: Unit, plan: Plan, tasks=None, models=None, courses=None) -> dict[int, TaskTarget]:
    """The unit's progress toward each counted target of the plan's tasks, by task id: pilot models
    that count (4.1), training courses (8.2b), regions with a course (8.2a: North, Centre, South).
    ``tasks`` (``targeted_tasks``), ``models`` (the unit's pilot models under the plan) and ``courses``
    (``unit_courses``) when read already."""
    tasks = targeted_tasks(plan=plan) if tasks is None else tasks
    if not tasks:
        return {}
    models = unit_pilot_models(unit=unit, plan=plan) if models is None else models
    models = sum(1 for m in models if m.counts_toward_target)
    by_task: dict[int, list[str]] = {}
    for task_id, region in unit_courses(unit=unit, plan=plan) if courses is None else courses:
        by_task.setdefault(task_id, []).append(region)
    targets = {}
    for task in tasks:
        if task.target_kind == Task.Target.PILOT_MODELS:
            targets[task.pk] = TaskTarget(models, task.target_per_unit, _("pilot models"))
        elif task.target_kind == Task.Target.TRAINING_BY_REGION:
            regions = {r for r in by_task.get(task.pk, []) if r}
            targets[task.pk] = TaskTarget(len(regions), max(task.target_per_unit, 3), _("regions"))
        else:
            targets[task.pk] = TaskTarget(len(by_task.get(task.pk, [])), task.target_per_unit, _("courses"))
    return targets
