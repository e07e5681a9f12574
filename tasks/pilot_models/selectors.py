"""Reads of pilot models: the plan's "at least N models" target for a unit."""

from dataclasses import dataclass

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


def pilot_target(*, plan: Plan, models: list[PilotModel]) -> PilotTarget | None:
    task = Task.objects.filter(group__plan=plan, target_kind=Task.Target.PILOT_MODELS).order_by("order").first()
    if task is None:
        return None
    return PilotTarget(task=task, counted=sum(1 for m in models if m.counts_toward_target))
