"""Writes of pilot models (tasks 4.1-4.3): the rules, whatever the door (API, pages, import, admin)."""

from django.db import transaction

from accounts.models import Unit, User
from accounts.permissions import unit_member_required
from config.bounds import days_bounded
from config.revisions import apply_changes, lock_current, record_delete
from plans.models import Deliverable, Task
from tasks.locks.services import figures_unlocked_check
from tasks.obligations.services import obligations_touch, unit_in_plan_check
from tasks.pilot_models.models import PilotModel


@transaction.atomic
def pilot_model_save(
    *,
    by: User,
    values: dict,
    pilot_model: PilotModel | None = None,
    expected_revision: int | None = None,
    unit: Unit | None = None,
) -> PilotModel:
    """Create (for ``unit``: the user's own, or one it took over) or edit a pilot model."""
    unit = unit_member_required(by, unit)
    if pilot_model is None:
        unit_in_plan_check(unit=unit, plan_ids=[values["plan"].pk])
        pilot_model = PilotModel(unit=unit, **values)
    else:
        pilot_model = lock_current(PilotModel, pk=pilot_model.pk, expected_revision=expected_revision)
        figures_unlocked_check(unit_id=pilot_model.unit_id, plan_id=pilot_model.plan_id)
    for name, value in values.items():
        setattr(pilot_model, name, value)
    days_bounded(
        {"start_date": pilot_model.start_date}, plan=pilot_model.plan, done_fields=(), other_fields=("start_date",)
    )
    figures_unlocked_check(unit_id=pilot_model.unit_id, plan_id=pilot_model.plan_id)
    pilot_model = apply_changes(pilot_model, {}, by=by)
    tasks = Task.objects.filter(group__plan_id=pilot_model.plan_id, deliverables__kind=Deliverable.Kind.PILOT_MODEL)
    for task in tasks.distinct():  # 4.1 (build at least one) and 4.3 (evaluate, replicate)
        obligations_touch(unit_id=unit.pk, task_ids=[task.pk], kinds=(Deliverable.Kind.PILOT_MODEL,), by=by)
    return pilot_model


@transaction.atomic
def pilot_model_delete(*, pilot_model: PilotModel, by: User, expected_revision: int | None) -> None:
    """A unit's reporter or leader deletes one of its records; If-Match is required (the revision read)."""
    unit_member_required(by)
    figures_unlocked_check(unit_id=pilot_model.unit_id, plan_id=pilot_model.plan_id)
    record_delete(PilotModel, pk=pilot_model.pk, by=by, expected_revision=expected_revision)
