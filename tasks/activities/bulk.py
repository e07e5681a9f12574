"""Writing many new activities at once, set-based, inside the caller's transaction: the activities
(PostgreSQL: ids reserved from the sequence, then one COPY; SQLite: one ``executemany`` under the
write lock), their history rows (django-simple-history's table: one INSERT … SELECT from the new
ids, one '+' row per activity with who, when and why) and their target groups (COPY, or
``executemany``). The ORM's ``bulk_create`` prepares every field of every row through the SQL
compiler, which was most of a 10,000-row import's time (bench/RESULTS.md, issue 14 goal 1).

Nothing here checks anything: the rows come from ``services.activities_create_many``, which has
checked each one as ``activity_build`` does. No signals are sent: the caller adds the new rows to
the tallies (``tallies.add_new``).
"""

import json
from functools import cache

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from plans.models import Task
from tasks.activities.models import Activity, ActivityTargetGroup


@cache
def _layout() -> tuple[tuple[str, models.Field], ...]:
    return tuple((f.attname, f) for f in Activity._meta.concrete_fields)


def activity_new(*, unit, by, values: dict, fields) -> Activity:
    """``Activity(unit=unit, created_by=by, **values)`` for the keys of ``values`` among ``fields``,
    not saved, through Model.__init__'s positional path (the keyword path costs twice as much per
    row of a 10,000-row import); the unit, the user and the task are cached on it as the keyword
    path caches them."""
    task = values.get("task")
    if not isinstance(task, Task):
        return Activity(unit=unit, created_by=by, **{k: v for k, v in values.items() if k in fields})
    given = {k: v for k, v in values.items() if k in fields and k != "task"}
    given.update(unit_id=unit.pk, created_by_id=by.pk, task_id=task.pk)
    activity = Activity(*[given[attname] if attname in given else f.get_default() for attname, f in _layout()])
    for name, related in (("unit", unit), ("created_by", by), ("task", task)):
        Activity._meta.get_field(name).set_cached_value(activity, related)
    return activity


def _columns(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _once_per_value(convert):
    """``convert`` remembered per value: created_at and updated_at are the same for every row."""
    seen = {}

    def converted(value):
        if value not in seen:
            seen[value] = convert(value)
        return seen[value]

    return converted


def _converters(fields: list[models.Field]) -> list:
    """For each field, how to turn its Python value into what the database driver takes (the
    work ``get_db_prep_save`` does, once per column rather than through the compiler per cell)."""
    ops, sqlite = connection.ops, connection.vendor == "sqlite"
    out = []
    for field in fields:
        if isinstance(field, models.JSONField):
            out.append(lambda v, encoder=field.encoder: json.dumps(v, cls=encoder))
        elif isinstance(field, models.DateTimeField):
            out.append(_once_per_value(ops.adapt_datetimefield_value))
        elif isinstance(field, models.DateField) and sqlite:
            out.append(ops.adapt_datefield_value)
        else:
            out.append(None)
    return out


def _rows(objs: list[Activity], fields: list[models.Field]) -> list[list]:
    pairs = [(f.attname, convert) for f, convert in zip(fields, _converters(fields), strict=True)]
    return [
        [
            value if convert is None or value is None else convert(value)
            for attname, convert in pairs
            for value in (getattr(obj, attname),)
        ]
        for obj in objs
    ]


def _quoted(names) -> str:
    return ", ".join(connection.ops.quote_name(n) for n in names)


def _insert_activities(objs: list[Activity]) -> list[int]:
    """Insert ``objs`` (unsaved) and return their new ids in order."""
    fields = _columns(Activity)
    rows = _rows(objs, fields)
    table = connection.ops.quote_name(Activity._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            pk = Activity._meta.pk.column
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [Activity._meta.db_table, pk, len(rows)],
            )
            ids = [r[0] for r in cursor.fetchall()]
            names = [pk, *(f.column for f in fields)]
            with cursor.cursor.copy(f"COPY {table} ({_quoted(names)}) FROM STDIN") as copy:
                for id_, row in zip(ids, rows, strict=True):
                    copy.write_row([id_, *row])
            return ids
        if connection.vendor != "sqlite":
            raise NotImplementedError(connection.vendor)
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({_quoted(f.column for f in fields)}) VALUES ({marks})"  # noqa: S608
        cursor.executemany(sql, rows)
        # The transaction holds SQLite's write lock from its first write: nobody else inserted, and
        # the rowids were given one after the other.
        cursor.execute("SELECT last_insert_rowid()")
        last = cursor.fetchone()[0]
        first = last - len(rows) + 1
        cursor.execute(f"SELECT count(*) FROM {table} WHERE id BETWEEN %s AND %s", [first, last])  # noqa: S608
        if cursor.fetchone()[0] != len(rows):
            raise RuntimeError("the new activities' ids are not consecutive")
        return list(range(first, last + 1))


def _insert_history(ids: list[int], *, by, reason: str | None, at) -> None:
    """One '+' history row per new activity, copied from the rows just written (simple_history's
    table: the tracked fields, then when, why, the type and who)."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = Activity.history.model
    tracked = [f.column for f in history.tracked_fields]
    table = connection.ops.quote_name(history._meta.db_table)
    user_column = history._meta.get_field("history_user").column
    names = [*tracked, "history_date", "history_change_reason", "history_type", user_column]
    source = connection.ops.quote_name(Activity._meta.db_table)
    if connection.vendor == "postgresql":
        where, id_param = "id = ANY(%s)", ids
    else:
        where, id_param = "id IN (SELECT value FROM json_each(%s))", json.dumps(ids)
    date = history._meta.get_field("history_date").get_db_prep_save(at, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({_quoted(names)}) "  # noqa: S608 - names from the models
            f"SELECT {_quoted(tracked)}, %s, %s, '+', %s FROM {source} WHERE {where} ORDER BY id",
            [date, reason, getattr(by, "pk", None), id_param],
        )


def _insert_target_groups(pairs: list[tuple[int, str]]) -> None:
    if not pairs:
        return
    table = connection.ops.quote_name(ActivityTargetGroup._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} (activity_id, target_group) FROM STDIN") as copy:
                for pair in pairs:
                    copy.write_row(pair)
        else:
            cursor.executemany(f"INSERT INTO {table} (activity_id, target_group) VALUES (%s, %s)", pairs)  # noqa: S608


def activities_insert(activities: list[Activity], groups: list[list[str]], *, by, reason: str | None) -> None:
    """Write ``activities`` (checked, unsaved), their history and their target groups (``groups``,
    one list per activity), set-based, in the caller's transaction; each activity gets its pk and
    its timestamps as a save would give them."""
    if not activities:
        return
    now = timezone.now()
    for activity in activities:
        activity.created_at = activity.updated_at = now
    ids = _insert_activities(activities)
    for activity, pk in zip(activities, ids, strict=True):
        activity.pk = pk
        activity._state.adding, activity._state.db = False, connection.alias
        activity.loaded_cell = (activity.unit_id, activity.task_id)
    _insert_history(ids, by=by, reason=reason, at=now)
    _insert_target_groups([(pk, g) for pk, wanted in zip(ids, groups, strict=True) for g in sorted(set(wanted))])
