"""The home page of a unit that took over others (a province formed on 01/07/2025) on a plan of
their time: each unit it now acts for, with what is still open, to open as that unit's dashboard."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from accounts.models import Unit
from plans.models import Plan
from reports.annual.models import AnnualReport
from tasks.obligations.models import DeadlineState, Obligation


@dataclass
class TakenOverRow:
    unit: Unit
    open: int
    overdue: int
    report: AnnualReport | None


def taken_over_rows(*, plan: Plan, units: list[Unit], at: datetime) -> list[TakenOverRow]:
    """Per unit: its open obligations under ``plan``, how many are overdue at ``at`` (the one rule,
    ``Obligation.deadline_state``) and its report. Three queries."""
    ids = [u.pk for u in units]
    open_ones = Obligation.objects.filter(deliverable__plan=plan, unit_id__in=ids, completed_at__isnull=True)
    states = [(o.unit_id, o.deadline_state(at)) for o in open_ones.select_related("deliverable__plan")]
    overdue = Counter(unit_id for unit_id, state in states if state == DeadlineState.OVERDUE)
    counts = Counter(unit_id for unit_id, _state in states)
    reports = {r.unit_id: r for r in AnnualReport.objects.filter(plan=plan, unit_id__in=ids)}
    return [TakenOverRow(u, counts[u.pk], overdue[u.pk], reports.get(u.pk)) for u in units]
