"""The roll-up of a plan: what the units did and where they stand, computed in the database.

What the roll-up counts
-----------------------
- **Units of the roll-up**: every unit that owes something under the plan (one obligation at
  least) or has an annual report for it, narrowed by area, unit kind and unit. A unit's own users
  only ever get their own unit.
- **Counted units**: a unit's figures count only when its annual report for the plan is
  *accepted*. With ``include_submitted`` the units whose report is *submitted* (not yet accepted)
  count too and are marked so. Draft, returned and missing reports never count.
- **Counted activities**: activities of counted units, for a task of the plan, whose *start date*
  lies in the plan's reporting window (Decree 09/2019: ``report_window_start`` to
  ``report_window_end``), narrowed by ``date_from`` / ``date_to`` when given. Training courses the
  same way; pilot models of the plan count whatever their date, when their status counts toward the
  target (not proposed, not stopped) — as the figures frozen into the units' reports.
- **Obligations** (deadline states) cover every unit of the roll-up whatever its report: they are
  the tracker's own record of who is late, evaluated at ``at`` with ``compute_deadline_state``.
- The breakdown by target group counts an activity once under each of its target groups, so it
  does not add up to the total; the breakdowns by area and by form do.
- Difficulties and proposals come from the counted reports.

The work is done by a fixed number of queries (about a dozen) whatever the number of units,
activities and reports. The activities' figures are read from the monthly tallies kept with them
(``tasks.activities.tallies``: per unit, task, month and form, and per unit, task, month and target group)
for every month the date window takes whole — the plan's own window is whole months — and from
the activities themselves for the days of a month it takes only in part; both grouped three ways,
by (unit, task), by form and by target group. Every total, breakdown and distinct-unit count is
derived from those groups. Everything returned is JSON-ready (dates are ``date`` objects).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import Area, Unit
from plans.models import Deliverable, Plan, Task
from reports.annual.models import AnnualReport, ReportTaskEntry
from tasks.models import (
    Activity,
    ActivityTally,
    ActivityTargetGroup,
    DeadlineState,
    DisseminationForm,
    Obligation,
    PilotModel,
    TargetGroup,
    TargetGroupTally,
    TrainingCourse,
    compute_deadline_state,
)

SUMS = ("sessions", "participants", "copies", "online_reach", "budget_vnd")
FIGURES = ("activities", *SUMS)
STATES = [s.value for s in DeadlineState]
# Pilot models that count toward the "at least one model" target (PilotModel.counts_toward_target).
PILOT_NOT_COUNTING = PilotModel.NOT_COUNTING


class ReportStatus:
    """A unit's report as the roll-up sees it (a draft has not been submitted)."""

    ACCEPTED = "accepted"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    NOT_SUBMITTED = "not_submitted"
    ALL = (ACCEPTED, SUBMITTED, RETURNED, NOT_SUBMITTED)

    @staticmethod
    def label(value: str) -> str:
        return {
            "accepted": _("Accepted"),
            "submitted": _("Submitted, not yet accepted"),
            "returned": _("Returned"),
            "not_submitted": _("Not submitted"),
        }[value]


@dataclass
class RollupFilters:
    """What to roll up. ``unit`` narrows to one unit (always set for a unit's own users)."""

    area: str | None = None
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    include_submitted: bool = False
    unit: Unit | None = None
    # Count every unit whatever its report (a unit printing its own report before acceptance).
    count_all: bool = False
    at: datetime | None = None

    def as_json(self) -> dict:
        return {
            "area": self.area or None,
            "kind": self.kind or None,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "include_submitted": self.include_submitted,
            "unit": self.unit.pk if self.unit else None,
        }


def zero() -> dict:
    return dict.fromkeys(FIGURES, 0)


def add(into: dict, row: dict) -> dict:
    for name in FIGURES:
        into[name] += row[name] or 0
    return into


def area_label(area: str) -> str:
    return str(Area(area).label) if area else _("Ministry departments")


def report_status_of(status: str | None) -> str:
    if status in (AnnualReport.Status.ACCEPTED, AnnualReport.Status.SUBMITTED, AnnualReport.Status.RETURNED):
        return status
    return ReportStatus.NOT_SUBMITTED


def rollup_units(*, plan: Plan, filters: RollupFilters):
    """The units of the roll-up (see the module's docstring), in registry order."""
    owing = Obligation.objects.filter(deliverable__plan=plan).values("unit_id")
    reporting = AnnualReport.objects.filter(plan=plan).values("unit_id")
    qs = Unit.objects.filter(Q(pk__in=owing) | Q(pk__in=reporting))
    if filters.area:
        qs = qs.filter(area=filters.area)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.unit is not None:
        qs = qs.filter(pk=filters.unit.pk)
    return qs.order_by("kind", "province_code", "name", "pk")


def effective_window(plan: Plan, filters: RollupFilters) -> tuple[date, date]:
    start = max(plan.report_window_start, filters.date_from or plan.report_window_start)
    end = min(plan.report_window_end, filters.date_to or plan.report_window_end)
    return start, end


def annual_report_due(plan: Plan, deliverables: list[Deliverable]) -> datetime:
    """When the units' results reports are due (the plan's annual-report deliverable)."""
    tz = plan.tzinfo()
    for d in deliverables:
        if d.kind == Deliverable.Kind.ANNUAL_REPORT:
            return d.due_at(tz)
    day = plan.report_window_end.toordinal() + 1
    return datetime.combine(date.fromordinal(day), time(0, 0), tzinfo=tz)


Window = tuple[date, date]


# The activities' figures come in three groupings: by (unit, task), by form, by target group.
KEYS = {"unit_task": ("unit_id", "task_id"), "form": ("form",), "target_group": ("target_group",)}


def activity_groups(*, unit_ids, task_ids, windows: list[Window]) -> dict[str, list[dict]]:
    """The activities of these units and tasks that start in one of ``windows``, grouped by
    (unit, task), by form and by target group (``KEYS``)."""

    def scope(prefix: str = "") -> Q:
        days = Q()
        for start, end in windows:
            days |= Q(**{f"{prefix}start_date__gte": start, f"{prefix}start_date__lte": end})
        return Q(days, **{f"{prefix}unit_id__in": unit_ids, f"{prefix}task_id__in": task_ids})

    activities = Activity.objects.filter(scope()).order_by()
    sums = {n: Sum(n) for n in SUMS}
    return {
        "unit_task": list(activities.values(*KEYS["unit_task"]).annotate(activities=Count("id"), **sums)),
        "form": list(activities.values(*KEYS["form"]).annotate(activities=Count("id"), **sums)),
        "target_group": list(
            ActivityTargetGroup.objects.filter(scope("activity__"))
            .order_by()
            .values(*KEYS["target_group"])
            .annotate(activities=Count("activity_id"), **{n: Sum(f"activity__{n}") for n in SUMS})
        ),
    }


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
    *, plan: Plan, unit_ids, task_ids, window: Window, read_activities: bool = False
) -> dict[str, list[dict]]:
    """What ``activity_groups`` gives for ``window``: the whole months from the tallies kept with
    the activities (``tasks.activities.tallies``), the days either side from the activities themselves (all
    of it with ``read_activities``, to check one against the other)."""
    if read_activities:
        return activity_groups(unit_ids=unit_ids, task_ids=task_ids, windows=[window])
    months, edges = window_split(plan, window)
    figures = {key: [] for key in KEYS}
    if months:
        tallied = {"unit_id__in": unit_ids, "task_id__in": task_ids, "month__range": months}
        sums = {n: Sum(n) for n in FIGURES}
        forms = ActivityTally.objects.filter(**tallied).order_by()
        figures["unit_task"] = list(forms.values(*KEYS["unit_task"]).annotate(**sums))
        figures["form"] = list(forms.values(*KEYS["form"]).annotate(**sums))
        figures["target_group"] = list(
            TargetGroupTally.objects.filter(**tallied).order_by().values(*KEYS["target_group"]).annotate(**sums)
        )
    if edges:
        more = activity_groups(unit_ids=unit_ids, task_ids=task_ids, windows=edges)
        figures = {key: _merged(figures[key] + more[key], keys) for key, keys in KEYS.items()}
    return figures


def _merged(rows: list[dict], keys: tuple[str, ...]) -> list[dict]:
    out: dict[tuple, dict] = {}
    for row in rows:
        key = tuple(row[k] for k in keys)
        if key not in out:
            out[key] = {**dict(zip(keys, key, strict=True)), **zero()}
        add(out[key], row)
    return list(out.values())


def plan_rollup(*, plan: Plan, filters: RollupFilters | None = None, read_activities: bool = False) -> dict[str, Any]:
    """The roll-up of ``plan`` (see the module's docstring for what counts). The activities'
    figures come from the monthly tallies and, for the days of a part month, from the activities;
    ``read_activities`` reads them all from the activities (to check one against the other)."""
    filters = filters or RollupFilters()
    at = filters.at or timezone.now()
    tz = plan.tzinfo()
    window_start, window_end = effective_window(plan, filters)

    # 1. The plan's tasks (with their groups) and deliverables: bounded by the plan, not the data.
    tasks = list(Task.objects.filter(group__plan=plan).select_related("group").order_by("group__order", "order"))
    task_ids = [t.pk for t in tasks]
    deliverables = list(Deliverable.objects.filter(plan=plan).select_related("task").order_by("order", "pk"))
    report_due = annual_report_due(plan, deliverables)

    # 2. The units and their reports.
    units = list(rollup_units(plan=plan, filters=filters))
    unit_ids = [u.pk for u in units]
    reports = {
        r["unit_id"]: r
        for r in AnnualReport.objects.filter(plan=plan, unit_id__in=unit_ids).values(
            "id", "unit_id", "status", "first_submitted_at", "submitted_at", "reviewed_at", "difficulties", "proposals"
        )
    }
    counting_statuses = {AnnualReport.Status.ACCEPTED}
    if filters.include_submitted:
        counting_statuses.add(AnnualReport.Status.SUBMITTED)
    counted = [
        u.pk for u in units if filters.count_all or (u.pk in reports and reports[u.pk]["status"] in counting_statuses)
    ]
    counted_set = set(counted)

    # 3. Obligations: per deliverable and local completion day (bounded by the plan's calendar).
    by_deliverable: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATES, 0))
    due = {d.pk: d.due_at(tz) for d in deliverables}
    obligation_rows = (
        Obligation.objects.filter(deliverable__plan=plan, unit_id__in=unit_ids)
        .annotate(day=TruncDate("completed_at", tzinfo=tz))
        .order_by()
        .values("deliverable_id", "day")
        .annotate(n=Count("id"))
    )
    for row in obligation_rows:
        # completed_at < due_at (00:00 of the due date) exactly when the local completion day is
        # before the due date, so 00:00 of that day stands for every completion on it.
        completed_at = datetime.combine(row["day"], time(0, 0), tzinfo=tz) if row["day"] else None
        state = compute_deadline_state(due_at=due[row["deliverable_id"]], completed_at=completed_at, at=at)
        by_deliverable[row["deliverable_id"]][state] += row["n"]
    owed_pairs = set(
        Obligation.objects.filter(deliverable__plan=plan, unit_id__in=unit_ids, deliverable__task__isnull=False)
        .order_by()
        .values_list("deliverable__task_id", "unit_id")
        .distinct()
    )

    # 4. Counted activities: (unit, task, form) groups and the target-group breakdown.
    figures = activity_figures(
        plan=plan,
        unit_ids=counted,
        task_ids=task_ids,
        window=(window_start, window_end),
        read_activities=read_activities,
    )

    # 5. Pilot models, training courses, difficulties and proposals of the counted units.
    pilot_rows = list(
        PilotModel.objects.filter(plan=plan, unit_id__in=counted)
        .order_by("unit__kind", "unit__province_code", "unit__name", "start_date", "pk")
        .values("id", "unit_id", "name", "place", "target_group", "start_date", "status", "evaluation", "replicated_to")
    )
    training_rows = list(
        TrainingCourse.objects.filter(
            task_id__in=task_ids, unit_id__in=counted, start_date__gte=window_start, start_date__lte=window_end
        )
        .order_by()
        .values("task_id", "region")
        .annotate(courses=Count("id"), participants=Sum("participants"))
    )
    entry_rows = list(
        ReportTaskEntry.objects.filter(report__plan=plan, report__unit_id__in=counted)
        .exclude(difficulties="", proposals="")
        .order_by()
        .values("task_id", "report__unit_id", "difficulties", "proposals")
    )

    # --- Everything below works on grouped rows, bounded by units × tasks. ---
    unit_by_id = {u.pk: u for u in units}
    per_task = defaultdict(zero)
    per_unit = defaultdict(zero)
    per_area = defaultdict(zero)
    total = zero()
    reporting_pairs = set()
    for row in figures["unit_task"]:
        add(per_task[row["task_id"]], row)
        add(per_unit[row["unit_id"]], row)
        add(total, row)
        if row["activities"]:
            reporting_pairs.add((row["task_id"], row["unit_id"]))
    for unit_id, row in per_unit.items():
        add(per_area[unit_by_id[unit_id].area], row)

    def units_of(pairs, task_set):
        return {u for t, u in pairs if t in task_set}

    def obligations_of(task_set) -> dict[str, int]:
        states = dict.fromkeys(STATES, 0)
        for d in deliverables:
            if d.task_id in task_set:
                for s, n in by_deliverable[d.pk].items():
                    states[s] += n
        return states

    group_list = []
    for task in tasks:
        if not group_list or group_list[-1]["id"] != task.group_id:
            group_list.append(
                {
                    "id": task.group_id,
                    "number": task.group.number,
                    "title": task.group.title,
                    "task_ids": [],
                    "tasks": [],
                }
            )
        group = group_list[-1]
        group["task_ids"].append(task.pk)
        group["tasks"].append(
            {
                "id": task.pk,
                "code": task.code,
                "title": task.title,
                "units_expected": len(units_of(owed_pairs, {task.pk})),
                "units_reporting": len(units_of(reporting_pairs, {task.pk})),
                "figures": per_task[task.pk],
                "obligations": obligations_of({task.pk}),
            }
        )
    for group in group_list:
        ids = set(group.pop("task_ids"))
        group["units_expected"] = len(units_of(owed_pairs, ids))
        group["units_reporting"] = len(units_of(reporting_pairs, ids))
        group["figures"] = _sum_figures(per_task[t] for t in ids)
        group["obligations"] = obligations_of(ids)

    # Per unit: report status, timeliness, figures.
    unit_rows = []
    status_counts = dict.fromkeys(ReportStatus.ALL, 0)
    timeliness_counts = dict.fromkeys(STATES, 0)
    for u in units:
        report = reports.get(u.pk)
        status = report_status_of(report["status"] if report else None)
        first = report["first_submitted_at"] if report else None
        timeliness = compute_deadline_state(due_at=report_due, completed_at=first, at=at)
        status_counts[status] += 1
        timeliness_counts[timeliness] += 1
        unit_rows.append(
            {
                "id": u.pk,
                "key": u.key,
                "name": u.name,
                "kind": u.kind,
                "area": u.area,
                "area_label": area_label(u.area),
                "report_id": report["id"] if report else None,
                "report_status": status,
                "report_status_label": ReportStatus.label(status),
                "counted": u.pk in counted_set,
                "accepted": status == ReportStatus.ACCEPTED,
                "first_submitted_at": first,
                "on_time": timeliness == DeadlineState.DONE_ON_TIME if first else None,
                "report_deadline_state": timeliness,
                "report_deadline_label": str(DeadlineState(timeliness).label),
                "figures": per_unit[u.pk] if u.pk in counted_set else None,
                "pilot_models": 0,
            }
        )

    # Task 4.1: units that reached the "at least N models" target.
    pilot_task = next((t for t in tasks if t.target_kind == Task.Target.PILOT_MODELS), None)
    target = (pilot_task.target_count or 1) if pilot_task else 1
    counting_models = defaultdict(int)
    for m in pilot_rows:
        if m["status"] not in PILOT_NOT_COUNTING:
            counting_models[m["unit_id"]] += 1
    for row in unit_rows:
        row["pilot_models"] = counting_models.get(row["id"], 0) if row["counted"] else None
    pilot = {
        "task": pilot_task.code if pilot_task else None,
        "target_per_unit": target,
        "units_expected": len(units_of(owed_pairs, {pilot_task.pk})) if pilot_task else 0,
        "units_counted": len(counted),
        "units_reached": sum(1 for n in counting_models.values() if n >= target),
        "models_counting": sum(counting_models.values()),
        "models": [
            {
                **m,
                "unit": unit_by_id[m["unit_id"]].name,
                "status_label": str(PilotModel.Status(m["status"]).label),
                "target_group_label": str(TargetGroup(m["target_group"]).label) if m["target_group"] else "",
                "counts_toward_target": m["status"] not in PILOT_NOT_COUNTING,
            }
            for m in pilot_rows
        ],
    }

    # Training courses by task and region (8.2a: by region Bắc / Trung / Nam).
    task_code = {t.pk: t.code for t in tasks}
    training = []
    for task in tasks:
        rows = {r["region"]: r for r in training_rows if r["task_id"] == task.pk}
        if not rows and task.target_kind not in ("training_by_region", Task.Target.TRAINING):
            continue
        regions = [a.value for a in Area] + ([""] if "" in rows else [])
        training.append(
            {
                "task": task.code,
                "title": task.title,
                "by_region": [
                    {
                        "region": r,
                        "label": str(Area(r).label) if r else pgettext("region", "Not stated"),
                        "courses": rows[r]["courses"] if r in rows else 0,
                        "participants": (rows[r]["participants"] or 0) if r in rows else 0,
                    }
                    for r in regions
                ],
                "by_region_target": task.target_kind == "training_by_region" or any(rows),
                "courses": sum(r["courses"] for r in rows.values()),
                "participants": sum(r["participants"] or 0 for r in rows.values()),
            }
        )

    # Difficulties and proposals, grouped by task (None: the report as a whole).
    unit_order = {uid: i for i, uid in enumerate(unit_ids)}
    task_order = {t.pk: i for i, t in enumerate(tasks)}
    texts = {"difficulties": defaultdict(list), "proposals": defaultdict(list)}
    for row in sorted(entry_rows, key=lambda r: (task_order.get(r["task_id"], 0), unit_order[r["report__unit_id"]])):
        for kind in texts:
            if row[kind].strip():
                texts[kind][row["task_id"]].append(
                    {"unit": unit_by_id[row["report__unit_id"]].name, "text": row[kind].strip()}
                )
    for uid in counted:
        report = reports.get(uid)
        for kind in texts:
            if report and report[kind].strip():
                texts[kind][None].append({"unit": unit_by_id[uid].name, "text": report[kind].strip()})

    def grouped(kind):
        out = []
        for key in [None, *[t.pk for t in tasks]]:
            if texts[kind].get(key):
                out.append(
                    {
                        "task": task_code.get(key),
                        "title": next((t.title for t in tasks if t.pk == key), _("General")),
                        "items": texts[kind][key],
                    }
                )
        return out

    areas_present = [a.value for a in Area] + ([""] if any(not u.area for u in units) else [])
    return {
        "plan": {"id": plan.pk, "number": plan.number, "year": plan.year, "title": plan.title},
        "filters": filters.as_json(),
        "window": {"start": window_start, "end": window_end},
        "at": at,
        "units": {
            "total": len(units),
            "counted": len(counted),
            "reporting": len({u for _t, u in reporting_pairs}),
            "report_status": [
                {"status": s, "label": ReportStatus.label(s), "units": status_counts[s]} for s in ReportStatus.ALL
            ],
            "report_timeliness": [
                {"state": s, "label": str(DeadlineState(s).label), "units": timeliness_counts[s]} for s in STATES
            ],
            "report_due": report_due,
        },
        "totals": {"units_expected": len(units), "units_reporting": len({u for _t, u in reporting_pairs}), **total},
        "groups": group_list,
        "deliverables": [
            {
                "id": d.pk,
                "code": d.code,
                "title": d.title,
                "deadline": d.deadline_label(),
                "due_date": d.due_date,
                "obligations": dict(by_deliverable[d.pk]) if d.pk in by_deliverable else dict.fromkeys(STATES, 0),
            }
            for d in deliverables
        ],
        "by_area": [
            {"area": a, "label": area_label(a), "units": sum(1 for u in units if u.area == a), **per_area[a]}
            for a in areas_present
        ],
        "by_target_group": _breakdown(figures["target_group"], "target_group", TargetGroup),
        "by_form": _breakdown(figures["form"], "form", DisseminationForm),
        "pilot_models": pilot,
        "training": training,
        "unit_reports": unit_rows,
        "difficulties": grouped("difficulties"),
        "proposals": grouped("proposals"),
    }


def _sum_figures(rows) -> dict:
    out = zero()
    for row in rows:
        add(out, row)
    return out


def _breakdown(rows: list[dict], key: str, choices) -> list[dict]:
    """One entry per choice, in the choices' order, zeros included."""
    found = {r[key]: r for r in rows}
    return [
        {
            key: c.value,
            "label": str(c.label),
            **{n: (found[c.value][n] or 0) if c.value in found else 0 for n in FIGURES},
        }
        for c in choices
    ]
