"""Writes of activities and their evidence files: the rules, whatever the door (API, pages, import, admin)."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import unit_member_required
from config.revisions import apply_changes, lock_current
from config.uploads import check_upload
from plans.models import Deliverable
from tasks.activities import tallies
from tasks.activities.models import Activity, ActivityTargetGroup, Evidence, Topic
from tasks.obligations.services import obligations_touch

ACTIVITY_FIELDS = Activity.EDITABLE_FIELDS


def activity_check(*, values: dict) -> None:
    """Rules for an activity beyond each field's own: raise ValidationError with Vietnamese messages."""
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    unknown = [t for t in values.get("topics") or [] if t not in Topic.values]
    if unknown:
        raise ValidationError({"topics": _("Unknown content topic: %(value)s") % {"value": ", ".join(unknown)}})


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


@transaction.atomic
def activity_create(*, by: User, values: dict, target_groups: list[str]) -> Activity:
    unit = unit_member_required(by)
    activity_check(values=values)
    activity = Activity(unit=unit, created_by=by, **{k: v for k, v in values.items() if k in ACTIVITY_FIELDS})
    with tallies.deferred():
        apply_changes(activity, {}, by=by)
        _set_target_groups(activity, target_groups)
        tallies.touch({(activity.unit_id, activity.task_id)})  # the target groups' bulk_create sends no signal
    obligations_touch(
        unit_id=unit.pk, task_id=activity.task_id, kinds=(Deliverable.Kind.ACTIVITY, Deliverable.Kind.GUIDANCE), by=by
    )
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, by: User, values: dict, target_groups: list[str] | None, expected_revision: int | None
) -> Activity:
    unit_member_required(by)
    current = lock_current(Activity, pk=activity.pk, expected_revision=expected_revision)
    merged = {f: getattr(current, f) for f in ("start_date", "end_date", "topics")} | values
    activity_check(values=merged)
    with tallies.deferred():
        apply_changes(current, {k: v for k, v in values.items() if k in ACTIVITY_FIELDS}, by=by)
        _set_target_groups(current, target_groups)
        tallies.touch({(current.unit_id, current.task_id)})
    return current


@transaction.atomic
def activity_delete(*, activity: Activity, by: User, expected_revision: int | None = None) -> None:
    unit_member_required(by)
    current = lock_current(Activity, pk=activity.pk, expected_revision=expected_revision)
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
