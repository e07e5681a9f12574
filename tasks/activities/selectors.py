"""Reads of activities and their evidence files."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from django.db.models import Q, QuerySet

from accounts.models import Unit
from accounts.text import nfc
from config.lists import narrowed
from config.revisions import Conflict
from plans.models import Deliverable, Plan
from tasks.activities.models import Activity
from tasks.locks.services import figures_unlocked_check
from tasks.obligations.models import Obligation

FIGURE_FIELDS = ("sessions", "participants", "copies", "online_reach", "budget_vnd")


def activities_in_window(*, unit: Unit, plan: Plan) -> QuerySet:
    """The unit's activities for the plan's tasks within the plan's reporting window."""
    return Activity.objects.filter(
        unit=unit,
        task__group__plan=plan,
        start_date__gte=plan.report_window_start,
        start_date__lte=plan.report_window_end,
    )


def activities_filtered(qs: QuerySet, *, filters: dict) -> QuerySet:
    """``qs`` narrowed by a list's filters (every key optional): ``q`` searched in the title, the
    description and the place; ``task``, ``date_from``, ``date_to`` (start date), ``form``,
    ``target_group``, ``unit`` and ``area``."""
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(
            Q(title__icontains=q) | Q(description__icontains=q) | Q(commune__icontains=q) | Q(district__icontains=q)
        )
    return narrowed(
        qs,
        filters,
        {
            "task": "task",
            "date_from": "start_date__gte",
            "date_to": "start_date__lte",
            "form": "form",
            "target_group": "target_group_rows__target_group",
            "unit": "unit",
            "area": "unit__area",
        },
    )


def duplicate_keys(*, unit_id: int, rows: list[dict], keys: set[tuple] | None = None) -> set[tuple]:
    """Which of ``rows`` (activity values) the unit already has: the same task, start date, title
    and place (commune and district), compared in NFC and without regard to case or spacing
    (``duplicate_key``; ``keys``: those of ``rows``, when the caller has them already). One query."""
    keys = {duplicate_key(unit_id, values) for values in rows} if keys is None else keys
    if not keys:
        return set()
    existing = Activity.objects.filter(
        unit_id=unit_id,
        task_id__in={k[1] for k in keys},
        start_date__in={k[2] for k in keys},
    ).values("unit_id", "task_id", "start_date", "title", "commune", "district")
    found = {duplicate_key(row["unit_id"], {**row, "task": row["task_id"]}) for row in existing}
    return keys & found


def duplicate_key(unit_id: int, values: dict) -> tuple:
    """(unit, task, date, title, commune, district) as a duplicate is recognised."""
    task = values.get("task")
    task_id = getattr(task, "pk", task)
    return (
        unit_id,
        task_id,
        values.get("start_date"),
        _compared(values.get("title")),
        _place_compared(values.get("commune")),
        _place_compared(values.get("district")),
    )


def _compared(text) -> str:
    return " ".join(nfc(text or "").casefold().split())


# A unit's communes and districts repeat row after row (an import compares 20,000 rows' of them).
_place_compared = lru_cache(maxsize=4096)(_compared)


@dataclass
class WindowNotes:
    """What a unit must know before changing an activity of ``plan`` dated ``day``: the lock of an
    accepted report (the change will be refused), or that a report was already sent (its frozen
    versions keep their figures; the change counts only when the report is sent again)."""

    locked: str = ""  # the lock's message (tasks.locks), or empty
    sent_at: datetime | None = None  # when the unit first sent its results report, if it did

    def __bool__(self) -> bool:
        return bool(self.locked or self.sent_at)


def window_notes(*, unit_id: int, plan: Plan, day: date | None = None) -> WindowNotes:
    """The notes for an activity of the unit under ``plan`` on ``day`` (any day of the reporting
    window when None). Two queries."""
    if day is not None and not (plan.report_window_start <= day <= plan.report_window_end):
        return WindowNotes()
    try:
        figures_unlocked_check(unit_id=unit_id, plan_id=plan.pk, day=day)
    except Conflict as exc:
        return WindowNotes(locked=str(exc))
    sent = Obligation.objects.filter(
        unit_id=unit_id, deliverable__plan=plan, deliverable__kind=Deliverable.Kind.ANNUAL_REPORT
    ).values_list("completed_at", flat=True)
    return WindowNotes(sent_at=next((at for at in sent if at), None))
