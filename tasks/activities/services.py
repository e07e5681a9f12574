"""Writes of activities and their evidence files: the rules, whatever the door (API, pages, import, admin)."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Unit, User
from accounts.permissions import unit_member_required
from config.bounds import day_errors, record_bounded
from config.collector import collector_paused
from config.revisions import Conflict, apply_changes, lock_current
from config.uploads import check_upload
from plans.models import Deliverable, Task
from tasks.activities import bulk, tallies
from tasks.activities.models import Activity, ActivityTargetGroup, Evidence, Topic
from tasks.activities.selectors import duplicate_key, duplicate_keys
from tasks.locks.services import figures_unlocked_check, locked_plans
from tasks.obligations.services import obligations_touch, unit_in_plan_check

ACTIVITY_FIELDS = Activity.EDITABLE_FIELDS
TOPICS = frozenset(Topic.values)  # Topic.values builds a new list at each call: once per row of an import


def activity_check(*, values: dict, plan=None) -> None:
    """Rules for an activity beyond each field's own, all checked at once: the dates in order and
    within the plan (``config.bounds.day_errors``: not outside the plan's year and margin, not in the
    future, since an activity is recorded once done), the topics known. Raise one ValidationError
    naming every field, with Vietnamese messages."""
    errors: dict[str, list[str]] = {}
    start, end = values.get("start_date"), values.get("end_date")
    task = values.get("task")
    plan = plan or (task.group.plan if task is not None else None)
    if plan is not None:
        for name, done in (("start_date", True), ("end_date", False)):
            if found := day_errors(values.get(name), plan=plan, done=done):
                errors[name] = found
    if start and end and end < start and "end_date" not in errors:
        errors["end_date"] = [_("The end date is before the start date.")]
    unknown = [t for t in values.get("topics") or [] if t not in TOPICS]
    if unknown:
        errors["topics"] = [_("Unknown content topic: %(value)s") % {"value": ", ".join(unknown)}]
    if errors:
        raise ValidationError(errors)


def _set_target_groups(activity: Activity, groups) -> None:
    if groups is None:
        return
    wanted = set(groups)
    current = set(activity.target_group_rows.values_list("target_group", flat=True))
    if wanted != current:
        activity.target_group_rows.filter(target_group__in=current - wanted).delete()
        ActivityTargetGroup.objects.bulk_create(
            [ActivityTargetGroup(activity=activity, target_group=g) for g in sorted(wanted - current)]
        )


def activity_build(*, unit, by: User, values: dict, locks=None) -> Activity:
    """A new activity of ``unit`` from ``values``, checked (dates, topics, text in NFC within its
    length, numbers within their limits, figures not locked by an accepted report) but not saved:
    raise ValidationError naming the fields, or Conflict when the figures are locked."""
    activity_check(values=values)
    activity = bulk.activity_new(unit=unit, by=by, values=values, fields=ACTIVITY_FIELDS)
    record_bounded(activity)
    counted_unlocked_check(activity, locks=locks)
    return activity


def counted_unlocked_check(activity: Activity, *, locks=None) -> None:
    """Conflict when the activity is counted in a plan whose report V03 accepted (tasks.locks)."""
    figures_unlocked_check(
        unit_id=activity.unit_id, plan_id=activity.task.group.plan_id, day=activity.start_date, locks=locks
    )


class RowsInvalid(Exception):
    """Some rows of a batch are out of bounds: ``errors`` is a list of (row index, ValidationError)."""

    def __init__(self, errors: list[tuple[int, ValidationError]]):
        super().__init__(errors)
        self.errors = errors


@transaction.atomic
def activities_create_many(
    *,
    by: User,
    rows: list[tuple[dict, list[str]]],
    reason: str | None = None,
    batch_size: int = 500,
    unit: Unit | None = None,
) -> list[Activity]:
    """Create the activities of ``rows`` ((values, target groups) each) in the user's own unit, all
    or nothing: the one way activities are created, by the form, the API and the spreadsheet import.
    Every row is checked as ``activity_build`` checks it; RowsInvalid lists the rows that fail (each
    with its ValidationError or Conflict). ``unit``: a unit the user's unit took over (a late activity
    of Hà Giang's 2024, logged by Tuyên Quang), default their own."""
    unit = unit_member_required(by, unit)
    task_ids = {values["task"].pk for values, _groups in rows if values.get("task") is not None}
    plans = {  # task → (plan, its reporting window): for the plan rule here and the tallies below
        pk: rest
        for pk, *rest in Task.objects.filter(pk__in=task_ids)
        .order_by()
        .values_list("pk", "group__plan_id", "group__plan__report_window_start", "group__plan__report_window_end")
    }
    unit_in_plan_check(unit=unit, plan_ids={plan_id for plan_id, _start, _end in plans.values()})
    activities, errors, locks = [], [], locked_plans(unit_id=unit.pk)
    with collector_paused():  # 10,000 rows of an import, until they are written: config/collector.py
        for index, (values, _groups) in enumerate(rows):
            try:
                activities.append(activity_build(unit=unit, by=by, values=values, locks=locks))
            except (ValidationError, Conflict) as exc:
                errors.append((index, exc))
        if errors:
            raise RowsInvalid(errors)
        # Set-based (tasks/activities/bulk.py): the activities, one '+' history row each (who, when,
        # ``reason``) and their target groups, in this transaction; ``batch_size`` is no longer needed.
        groups = [groups for _values, groups in rows]
        bulk.activities_insert(activities, groups, by=by, reason=reason)
        # The bulk write sends no signals: the new rows' figures are added to the tallies.
        tallies.add_new(activities, groups, windows={pk: (start, end) for pk, (_plan, start, end) in plans.items()})
    kinds = (Deliverable.Kind.ACTIVITY, Deliverable.Kind.GUIDANCE)
    obligations_touch(unit_id=unit.pk, task_ids={activity.task_id for activity in activities}, kinds=kinds, by=by)
    return activities


def duplicate_rows(*, unit_id: int, rows: list[dict]) -> list[int]:
    """The indexes of ``rows`` (activity values) that the unit already has, or that repeat an earlier
    row: the same task, date, title and place (``selectors.duplicate_key``). The one duplicate rule,
    for the import's page and its API."""
    with collector_paused():
        keys = [duplicate_key(unit_id, values) for values in rows]
        existing = duplicate_keys(unit_id=unit_id, rows=rows, keys=set(keys))
    seen, duplicates = set(), []
    for index, key in enumerate(keys):
        if key in existing or key in seen:
            duplicates.append(index)
        seen.add(key)
    return duplicates


def activity_create(*, by: User, values: dict, target_groups: list[str], unit: Unit | None = None) -> Activity:
    """Create one activity (the form and the API) for ``unit`` (the user's own, or one it took over):
    ValidationError names the fields out of bounds, Conflict says the figures are locked."""
    try:
        return activities_create_many(by=by, rows=[(values, target_groups or [])], unit=unit)[0]
    except RowsInvalid as invalid:
        raise invalid.errors[0][1] from None


@transaction.atomic
def activity_update(
    *, activity: Activity, by: User, values: dict, target_groups: list[str] | None, expected_revision: int | None
) -> Activity:
    unit_member_required(by)
    current = lock_current(Activity, pk=activity.pk, expected_revision=expected_revision)
    merged = {f: getattr(current, f) for f in ("task", "start_date", "end_date", "topics")} | values
    if "task" in values and merged["task"].group.plan_id != current.task.group.plan_id:  # moved to another plan
        unit_in_plan_check(unit=current.unit, plan_ids=[merged["task"].group.plan_id])
    activity_check(values=merged)
    locks = locked_plans(unit_id=current.unit_id)
    counted_unlocked_check(current, locks=locks)  # as it was, and as it will be
    with tallies.deferred():
        for name, value in values.items():
            if name in ACTIVITY_FIELDS:
                setattr(current, name, value)
        counted_unlocked_check(current, locks=locks)
        apply_changes(current, {}, by=by)
        _set_target_groups(current, target_groups)
        tallies.touch({(current.unit_id, current.task_id)})
    return current


@transaction.atomic
def activity_delete(*, activity: Activity, by: User, expected_revision: int | None = None) -> None:
    unit_member_required(by)
    current = lock_current(Activity, pk=activity.pk, expected_revision=expected_revision)
    counted_unlocked_check(current)
    current._history_user = by
    with tallies.deferred():
        current.delete()


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def evidence_add(*, activity: Activity, by: User, upload) -> Evidence:
    unit_member_required(by)
    content_type, name = check_upload(upload)
    evidence = Evidence(
        activity=activity,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        sha256=_sha256(upload),
        uploaded_by=by,
    )
    evidence.file.save(name, upload, save=False)
    evidence._history_user = by
    evidence.save()
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, by: User) -> None:
    unit_member_required(by)
    evidence._history_user = by
    evidence.delete()  # the stored file is kept: history may still point at it
