"""The activities' figures: whole months from the tallies, the days of part months from the activities."""

from datetime import date

from plans.models import Task
from reports.rollup import RollupFilters, plan_rollup
from reports.rollup.figures import window_split

from ..data import activity, report


def test_a_date_window_is_split_into_whole_tallied_months_and_days_read_from_activities(plan):
    assert (plan.report_window_start, plan.report_window_end) == (date(2023, 12, 15), date(2024, 12, 14))
    whole = (date(2023, 12, 1), date(2024, 12, 1))
    assert window_split(plan, (plan.report_window_start, plan.report_window_end)) == (whole, [])
    assert window_split(plan, (date(2024, 3, 1), date(2024, 9, 30))) == ((date(2024, 3, 1), date(2024, 9, 1)), [])
    assert window_split(plan, (date(2024, 3, 10), date(2024, 9, 20))) == (
        (date(2024, 4, 1), date(2024, 8, 1)),
        [(date(2024, 3, 10), date(2024, 3, 31)), (date(2024, 9, 1), date(2024, 9, 20))],
    )
    assert window_split(plan, (date(2023, 12, 20), date(2024, 12, 14))) == (
        (date(2024, 1, 1), date(2024, 12, 1)),
        [(date(2023, 12, 20), date(2023, 12, 31))],
    )
    inside = (date(2024, 6, 5), date(2024, 6, 20))
    assert window_split(plan, inside) == (None, [inside])
    assert window_split(plan, (date(2024, 2, 1), date(2024, 2, 29))) == ((date(2024, 2, 1), date(2024, 2, 1)), [])


def test_part_months_of_a_date_window_count_their_days(plan, unit):
    report(unit, plan, "accepted")
    t31 = Task.objects.get(group__plan=plan, code="3.1")
    for day, people in [
        (date(2024, 3, 9), 1),
        (date(2024, 3, 10), 10),
        (date(2024, 4, 30), 100),
        (date(2024, 9, 20), 1000),
    ]:
        activity(unit, t31, day=day, participants=people, groups=["public"])
    activity(unit, t31, day=date(2024, 9, 21), participants=10_000)
    window = RollupFilters(date_from=date(2024, 3, 10), date_to=date(2024, 9, 20))
    got = plan_rollup(plan=plan, filters=window)
    assert got.totals.participants == 1_110
    assert {r.target_group: r.participants for r in got.by_target_group}["public"] == 1_110
    inside = plan_rollup(plan=plan, filters=RollupFilters(date_from=date(2024, 3, 10), date_to=date(2024, 3, 31)))
    assert inside.totals.participants == 10


def test_reading_every_activity_agrees_with_the_tallies(plan, unit):
    report(unit, plan, "accepted")
    t31 = Task.objects.get(group__plan=plan, code="3.1")
    for day in (date(2023, 12, 15), date(2024, 2, 29), date(2024, 6, 5), date(2024, 12, 14)):
        activity(unit, t31, day=day, participants=7, groups=["public", "children"])
    for filters in (RollupFilters(), RollupFilters(date_from=date(2024, 2, 10), date_to=date(2024, 6, 20))):
        assert plan_rollup(plan=plan, filters=filters).totals.participants > 0
        same = RollupFilters(**{**vars(filters), "at": plan_rollup(plan=plan).at})
        assert plan_rollup(plan=plan, filters=same) == plan_rollup(plan=plan, filters=same, read_activities=True)
