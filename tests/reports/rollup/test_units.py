"""The units of the roll-up, their reports, and each report's deadline state (from its obligation)."""

from datetime import datetime

from plans.models import Deliverable
from reports.rollup import RollupFilters, plan_rollup
from tasks.models import Obligation

from ..data import TZ, report


def rows(plan, **filters) -> dict:
    return {u.key: u for u in plan_rollup(plan=plan, filters=RollupFilters(**filters)).unit_reports}


def test_report_timeliness_is_judged_by_the_first_submission(plan, unit, other_unit):
    report(unit, plan, "accepted", first_submitted=datetime(2024, 12, 14, 23, 59, tzinfo=TZ))
    report(other_unit, plan, "returned", first_submitted=datetime(2024, 12, 15, 0, 0, tzinfo=TZ))
    got = rows(plan)
    assert got["ca01"].on_time is True
    assert got["ca79"].on_time is False
    assert got["ca48"].on_time is None and got["ca48"].report_deadline_state == "overdue"


def report_obligation(plan, unit):
    return Obligation.objects.filter(deliverable=plan.annual_report_deliverable(), unit=unit)


def test_a_reports_deadline_state_is_its_obligations(plan, unit):
    """The obligation is the record (the first submission completes it): the roll-up reads it, as
    the dashboards and the report's API do, and compares no timestamps of its own."""
    report(unit, plan, "submitted", first_submitted=datetime(2024, 12, 10, 9, 0, tzinfo=TZ))
    assert rows(plan)["ca01"].report_deadline_state == "done_on_time"
    report_obligation(plan, unit).update(completed_at=datetime(2024, 12, 16, 9, 0, tzinfo=TZ))
    row = rows(plan)["ca01"]
    assert (row.report_deadline_state, row.on_time) == ("done_late", False)
    assert row.report_deadline_label == "Hoàn thành quá hạn"
    assert plan.annual_report_deliverable().kind == Deliverable.Kind.ANNUAL_REPORT


def test_a_unit_that_owes_no_report_is_judged_by_its_first_submission(plan, unit, other_unit):
    """A unit that wrote a report it did not owe (e.g. dissolved before the report was due): the
    same rule as if it owed it, done at its first submission."""
    report(unit, plan, "submitted", first_submitted=datetime(2024, 12, 10, 9, 0, tzinfo=TZ))
    report_obligation(plan, unit).delete()
    report_obligation(plan, other_unit).delete()
    at = datetime(2024, 12, 20, tzinfo=TZ)
    got = rows(plan, at=at)
    assert got["ca01"].report_deadline_state == "done_on_time"
    assert got["ca79"].report_deadline_state == "overdue"  # still a unit of the plan: it owes other things
