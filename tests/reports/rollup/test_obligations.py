"""The units' obligations by deliverable and task, in their deadline state (the one rule)."""

from datetime import datetime

from reports.rollup import RollupFilters, StateCounts, plan_rollup
from tasks.models import Obligation
from tests.registry import UNITS_2024

from ..data import TZ


def test_obligation_states_reuse_the_deadline_rule(plan, unit):
    ob = Obligation.objects.get(deliverable__plan=plan, deliverable__key="unit-plan", unit=unit)
    ob.status, ob.completed_at = "completed", datetime(2024, 2, 28, 23, 0, tzinfo=TZ)
    ob.save()
    late = Obligation.objects.get(deliverable__plan=plan, deliverable__key="unit-plan", unit__key="ca79")
    late.status, late.completed_at = "completed", datetime(2024, 2, 29, 0, 0, tzinfo=TZ)
    late.save()
    at = datetime(2024, 3, 1, tzinfo=TZ)
    r = plan_rollup(plan=plan, filters=RollupFilters(at=at))
    t11 = r.groups[0].tasks[0]
    assert t11.code == "1.1"
    # unit-plan (every unit): one on time, one late, the others overdue; ministry-plan (V03) overdue;
    # guidance (V03, whole year) not yet due.
    overdue = UNITS_2024 - 2 + 1
    assert t11.obligations == StateCounts(done_on_time=1, done_late=1, overdue=overdue, due_soon=0, not_yet_due=1)
    assert r.groups[0].obligations.done_late >= 1


def test_the_results_report_is_a_deliverable_outside_the_tasks(plan, unit):
    at = datetime(2024, 12, 20, tzinfo=TZ)
    r = plan_rollup(plan=plan, filters=RollupFilters(at=at, unit=unit))
    (report,) = [d for d in r.deliverables if d.code == "III.3" and d.title.startswith("Báo cáo kết quả")]
    assert report.obligations == StateCounts(overdue=1)
    assert report.deadline == "trước ngày 15/12/2024"
    assert sum(t.units_expected for t in r.tasks()) > 0
    assert Obligation.objects.filter(unit=unit, deliverable__plan=plan).count() == sum(
        sum(vars(d.obligations).values()) for d in r.deliverables
    )
