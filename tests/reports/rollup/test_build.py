"""The roll-up: equal to a plain-Python recount on random data; a fixed number of queries."""

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Unit
from plans.models import Task
from reports.annual.models import AnnualReport
from reports.rollup import FIGURES, RollupFilters, plan_rollup
from tasks.models import Activity, ActivityTargetGroup, DisseminationForm, Obligation, PilotModel, TargetGroup
from tests.registry import UNITS_2024

from ..data import TZ, activity, fill, report

UNIT_KEYS = ["v03", "van-phong-bo", "ca01", "ca02", "ca48", "ca46", "ca79", "ca92"]
STATUSES = [None, "draft", "submitted", "returned", "accepted"]

# Days from 2023-12-01 on the edges of the windows below: of the reporting window (14-15/12/2023,
# 14-15/12/2024), of a date filter, and of the months they cut.
EDGE_DAYS = [
    (d - date(2023, 12, 1)).days
    for d in [
        date(2023, 12, 14),
        date(2023, 12, 15),
        date(2023, 12, 19),
        date(2023, 12, 20),
        date(2023, 12, 31),
        date(2024, 3, 9),
        date(2024, 3, 10),
        date(2024, 3, 31),
        date(2024, 4, 1),
        date(2024, 6, 4),
        date(2024, 6, 5),
        date(2024, 6, 20),
        date(2024, 6, 21),
        date(2024, 8, 31),
        date(2024, 9, 1),
        date(2024, 9, 20),
        date(2024, 9, 21),
        date(2024, 12, 10),
        date(2024, 12, 11),
        date(2024, 12, 14),
        date(2024, 12, 15),
    ]
]
activities_st = st.lists(
    st.tuples(
        st.integers(0, len(UNIT_KEYS) - 1),  # unit
        st.integers(0, 16),  # task index
        # days from 2023-12-01: some outside the window, often on an edge
        st.one_of(st.integers(-40, 420), st.sampled_from(EDGE_DAYS)),
        st.sampled_from(DisseminationForm.values),
        st.sets(st.sampled_from(TargetGroup.values), max_size=3),
        st.tuples(*[st.integers(0, 1000)] * 4, st.integers(0, 10**9)),
    ),
    max_size=25,
)
filters_st = st.fixed_dictionaries(
    {
        "area": st.sampled_from([None, "bac", "trung", "nam"]),
        "kind": st.sampled_from([None, "department", "province"]),
        "include_submitted": st.booleans(),
        # whole months (read from the tallies), part months (their days read from the activities),
        # and a window inside one month
        "date_from": st.sampled_from([None, date(2024, 3, 1), date(2024, 3, 10), date(2023, 12, 20), date(2024, 6, 5)]),
        "date_to": st.sampled_from([None, date(2024, 9, 30), date(2024, 9, 20), date(2024, 6, 20), date(2024, 12, 10)]),
    }
)


def figures(row) -> dict:
    return {k: getattr(row, k) for k in FIGURES}


def recount(plan, filters: dict) -> dict:
    """The same figures, the slow obvious way: every row read into Python."""
    owing = set(Obligation.objects.filter(deliverable__plan=plan).values_list("unit_id", flat=True))
    reports = {r.unit_id: r for r in AnnualReport.objects.filter(plan=plan)}
    units = {
        u.pk: u
        for u in Unit.objects.all()
        if (u.pk in owing or u.pk in reports)
        and (not filters["area"] or u.area == filters["area"])
        and (not filters["kind"] or u.kind == filters["kind"])
    }
    statuses = {"accepted", "submitted"} if filters["include_submitted"] else {"accepted"}
    counted = {uid for uid in units if uid in reports and reports[uid].status in statuses}
    start = max(plan.report_window_start, filters["date_from"] or plan.report_window_start)
    end = min(plan.report_window_end, filters["date_to"] or plan.report_window_end)
    tasks = {t.pk: t for t in Task.objects.filter(group__plan=plan)}
    totals = dict.fromkeys(FIGURES, 0)
    per_task = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    per_area = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    per_form = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    per_group = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    reporting = defaultdict(set)
    kept = []
    for a in Activity.objects.all():
        if a.unit_id not in counted or a.task_id not in tasks or not (start <= a.start_date <= end):
            continue
        kept.append(a.pk)
        values = {"activities": 1, **{n: getattr(a, n) for n in FIGURES[1:]}}
        for bucket in (totals, per_task[a.task_id], per_area[units[a.unit_id].area], per_form[a.form]):
            for n in FIGURES:
                bucket[n] += values[n]
        reporting[a.task_id].add(a.unit_id)
    per_tg = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    for row in ActivityTargetGroup.objects.filter(activity_id__in=kept).select_related("activity"):
        for n in FIGURES:
            per_tg[row.target_group][n] += 1 if n == "activities" else getattr(row.activity, n)
    for tid, fig in per_task.items():
        for n in FIGURES:
            per_group[tasks[tid].group_id][n] += fig[n]
    models = defaultdict(int)
    for m in PilotModel.objects.filter(plan=plan, unit_id__in=counted):
        if m.counts_toward_target:
            models[m.unit_id] += 1
    status = {}
    for uid in units:
        r = reports.get(uid)
        status[uid] = r.status if r and r.status != "draft" else "not_submitted"
    return {
        "units": units,
        "counted": counted,
        "totals": totals,
        "per_task": per_task,
        "per_group": per_group,
        "per_area": per_area,
        "per_form": per_form,
        "per_tg": per_tg,
        "reporting": reporting,
        "models_reached": sum(1 for n in models.values() if n >= 1),
        "status": status,
    }


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    # accepted more often than the rest, so that most examples have units that count
    statuses=st.lists(
        st.sampled_from([*STATUSES, "accepted", "accepted"]), min_size=len(UNIT_KEYS), max_size=len(UNIT_KEYS)
    ),
    rows=activities_st,
    models=st.lists(
        st.tuples(st.integers(0, len(UNIT_KEYS) - 1), st.sampled_from(PilotModel.Status.values)), max_size=6
    ),
    filters=filters_st,
)
def test_rollup_equals_a_plain_python_recount(plan, statuses, rows, models, filters):
    units = [Unit.objects.get(key=k) for k in UNIT_KEYS]
    tasks = list(Task.objects.filter(group__plan=plan).order_by("group__order", "order"))
    with transaction.atomic():
        for unit, status in zip(units, statuses, strict=True):
            if status:
                report(unit, plan, status)
        for u, t, days, form, groups, (s, p, c, o, b) in rows:
            activity(
                units[u],
                tasks[t],
                day=date(2023, 12, 1) + timedelta(days=days),
                form=form,
                groups=groups,
                sessions=s,
                participants=p,
                copies=c,
                online_reach=o,
                budget_vnd=b,
            )
        for u, status in models:
            PilotModel.objects.create(
                unit=units[u],
                plan=plan,
                name="Mô hình",
                target_group="public",
                start_date=date(2024, 2, 1),
                status=status,
            )

        at = datetime(2024, 12, 20, 8, 0, tzinfo=TZ)
        got = plan_rollup(plan=plan, filters=RollupFilters(**filters, at=at))
        want = recount(plan, filters)
        # The figures come from the monthly tallies (and part months' activities): reading every
        # activity instead agrees.
        assert plan_rollup(plan=plan, filters=RollupFilters(**filters, at=at), read_activities=True) == got

        assert got.units.total == len(want["units"])
        assert got.units.counted == len(want["counted"])
        assert figures(got.totals) == want["totals"]
        for group in got.groups:
            assert figures(group.figures) == want["per_group"].get(group.id, dict.fromkeys(FIGURES, 0))
            for task in group.tasks:
                assert figures(task.figures) == want["per_task"][task.id]
                assert task.units_reporting == len(want["reporting"][task.id])
        for row in got.by_area:
            assert figures(row) == want["per_area"][row.area]
        for row in got.by_form:
            assert figures(row) == want["per_form"][row.form]
        for row in got.by_target_group:
            assert figures(row) == want["per_tg"][row.target_group]
        assert got.pilot_models.units_reached == want["models_reached"]
        assert {u.id: u.report_status for u in got.unit_reports} == want["status"]
        assert {u.id for u in got.unit_reports if u.counted} == want["counted"]
        transaction.set_rollback(True)


def test_empty_plan_rolls_up_to_zeros(plan):
    r = plan_rollup(plan=plan)
    assert r.units.total == UNITS_2024  # every department and the 63 provinces owe something in 2024
    assert r.units.counted == 0
    assert r.totals.activities == 0
    assert [g.number for g in r.groups] == [str(n) for n in range(1, 11)]
    assert {row.status: row.units for row in r.units.report_status}["not_submitted"] == UNITS_2024


def test_only_accepted_reports_count_unless_submitted_are_included(plan, unit, other_unit):
    task = Task.objects.get(group__plan=plan, code="3.1")
    report(unit, plan, "accepted")
    report(other_unit, plan, "submitted")
    activity(unit, task, day=date(2024, 5, 1), participants=100)
    activity(other_unit, task, day=date(2024, 5, 1), participants=7)
    activity(unit, task, day=date(2024, 12, 14), participants=1)  # last day of the window: counts
    activity(unit, task, day=date(2024, 12, 15), participants=1000)  # after the window
    activity(unit, task, day=date(2023, 12, 14), participants=1000)  # before it

    assert plan_rollup(plan=plan).totals.participants == 101
    both = plan_rollup(plan=plan, filters=RollupFilters(include_submitted=True))
    assert both.totals.participants == 108
    marked = {u.key: u for u in both.unit_reports}
    assert marked["ca79"].report_status == "submitted" and not marked["ca79"].accepted
    assert marked["ca79"].counted and marked["ca01"].accepted
    north = plan_rollup(plan=plan, filters=RollupFilters(include_submitted=True, area="bac"))
    assert north.totals.participants == 101
    assert plan_rollup(plan=plan, filters=RollupFilters(date_from=date(2024, 6, 1))).totals.participants == 1


def test_pilot_models_and_training_by_region(plan, unit, other_unit):
    report(unit, plan, "accepted")
    report(other_unit, plan, "accepted")
    fill_models = [("running", unit), ("proposed", other_unit), ("evaluated", other_unit)]
    for status, u in fill_models:
        PilotModel.objects.create(
            unit=u, plan=plan, name="Mô hình", target_group="public", start_date=date(2024, 2, 1), status=status
        )
    from tasks.models import TrainingCourse

    t82a = Task.objects.get(group__plan=plan, code="8.2a")
    TrainingCourse.objects.create(
        unit=unit, task=t82a, title="Lớp", region="bac", start_date=date(2024, 5, 1), participants=120
    )
    TrainingCourse.objects.create(
        unit=other_unit, task=t82a, title="Lớp", region="nam", start_date=date(2024, 5, 1), participants=80
    )
    r = plan_rollup(plan=plan)
    assert r.pilot_models.units_reached == 2
    assert r.pilot_models.models_counting == 2
    assert len(r.pilot_models.models) == 3
    by_region = {row.region: row for row in next(t for t in r.training if t.task == "8.2a").by_region}
    assert by_region["bac"].participants == 120 and by_region["nam"].courses == 1
    assert by_region["trung"].courses == 0


def count_queries(plan) -> int:
    with CaptureQueriesContext(connection) as ctx:
        plan_rollup(plan=plan, filters=RollupFilters(include_submitted=True))
    return len(ctx)


def test_query_count_does_not_depend_on_units_or_activities(plan):
    small = [Unit.objects.get(key="ca01")]
    with transaction.atomic():
        fill(plan, units=small, per_unit=1)
        few = count_queries(plan)
        transaction.set_rollback(True)
    many_units = list(Unit.objects.filter(kind="province").valid_on(date(2024, 6, 1))[:30])
    fill(plan, units=many_units, per_unit=20)
    assert Activity.objects.count() == 600
    assert count_queries(plan) == few
    assert few <= 14
