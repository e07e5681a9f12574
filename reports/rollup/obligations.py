"""The obligations of the roll-up's units: the tracker's own record of who is late.

They cover every unit of the roll-up whatever its report, each in its deadline state at ``at``:
``compute_deadline_state`` fed from the obligation (its deliverable's due instant in the plan's
time zone and its completion), as ``Obligation.deadline_state`` does for one obligation.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from plans.models import Deliverable, Plan
from tasks.models import Obligation, compute_deadline_state

from .results import StateCounts


@dataclass
class ObligationFacts:
    """Per deliverable: the units' obligations by deadline state. ``owed``: the (task id, unit id)
    pairs where the unit owes something under the task. ``report_states``: each unit's annual-report
    obligation's state, by unit id (a unit that owes no report is absent)."""

    by_deliverable: dict[int, StateCounts] = field(default_factory=dict)
    owed: set[tuple[int, int]] = field(default_factory=set)
    report_states: dict[int, str] = field(default_factory=dict)

    def of_tasks(self, deliverables: list[Deliverable], task_ids: set[int]) -> StateCounts:
        """The obligations of the deliverables of these tasks, by deadline state."""
        out = StateCounts()
        for d in deliverables:
            if d.task_id in task_ids:
                out.add(self.by_deliverable[d.pk])
        return out

    def units_owing(self, task_ids: set[int]) -> int:
        return len({unit for task, unit in self.owed if task in task_ids})


def obligation_facts(
    *, plan: Plan, deliverables: list[Deliverable], report: Deliverable | None, unit_ids: list[int], at: datetime
) -> ObligationFacts:
    """The obligations of ``unit_ids`` under ``deliverables`` (the plan's), ``report`` being the
    plan's annual-report deliverable. One query, read as values (a thousand rows a year)."""
    out = ObligationFacts(by_deliverable={d.pk: StateCounts() for d in deliverables})
    task_of = {d.pk: d.task_id for d in deliverables}
    due = {d.pk: d.due_at(plan.tzinfo()) for d in deliverables}
    rows = (
        Obligation.objects.filter(deliverable__in=list(due), unit_id__in=unit_ids)
        .order_by()
        .values_list("deliverable_id", "unit_id", "completed_at")
    )
    report_id = report.pk if report is not None else None
    counts: Counter = Counter()  # (deliverable id, state): added to the StateCounts once, not row by row
    for deliverable_id, unit_id, completed_at in rows:
        state = compute_deadline_state(due_at=due[deliverable_id], completed_at=completed_at, at=at)
        counts[deliverable_id, state] += 1
        task_id = task_of[deliverable_id]
        if task_id is not None:
            out.owed.add((task_id, unit_id))
        if deliverable_id == report_id:
            out.report_states[unit_id] = state
    for (deliverable_id, state), n in counts.items():
        out.by_deliverable[deliverable_id].count(state, n)
    return out
