"""Task 4.1's pilot models: the counted units' models and the units that reached the target.

Pilot models of the plan count whatever their date, when their status counts toward the target
(not proposed, not stopped: ``PilotModel.NOT_COUNTING``), as in the figures frozen into the units'
reports.
"""

from collections import Counter

from accounts.models import Unit
from plans.models import Plan, Task
from tasks.models import PilotModel, TargetGroup

from .obligations import ObligationFacts
from .results import PilotModelRow, PilotModels

COLUMNS = ("id", "unit_id", "name", "place", "target_group", "start_date", "status", "evaluation", "replicated_to")


def pilot_models(
    *, plan: Plan, tasks: list[Task], counted: list[int], units: dict[int, Unit], obligations: ObligationFacts
) -> tuple[PilotModels, Counter]:
    """The pilot models of the counted units (registry order, then start date) and how many count
    toward the target per unit id. One query."""
    pilot_task = next((t for t in tasks if t.target_kind == Task.Target.PILOT_MODELS), None)
    target = pilot_task.target_per_unit if pilot_task else 1
    rows = (
        PilotModel.objects.filter(plan=plan, unit_id__in=counted)
        .order_by("unit__kind", "unit__province_code", "unit__name", "start_date", "pk")
        .values(*COLUMNS)
    )
    models = []
    counting: Counter = Counter()
    for row in rows:
        counts = row["status"] not in PilotModel.NOT_COUNTING
        if counts:
            counting[row["unit_id"]] += 1
        models.append(
            PilotModelRow(
                **row,
                unit=units[row["unit_id"]].name,
                status_label=str(PilotModel.Status(row["status"]).label),
                target_group_label=str(TargetGroup(row["target_group"]).label) if row["target_group"] else "",
                counts_toward_target=counts,
            )
        )
    result = PilotModels(
        task=pilot_task.code if pilot_task else None,
        target_per_unit=target,
        units_expected=obligations.units_owing({pilot_task.pk}) if pilot_task else 0,
        units_counted=len(counted),
        units_reached=sum(1 for n in counting.values() if n >= target),
        models_counting=sum(counting.values()),
        models=models,
    )
    return result, counting
