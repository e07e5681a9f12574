"""Writes of training courses (task 8.2): the rules, whatever the door (API, pages, import, admin)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Unit, User
from accounts.permissions import unit_member_required
from config.bounds import days_bounded
from config.revisions import apply_changes, lock_current, record_delete
from plans.models import Deliverable, Task
from tasks.locks.services import figures_unlocked_check
from tasks.obligations.services import obligations_touch, unit_in_plan_check
from tasks.training.models import TrainingCourse


def training_check(*, values: dict) -> None:
    task = values.get("task")
    if task is not None and task.target_kind not in (Task.Target.TRAINING, Task.Target.TRAINING_BY_REGION):
        raise ValidationError({"task": _("Training courses are recorded only for the training tasks (8.2).")})
    if task is not None and task.target_kind == Task.Target.TRAINING_BY_REGION and not values.get("region"):
        raise ValidationError({"region": _("Choose the region: North, Central or South.")})
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    if task is not None:  # within the plan's year; a course is recorded once held (config.bounds)
        days_bounded(values, plan=task.group.plan, done_fields=("start_date",), other_fields=("end_date",))


def _counted_unlocked_check(course: TrainingCourse) -> None:
    figures_unlocked_check(unit_id=course.unit_id, plan_id=course.task.group.plan_id, day=course.start_date)


@transaction.atomic
def training_save(
    *,
    by: User,
    values: dict,
    course: TrainingCourse | None = None,
    expected_revision: int | None = None,
    unit: Unit | None = None,
) -> TrainingCourse:
    """Create (for ``unit``: the user's own, or one it took over) or edit a training course."""
    unit = unit_member_required(by, unit)
    if course is None:
        training_check(values=values)
        unit_in_plan_check(unit=unit, plan_ids=[values["task"].group.plan_id])
        course = TrainingCourse(unit=unit, **values)
    else:
        course = lock_current(TrainingCourse, pk=course.pk, expected_revision=expected_revision)
        training_check(values={f: getattr(course, f) for f in ("task", "region", "start_date", "end_date")} | values)
        _counted_unlocked_check(course)
        for name, value in values.items():
            setattr(course, name, value)
    _counted_unlocked_check(course)
    course = apply_changes(course, {}, by=by)
    obligations_touch(unit_id=unit.pk, task_ids=[course.task_id], kinds=(Deliverable.Kind.TRAINING,), by=by)
    return course


@transaction.atomic
def training_delete(*, course: TrainingCourse, by: User, expected_revision: int | None) -> None:
    """A unit's reporter or leader deletes one of its records; If-Match is required (the revision read)."""
    unit_member_required(by)
    _counted_unlocked_check(course)
    record_delete(TrainingCourse, pk=course.pk, by=by, expected_revision=expected_revision)
