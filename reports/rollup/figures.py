"""The counted activities' figures, grouped in the database three ways: by (unit, task), by form
and by target group.

Whole months are read from the monthly tallies kept with the activities (``tasks.activities.tallies``:
per unit, task, month and form, and per unit, task, month and target group); the days of a month the
date window takes only in part are read from the activities themselves. The plan's own window
(15/12 to 14/12) is whole months.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, Sum

from plans.models import Plan
from tasks.activities.tallies import FIGURES, SUMS
from tasks.models import Activity, ActivityTally, ActivityTargetGroup, TargetGroupTally

from .results import DateWindow, Figures

Window = tuple[date, date]

# The three groupings, each a field of ActivityFigures, and the columns they group by.
GROUPINGS = {"by_unit_task": ("unit_id", "task_id"), "by_form": ("form",), "by_target_group": ("target_group",)}


@dataclass
class ActivityFigures:
    """The figures by (unit id, task id), by form and by target group. The breakdown by target
    group counts an activity once under each of its groups, so it does not add up to the total."""

    by_unit_task: dict[tuple[int, int], Figures] = field(default_factory=dict)
    by_form: dict[str, Figures] = field(default_factory=dict)
    by_target_group: dict[str, Figures] = field(default_factory=dict)

    def add_rows(self, grouping: str, rows) -> None:
        """Add grouped rows (dicts with the grouping's columns and the figures) to ``grouping``."""
        columns = GROUPINGS[grouping]
        into = getattr(self, grouping)
        for row in rows:
            key = tuple(row[c] for c in columns) if len(columns) > 1 else row[columns[0]]
            into.setdefault(key, Figures()).add(row)


def activity_groups(*, unit_ids, task_ids, windows: list[Window]) -> ActivityFigures:
    """The activities of these units and tasks that start in one of ``windows``, grouped three
    ways (``GROUPINGS``). Three queries."""

    def scope(prefix: str = "") -> Q:
        days = Q()
        for start, end in windows:
            days |= Q(**{f"{prefix}start_date__gte": start, f"{prefix}start_date__lte": end})
        return Q(days, **{f"{prefix}unit_id__in": unit_ids, f"{prefix}task_id__in": task_ids})

    activities = Activity.objects.filter(scope()).order_by()
    sums = {n: Sum(n) for n in SUMS}
    out = ActivityFigures()
    for grouping in ("by_unit_task", "by_form"):
        out.add_rows(grouping, activities.values(*GROUPINGS[grouping]).annotate(activities=Count("id"), **sums))
    out.add_rows(
        "by_target_group",
        ActivityTargetGroup.objects.filter(scope("activity__"))
        .order_by()
        .values(*GROUPINGS["by_target_group"])
        .annotate(activities=Count("activity_id"), **{n: Sum(f"activity__{n}") for n in SUMS}),
    )
    return out


def tallied_groups(*, unit_ids, task_ids, months: Window) -> ActivityFigures:
    """What ``activity_groups`` gives for the months ``months`` (first, last), from the tallies."""
    tallied = {"unit_id__in": unit_ids, "task_id__in": task_ids, "month__range": months}
    sums = {n: Sum(n) for n in FIGURES}
    forms = ActivityTally.objects.filter(**tallied).order_by()
    out = ActivityFigures()
    for grouping in ("by_unit_task", "by_form"):
        out.add_rows(grouping, forms.values(*GROUPINGS[grouping]).annotate(**sums))
    out.add_rows(
        "by_target_group",
        TargetGroupTally.objects.filter(**tallied).order_by().values(*GROUPINGS["by_target_group"]).annotate(**sums),
    )
    return out


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def window_split(plan: Plan, window: Window) -> tuple[Window | None, list[Window]]:
    """Split ``window`` (inside the plan's reporting window) into the months whose tallies it takes
    whole — (first month, last month), or None — and the days either side, to read from the
    activities. A month's tallies hold its days inside the plan's window, so the plan's own window
    (15/12 to 14/12) is whole months."""
    start, end = window
    months = []  # (month, its first tallied day, its last tallied day)
    month = start.replace(day=1)
    while month <= end:
        first = max(month, plan.report_window_start)
        last = min(next_month(month) - timedelta(days=1), plan.report_window_end)
        if start <= first and last <= end:
            months.append((month, first, last))
        month = next_month(month)
    if not months:
        return None, [window]
    edges = []
    if start < months[0][1]:
        edges.append((start, months[0][1] - timedelta(days=1)))
    if months[-1][2] < end:
        edges.append((months[-1][2] + timedelta(days=1), end))
    return (months[0][0], months[-1][0]), edges


def activity_figures(
    *, plan: Plan, unit_ids, task_ids, window: DateWindow, read_activities: bool = False
) -> ActivityFigures:
    """The figures of the activities that start in ``window``: the whole months from the tallies,
    the days either side from the activities themselves (all of it with ``read_activities``, to
    check one against the other)."""
    days = (window.start, window.end)
    if read_activities:
        return activity_groups(unit_ids=unit_ids, task_ids=task_ids, windows=[days])
    months, edges = window_split(plan, days)
    out = ActivityFigures()
    parts = []
    if months:
        parts.append(tallied_groups(unit_ids=unit_ids, task_ids=task_ids, months=months))
    if edges:
        parts.append(activity_groups(unit_ids=unit_ids, task_ids=task_ids, windows=edges))
    for part in parts:
        for grouping in GROUPINGS:
            into = getattr(out, grouping)
            for key, figures in getattr(part, grouping).items():
                into.setdefault(key, Figures()).add(figures)
    return out
