"""Reads of pilot models: the plan's "at least N models" target for a unit."""

from dataclasses import dataclass

from django.db.models import Q

from config.lists import narrowed
from plans.models import Plan, Task
from tasks.pilot_models.models import PilotModel


@dataclass
class PilotTarget:
    """The plan's "at least N model(s)" for one unit, and how many of its models count."""

    task: Task
    counted: int

    @property
    def required(self) -> int:
        return self.task.target_per_unit

    @property
    def reached(self) -> bool:
        return self.counted >= self.required


def pilot_target(*, plan: Plan, models: list[PilotModel], tasks: list[Task] | None = None) -> PilotTarget | None:
    """``tasks``: the plan's tasks with a target, when read already (else one query)."""
    if tasks is None:
        tasks = Task.objects.filter(group__plan=plan, target_kind=Task.Target.PILOT_MODELS)
    task = min((t for t in tasks if t.target_kind == Task.Target.PILOT_MODELS), key=lambda t: t.order, default=None)
    if task is None:
        return None
    return PilotTarget(task=task, counted=sum(1 for m in models if m.counts_toward_target))


def pilot_models_filtered(qs, *, filters: dict):
    """``qs`` narrowed by the list's filters (every key optional)."""
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(name__icontains=q) | Q(place__icontains=q) | Q(evaluation__icontains=q))
    return narrowed(
        qs,
        filters,
        {
            "status": "status",
            "target_group": "target_group",
            "date_from": "start_date__gte",
            "date_to": "start_date__lte",
            "unit": "unit_id",
            "area": "unit__area",
        },
    )
