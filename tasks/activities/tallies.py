"""Keeping the activity tallies (``tasks.models.tallies``) in step with the activities.

The tallies of a (unit, task) *cell* are recounted from its activities whenever one of them, or
one of their target groups, changes, in the same transaction as the change. Before recounting,
the units' rows are locked (``FOR NO KEY UPDATE``, which does not stop other transactions
inserting activities): two transactions writing activities of the same unit recount one after
the other, and the second, reading after the first has committed, counts both. Nothing is lost to
a race and nothing drifts.

The one exception is the creation of new activities (``services.activities_create_many``: the
form, the API, the spreadsheet import): their figures are added to the tallies (``add_new``),
summed from the rows being written rather than recounting the cells' earlier activities, under
the same lock. Adding is exact there: the rows are new, so no tally counts them yet; a recount
that ran before the lock was taken could not see them (not committed), and one that runs after
counts them and replaces the sums. A 10,000-row import into a unit of 20,000 activities spent
0.3-1.2 s of the database's time recounting (bench/RESULTS.md, issue 14 goal 1).

Who recounts:

- every single-object save or delete of an ``Activity`` or ``ActivityTargetGroup`` (the services,
  the admin, a shell) is caught by the signals below; an activity moved to another task recounts
  its old cell too;
- inside ``deferred()`` those cells are collected and recounted once when the block ends, so a
  service that writes an activity and its target groups recounts once;
- writes that send no signals (``bulk_create``, ``QuerySet.update``, SQL) must call ``touch()``
  themselves; ``manage.py tallies_rebuild`` recounts everything and ``--check`` reports drift.

Activities are tallied by the month they start in, and only when they start in their plan's
reporting window (the window the roll-up counts); moving a plan's window (``load_plan``) recounts
the plan's tasks.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from operator import add, attrgetter

from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from accounts.models import Unit
from config.sql import insert_many
from tasks.activities.models import Activity, ActivityTally, ActivityTargetGroup, TargetGroupTally

SUMS = ("sessions", "participants", "copies", "online_reach", "budget_vnd")
FIGURES = ("activities", *SUMS)
Cell = tuple[int, int]  # (unit_id, task_id)

_pending: ContextVar[set[Cell] | None] = ContextVar("tally_cells", default=None)


def _tallied(prefix: str = "") -> Q:
    """Activities in their plan's reporting window (``prefix``: the path to the activity)."""
    plan = f"{prefix}task__group__plan__"
    return Q(
        **{
            f"{prefix}start_date__gte": F(f"{plan}report_window_start"),
            f"{prefix}start_date__lte": F(f"{plan}report_window_end"),
        }
    )


def _scope(unit_ids, task_ids, prefix: str = "") -> Q:
    """These units and tasks (None: every one); ``prefix``: the path to the unit and task."""
    scope = Q()
    if unit_ids is not None:
        scope &= Q(**{f"{prefix}unit_id__in": unit_ids})
    if task_ids is not None:
        scope &= Q(**{f"{prefix}task_id__in": task_ids})
    return scope


class MonthStart(TruncMonth):
    """The first day of the date's month. On SQLite, in SQL (the date is stored as "YYYY-MM-DD")
    rather than Django's TruncMonth, a Python function called for every row: most of recounting
    a unit of 20,000 activities there."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"(substr({sql}, 1, 8) || '01')", params


def _counting(*, unit_ids=None, task_ids=None):
    """The queries that recount the tallies: (per form, per target group; its unit and task are
    named ``unit_ref`` and ``task_ref``)."""
    forms = (
        Activity.objects.filter(_scope(unit_ids, task_ids), _tallied())
        .order_by()
        .values("unit_id", "task_id", "form", month=MonthStart("start_date"))
        .annotate(activities=Count("id"), **{n: Sum(n) for n in SUMS})
    )
    groups = (
        ActivityTargetGroup.objects.filter(_scope(unit_ids, task_ids, "activity__"), _tallied("activity__"))
        .order_by()
        .values(
            "target_group",
            unit_ref=F("activity__unit_id"),
            task_ref=F("activity__task_id"),
            month=MonthStart("activity__start_date"),
        )
        .annotate(activities=Count("activity_id"), **{n: Sum(f"activity__{n}") for n in SUMS})
    )
    return forms, groups


_RENAMED = {"unit_ref": "unit_id", "task_ref": "task_id"}  # "unit_id" can't be an alias on that model's query


def counted(*, unit_ids=None, task_ids=None) -> tuple[list[dict], list[dict]]:
    """The tallies recounted from the activities: (per form rows, per target group rows)."""
    forms, groups = _counting(unit_ids=unit_ids, task_ids=task_ids)
    return list(forms), [{_RENAMED.get(k, k): v for k, v in r.items()} for r in groups]


def _insert_counted(model, query) -> None:
    """INSERT INTO ``model``'s table the rows of ``query`` (a values() query of ``_counting``), in
    the database: no row goes through Python."""
    sql, params = query.query.get_compiler(connection=connection).as_sql()
    names = [_RENAMED.get(n, n) for n in (*query.query.values_select, *query.query.annotation_select)]
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(n).column) for n in names)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) {sql}", params)


def stored(*, unit_ids=None, task_ids=None) -> tuple[list[dict], list[dict]]:
    """The tallies as stored, in the shape of ``counted``."""
    scope = _scope(unit_ids, task_ids)
    return (
        list(ActivityTally.objects.filter(scope).values("unit_id", "task_id", "month", "form", *FIGURES)),
        list(TargetGroupTally.objects.filter(scope).values("unit_id", "task_id", "month", "target_group", *FIGURES)),
    )


def _lock_units(unit_ids: list[int] | None) -> None:
    """Wait for, then hold until the transaction ends, the right to write these units' tallies
    (every unit's when None)."""
    units = Unit.objects.all() if unit_ids is None else Unit.objects.filter(pk__in=unit_ids)
    list(units.select_for_update(no_key=True).order_by("pk").values_list("pk", flat=True))


def _summed(rows) -> dict[tuple, list[int]]:
    """``rows`` of (key, figures) summed per key (figures: (1, *SUMS) of one activity)."""
    out: dict[tuple, list[int]] = {}
    for key, figures in rows:
        total = out.get(key)
        out[key] = list(figures) if total is None else list(map(add, total, figures))
    return out


def _upsert_added(model, key: str, summed: dict[tuple, list[int]]) -> None:
    """Add ``summed`` ((unit_id, task_id, month, ``key``) → figures) to ``model``'s rows, making the
    rows missing: one statement."""
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    added = ", ".join(f"{q(n)} = {table}.{q(n)} + excluded.{q(n)}" for n in FIGURES)
    insert_many(
        model,
        ["unit_id", "task_id", "month", key, *FIGURES],
        [[*cell, *figures] for cell, figures in summed.items()],
        on_conflict=f"({q('unit_id')}, {q('task_id')}, {q('month')}, {q(key)}) DO UPDATE SET {added}",
    )


def add_new(activities: list[Activity], groups: list[list[str]], *, windows: dict[int, tuple]) -> None:
    """Add to the tallies the figures of ``activities``, created in this transaction and counted
    nowhere yet (``groups``: each one's target groups), without reading any other activity.
    ``windows``: each task's (id →) plan's reporting window, (start, end)."""
    tallied, figures_of = [], attrgetter(*SUMS)
    for activity, wanted in zip(activities, groups, strict=True):
        start, end = windows.get(activity.task_id, (None, None))
        if start is not None and end is not None and start <= activity.start_date <= end:
            cell = (activity.unit_id, activity.task_id, activity.start_date.replace(day=1))
            tallied.append((cell, activity.form, wanted, (1, *figures_of(activity))))
    if not tallied:
        return
    with transaction.atomic():
        _lock_units(sorted({cell[0] for cell, *_rest in tallied}))
        _upsert_added(ActivityTally, "form", _summed(((*cell, form), f) for cell, form, _g, f in tallied))
        _upsert_added(
            TargetGroupTally,
            "target_group",
            _summed(((*cell, g), f) for cell, _form, wanted, f in tallied for g in sorted(set(wanted))),
        )


def tallies_refresh(*, unit_ids: Iterable[int] | None = None, task_ids: Iterable[int] | None = None) -> None:
    """Recount the tallies of the given units and tasks (every one when None) from the activities."""
    unit_ids = sorted(set(unit_ids)) if unit_ids is not None else None
    task_ids = sorted(set(task_ids)) if task_ids is not None else None
    if unit_ids == [] or task_ids == []:
        return
    with transaction.atomic():
        _lock_units(unit_ids)
        scope = _scope(unit_ids, task_ids)
        ActivityTally.objects.filter(scope).delete()
        TargetGroupTally.objects.filter(scope).delete()
        forms, groups = _counting(unit_ids=unit_ids, task_ids=task_ids)
        _insert_counted(ActivityTally, forms)
        _insert_counted(TargetGroupTally, groups)


def _refresh_cells(cells: set[Cell]) -> None:
    # One recount per unit, over the tasks touched in it (a cross product is exact, just wider).
    by_unit: dict[int, set[int]] = {}
    for unit_id, task_id in cells:
        by_unit.setdefault(unit_id, set()).add(task_id)
    tasks = {frozenset(t) for t in by_unit.values()}
    if len(tasks) == 1:
        tallies_refresh(unit_ids=by_unit, task_ids=next(iter(tasks)))
    else:
        for unit_id, task_ids in sorted(by_unit.items()):
            tallies_refresh(unit_ids=[unit_id], task_ids=task_ids)


def touch(cells: Iterable[Cell]) -> None:
    """The activities of these (unit, task) cells changed: recount them now, or at the end of the
    enclosing ``deferred()`` block."""
    cells = {(u, t) for u, t in cells if u is not None and t is not None}
    if not cells:
        return
    pending = _pending.get()
    if pending is not None:
        pending.update(cells)
    else:
        _refresh_cells(cells)


@contextmanager
def deferred():
    """Collect the cells touched inside the block and recount each once at its end (nested
    blocks join the outermost). Use inside the writing transaction."""
    if _pending.get() is not None:
        yield
        return
    cells: set[Cell] = set()
    token = _pending.set(cells)
    try:
        yield
    finally:
        _pending.reset(token)
    if cells:
        _refresh_cells(cells)


# --- Signals: single-object writes ------------------------------------------------------------


@receiver(pre_save, sender=Activity, dispatch_uid="tally_activity_pre_save")
def _activity_pre_save(sender, instance: Activity, raw=False, **kwargs):
    if not instance._state.adding and None in getattr(instance, "loaded_cell", (None, None)):
        # Not read through the ORM with both fields: ask the database where it was.
        instance.loaded_cell = Activity.objects.filter(pk=instance.pk).values_list("unit_id", "task_id").first() or (
            None,
            None,
        )


@receiver(post_save, sender=Activity, dispatch_uid="tally_activity_post_save")
def _activity_post_save(sender, instance: Activity, raw=False, **kwargs):
    now = (instance.unit_id, instance.task_id)
    touch({now, getattr(instance, "loaded_cell", now)})
    instance.loaded_cell = now


@receiver(post_delete, sender=Activity, dispatch_uid="tally_activity_post_delete")
def _activity_post_delete(sender, instance: Activity, **kwargs):
    touch({(instance.unit_id, instance.task_id)})


@receiver(post_save, sender=ActivityTargetGroup, dispatch_uid="tally_target_group_post_save")
@receiver(post_delete, sender=ActivityTargetGroup, dispatch_uid="tally_target_group_post_delete")
def _target_group_changed(sender, instance: ActivityTargetGroup, **kwargs):
    if ActivityTargetGroup.activity.is_cached(instance):
        touch({(instance.activity.unit_id, instance.activity.task_id)})
    else:  # gone already when its activity is being deleted: that delete recounts
        touch(Activity.objects.filter(pk=instance.activity_id).values_list("unit_id", "task_id"))


def drift(*, unit_ids=None, task_ids=None) -> set[Cell]:
    """The (unit, task) cells whose stored tallies differ from a recount (empty when all is well)."""

    def by_cell(rows: list[dict], key: str) -> dict[Cell, set]:
        out: dict[Cell, set] = {}
        for r in rows:
            out.setdefault((r["unit_id"], r["task_id"]), set()).add((r["month"], r[key], *(r[n] for n in FIGURES)))
        return out

    want_forms, want_groups = counted(unit_ids=unit_ids, task_ids=task_ids)
    have_forms, have_groups = stored(unit_ids=unit_ids, task_ids=task_ids)
    cells = set()
    for want, have in (
        (by_cell(want_forms, "form"), by_cell(have_forms, "form")),
        (by_cell(want_groups, "target_group"), by_cell(have_groups, "target_group")),
    ):
        cells |= {c for c in want.keys() | have.keys() if want.get(c) != have.get(c)}
    return cells
