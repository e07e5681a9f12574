"""Reads of obligations (deliverable × unit) and their progress."""

from datetime import datetime

from django.db.models import QuerySet

from accounts.models import Unit, User
from accounts.permissions import visible_to
from plans.models import Deliverable, Plan
from tasks.obligations.models import Obligation, ProgressStatus


def obligations_visible(*, user: User) -> QuerySet:
    qs = Obligation.objects.select_related("unit", "deliverable", "deliverable__task", "deliverable__plan")
    return visible_to(qs, user)


def plan_units(*, plan: Plan) -> QuerySet:
    """The units a plan expects work from: those that owe at least one of its obligations (its
    deliverables expanded over the units valid on their dates when the plan was loaded: 63
    provinces in 2024, 34 from 01/07/2025, with the departments named or meant), in registry order.
    The one definition, used by the dashboards, the roll-up and the documents."""
    owing = Obligation.objects.filter(deliverable__plan=plan).values("unit_id")
    return Unit.objects.filter(pk__in=owing).order_by("kind", "province_code", "name", "pk")


def obligation_states(*, deliverable: Deliverable | None, at: datetime, unit_ids=None) -> dict[int, str]:
    """Each unit's deadline state for ``deliverable`` (e.g. the annual report, the unit's own plan),
    read from its obligation (``Obligation.deadline_state``, the one rule): a unit that owes nothing
    is absent. One query."""
    states = deliverables_states(deliverables=[deliverable] if deliverable else [], at=at, unit_ids=unit_ids)
    return {unit_id: state for (_deliverable, unit_id), state in states.items()}


def deliverables_states(*, deliverables, at: datetime, unit_ids=None) -> dict[tuple[int, int], str]:
    """The deadline state of every obligation of ``deliverables``, by (deliverable id, unit id). One query."""
    qs = Obligation.objects.filter(deliverable__in=[d.pk for d in deliverables]).select_related("deliverable__plan")
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    return {(o.deliverable_id, o.unit_id): o.deadline_state(at) for o in qs}


def task_progress(*, unit_id: int, plan_id: int) -> dict[int, str]:
    """The unit's progress on each task of the plan, as its obligations record it: completed when
    every obligation of the task is, in progress when any is started, else not started. The one
    rule for a task's progress: the dashboard shows the obligations, the annual report this. One query."""
    by_task: dict[int, list[str]] = {}
    rows = Obligation.objects.filter(unit_id=unit_id, deliverable__plan_id=plan_id, deliverable__task__isnull=False)
    for task_id, status in rows.values_list("deliverable__task_id", "status"):
        by_task.setdefault(task_id, []).append(status)
    return {task_id: combined_progress(statuses) for task_id, statuses in by_task.items()}


def combined_progress(statuses: list[str]) -> str:
    if statuses and all(s == ProgressStatus.COMPLETED for s in statuses):
        return ProgressStatus.COMPLETED
    if any(s != ProgressStatus.NOT_STARTED for s in statuses):
        return ProgressStatus.IN_PROGRESS
    return ProgressStatus.NOT_STARTED


def units_acting_in_plan(*, user: User, plan: Plan) -> list[Unit]:
    """The units ``user`` acts for (their unit and the units it took over, ``User.acting_unit_ids``)
    that owe something under ``plan``, their own unit first: for a user of Tuyên Quang from 2025,
    the 2024 plan's Hà Giang and Tuyên Quang. Empty for reviewers and users without a unit."""
    if not user.is_unit_member:
        return []
    owing = Obligation.objects.filter(deliverable__plan=plan, unit_id__in=user.acting_unit_ids()).values("unit_id")
    units = Unit.objects.filter(pk__in=owing).order_by("kind", "province_code", "name", "pk")
    return sorted(units, key=lambda u: u.pk != user.unit_id)
