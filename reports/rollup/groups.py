"""The results by task group and task, and by deliverable."""

from plans.models import Deliverable, Task

from .obligations import ObligationFacts
from .results import DeliverableResult, Figures, GroupResult, StateCounts, TaskResult


def group_results(
    *,
    tasks: list[Task],
    deliverables: list[Deliverable],
    per_task: dict[int, Figures],
    reporting: set[tuple[int, int]],
    obligations: ObligationFacts,
) -> list[GroupResult]:
    """Per task group and task (in the plan's order): the units that owe something under it, the
    counted units that logged activities for it (``reporting``: (task id, unit id) pairs), the
    figures and the obligations by deadline state. ``tasks`` come with their groups."""

    def reporting_units(task_ids: set[int]) -> int:
        return len({unit for task, unit in reporting if task in task_ids})

    groups: list[GroupResult] = []
    for task in tasks:
        if not groups or groups[-1].id != task.group_id:
            groups.append(
                GroupResult(
                    id=task.group_id,
                    number=task.group.number,
                    title=task.group.title,
                    tasks=[],
                    units_expected=0,
                    units_reporting=0,
                    figures=Figures(),
                    obligations=StateCounts(),
                )
            )
        groups[-1].tasks.append(
            TaskResult(
                id=task.pk,
                code=task.code,
                title=task.title,
                units_expected=obligations.units_owing({task.pk}),
                units_reporting=reporting_units({task.pk}),
                figures=Figures().add(per_task.get(task.pk, Figures())),
                obligations=obligations.of_tasks(deliverables, {task.pk}),
            )
        )
    for group in groups:
        ids = {t.id for t in group.tasks}
        group.units_expected = obligations.units_owing(ids)
        group.units_reporting = reporting_units(ids)
        group.figures = Figures.total(t.figures for t in group.tasks)
        group.obligations = obligations.of_tasks(deliverables, ids)
    return groups


def deliverable_results(*, deliverables: list[Deliverable], obligations: ObligationFacts) -> list[DeliverableResult]:
    """Per deliverable of the plan (tasks' and sections', e.g. III.3 the results report): its
    deadline as the plan words it and the units' obligations by deadline state."""
    return [
        DeliverableResult(
            id=d.pk,
            code=d.code,
            title=d.title,
            deadline=d.deadline_label(),
            due_date=d.due_date,
            obligations=obligations.by_deliverable[d.pk],
        )
        for d in deliverables
    ]
