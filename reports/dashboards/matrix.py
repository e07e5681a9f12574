"""V03's view of the country: every unit the plan expects × every task of the plan, each cell the most
urgent deadline state of the unit's obligations under that task (``Obligation.deadline_state``, the
one rule), with the unit's report, its activities and participants (from the activity tallies), and
the counts, charts and map drawn from the same rows. A fixed number of queries whatever the number
of units (the tests count them)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.db.models import Sum
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from accounts.models import Unit
from accounts.text import vietnamese_sort_key
from plans.models import Plan, Task
from reports.annual.models import AnnualReport
from reports.dashboards.selectors import NOT_SENT, report_status_label, state_label
from tasks.activities.models import ActivityTally
from tasks.obligations.models import DeadlineState, Obligation, compute_deadline_state
from tasks.obligations.selectors import plan_units

# Most urgent first: the state a cell shows when a unit owes several things under one task.
URGENCY = {
    DeadlineState.OVERDUE: 0,
    DeadlineState.DUE_SOON: 1,
    DeadlineState.NOT_YET_DUE: 2,
    DeadlineState.DONE_LATE: 3,
    DeadlineState.DONE_ON_TIME: 4,
}
NO_STATE = 9

SYMBOLS = {
    DeadlineState.OVERDUE: "✗",
    DeadlineState.DUE_SOON: "!",
    DeadlineState.NOT_YET_DUE: "…",
    DeadlineState.DONE_LATE: "✓",
    DeadlineState.DONE_ON_TIME: "✓",
}

REPORT_ORDER = (NOT_SENT, *AnnualReport.Status.values)


@dataclass(frozen=True)
class Cell:
    """A unit × task cell: the state (None when the unit owes nothing under the task), its label and a
    mark that reads without colour (the legend says what each means). One per state and request."""

    state: str | None
    label: str = ""
    symbol: str = ""

    @property
    def css(self) -> str:
        return self.state or "none"

    @cached_property
    def html(self) -> SafeString:
        """The cell as the matrix's table shows it: made once per state and request, not per cell
        (125 units × 17 tasks through the template engine were most of the overview's time)."""
        return format_html(
            '<td><span class="cell state-{}" title="{}">{}<span class="visually-hidden">{}</span></span></td>',
            self.css,
            self.label,
            self.symbol,
            self.label,
        )


def state_cells() -> dict[str | None, Cell]:
    """The cells of every state, labelled in the active language (made once per matrix)."""
    return {None: Cell(None)} | {state: Cell(state, state_label(state), SYMBOLS[state]) for state in URGENCY}


@dataclass
class MatrixRow:
    unit: Unit
    report: AnnualReport | None
    report_state: str | None  # the deadline state of the report's obligation
    cells: list[Cell] = field(default_factory=list)
    activities: int = 0
    participants: int = 0
    unit_url: str = ""  # the unit's page
    report_url: str = ""  # its report's page, when it has one

    @property
    def report_status(self) -> str:
        return self.report.status if self.report else NOT_SENT

    @property
    def report_status_label(self) -> str:
        return report_status_label(self.report_status)

    @property
    def report_state_label(self) -> str:
        return state_label(self.report_state)

    @property
    def overdue(self) -> int:
        return sum(1 for c in self.cells if c.state == DeadlineState.OVERDUE)

    @property
    def cells_html(self) -> SafeString:
        return mark_safe("".join(cell.html for cell in self.cells))  # noqa: S308 - each escaped by Cell.html


@dataclass
class Matrix:
    tasks: list[Task]
    rows: list[MatrixRow]
    participants_by_area: dict[str, int]
    participants_by_group: list[tuple[str, str, int]]  # (group number, title, participants)

    def report_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, number of units) in workflow order, "not sent" first."""
        counts = Counter(r.report_status for r in self.rows)
        return [(s, report_status_label(s), counts[s]) for s in REPORT_ORDER]

    def timeliness(self) -> dict[str, int]:
        """Reports sent on time, sent late, not sent and late, not sent and not yet due."""
        states = Counter(r.report_state for r in self.rows)
        return {
            "on_time": states[DeadlineState.DONE_ON_TIME],
            "late": states[DeadlineState.DONE_LATE],
            "overdue": states[DeadlineState.OVERDUE],
            "pending": states[DeadlineState.DUE_SOON] + states[DeadlineState.NOT_YET_DUE],
        }


def plan_matrix(*, plan: Plan, at: datetime, area: str = "", kind: str = "", status: str = "") -> Matrix:
    """The matrix of ``plan`` at instant ``at``, narrowed to units of ``area`` and ``kind`` and to
    reports in ``status`` ("none": not sent). Five queries (the plan's deliverables prefetched)."""
    units = plan_units(plan=plan)
    if area:
        units = units.filter(area=area)
    if kind:
        units = units.filter(kind=kind)
    units = list(units.only("pk", "kind", "name", "short_name", "area", "province_code", "province_name", "valid_to"))
    tasks = list(Task.objects.filter(group__plan=plan).select_related("group").order_by("group__order", "order"))
    column = {task.pk: index for index, task in enumerate(tasks)}
    reports = {
        r.unit_id: r
        for r in AnnualReport.objects.filter(plan=plan).only("pk", "unit_id", "status", "first_submitted_at")
    }
    report_deliverable = plan.annual_report_deliverable()
    worst: dict[tuple[int, int], str] = {}
    report_states: dict[int, str] = {}
    # The deliverables are few and the obligations many (600 units × 25): each obligation's state is
    # the one rule (compute_deadline_state, as Obligation.deadline_state) on its deliverable's due
    # instant, read as plain values rather than as model instances.
    tz = plan.tzinfo()
    deliverables = {d.pk: (d.due_at(tz), d.task_id) for d in plan.deliverables.all()}
    obligations = Obligation.objects.filter(deliverable__plan=plan).values_list(
        "unit_id", "deliverable_id", "completed_at"
    )
    for unit_id, deliverable_id, completed_at in obligations:
        due_at, task_id = deliverables[deliverable_id]
        state = compute_deadline_state(due_at=due_at, completed_at=completed_at, at=at)
        if report_deliverable and deliverable_id == report_deliverable.pk:
            report_states[unit_id] = state
        if task_id in column:
            key = (unit_id, column[task_id])
            if key not in worst or URGENCY[state] < URGENCY[worst[key]]:
                worst[key] = state
    tallies = _tallies(plan)
    per_unit: dict[int, list[int]] = {}
    for unit_id, _task_id, activities, people in tallies:
        sums = per_unit.setdefault(unit_id, [0, 0])
        sums[0] += activities
        sums[1] += people
    rows, cells = [], state_cells()
    unit_url, report_url = pk_url("pages:unit"), pk_url("pages:report-detail")
    for unit in units:
        activities, people = per_unit.get(unit.pk, (0, 0))
        report = reports.get(unit.pk)
        rows.append(
            MatrixRow(
                unit=unit,
                report=report,
                report_state=report_states.get(unit.pk),
                cells=[cells[worst.get((unit.pk, index))] for index in range(len(tasks))],
                activities=activities,
                participants=people,
                unit_url=unit_url(unit.pk),
                report_url=report_url(report.pk) if report else "",
            )
        )
    if status:
        rows = [r for r in rows if r.report_status == status]
    shown = {r.unit.pk: r.unit for r in rows}
    return Matrix(
        tasks=tasks,
        rows=rows,
        participants_by_area=_by_area(tallies, shown),
        participants_by_group=_by_group(tallies, shown, tasks),
    )


def pk_url(name: str):
    """``reverse(name, args=[pk])`` for many pks at the cost of one reverse (a route whose only
    argument is an integer id): the matrix links every row to its unit and report."""
    marker = 987654321
    before, after = reverse(name, args=[marker]).split(str(marker))
    return lambda pk: f"{before}{int(pk)}{after}"


def _tallies(plan: Plan) -> list[tuple[int, int, int, int]]:
    """(unit id, task id, activities, participants) of every unit and task of the plan, from the
    activity tallies: one query for the rows' figures and both charts."""
    rows = (
        ActivityTally.objects.filter(task__group__plan=plan)
        .values_list("unit_id", "task_id")
        .annotate(n=Sum("activities"), people=Sum("participants"))
        .order_by()
    )
    return [(unit_id, task_id, n or 0, people or 0) for unit_id, task_id, n, people in rows]


def _by_area(tallies, units: dict[int, Unit]) -> dict[str, int]:
    """Participants per area (North, Central, South; "" for the ministry's departments)."""
    totals: Counter = Counter()
    for unit_id, _task_id, _n, people in tallies:
        if unit_id in units:
            totals[units[unit_id].area or ""] += people
    return dict(totals)


def _by_group(tallies, units: dict[int, Unit], tasks: list[Task]) -> list[tuple[str, str, int]]:
    """Participants per task group, in the plan's order (the groups where the units logged anything)."""
    group_of = {task.pk: task.group for task in tasks}
    totals: dict[int, int] = {}
    groups = {}
    for unit_id, task_id, _n, people in tallies:
        if unit_id in units:
            group = group_of[task_id]
            groups[group.pk] = group
            totals[group.pk] = totals.get(group.pk, 0) + people
    ordered = sorted(groups.values(), key=lambda g: g.order)
    return [(g.number, g.title, totals[g.pk]) for g in ordered]


def _unit_key(row: MatrixRow):
    return (row.unit.kind != Unit.Kind.DEPARTMENT, vietnamese_sort_key(row.unit.short_name or row.unit.name))


SORTS = {
    "unit": _unit_key,
    "area": lambda r: (r.unit.area or "~", _unit_key(r)),
    "report": lambda r: (REPORT_ORDER.index(r.report_status), _unit_key(r)),
    "deadline": lambda r: (URGENCY.get(r.report_state, NO_STATE), _unit_key(r)),
    "overdue": lambda r: (-r.overdue, _unit_key(r)),
    "activities": lambda r: (-r.activities, _unit_key(r)),
    "participants": lambda r: (-r.participants, _unit_key(r)),
}


def sort_rows(matrix: Matrix, sort: str) -> str:
    """Sort the matrix's rows by ``sort`` (a key of SORTS, or ``task-<code>``: most urgent first;
    ``-`` in front reverses); returns the sort applied ("unit" when ``sort`` is unknown)."""
    key = sort.removeprefix("-")
    if key.startswith("task-"):
        codes = [t.code for t in matrix.tasks]
        if key[5:] not in codes:
            return sort_rows(matrix, "unit")
        index = codes.index(key[5:])
        function = lambda r: (URGENCY.get(r.cells[index].state, NO_STATE), _unit_key(r))  # noqa: E731
    elif key in SORTS:
        function = SORTS[key]
    else:
        return sort_rows(matrix, "unit")
    matrix.rows.sort(key=function, reverse=sort.startswith("-"))
    return sort
