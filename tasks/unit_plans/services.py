"""Writes of the unit's own plan (task 1.1): the rules, whatever the door (API, pages, import, admin)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit, User
from accounts.permissions import unit_member_required
from accounts.text import nfc
from config.bounds import days_bounded
from config.revisions import Conflict, apply_changes
from config.uploads import check_upload
from plans.models import Deliverable, Plan
from tasks.obligations.services import obligations_complete, unit_in_plan_check
from tasks.unit_plans.models import UnitPlan


@transaction.atomic
def unit_plan_submit(
    *,
    by: User,
    plan: Plan,
    number: str,
    signed_on,
    signer: str,
    upload,
    at: datetime | None = None,
    unit: Unit | None = None,
) -> UnitPlan:
    """A leader hands in the unit's own plan; this completes the unit's obligation at this moment
    (``at``: when a paper submission was received, for records entered afterwards). ``unit``: a unit
    the leader's unit took over (default: their own)."""
    unit = unit_member_required(by, unit)
    if not by.is_leader:
        raise PermissionDenied(_("Only the unit's leader can hand in the unit's plan."))
    unit_in_plan_check(unit=unit, plan_ids=[plan.pk])
    if UnitPlan.objects.filter(unit=unit, plan=plan).exists():
        raise Conflict(_("The unit has already handed in its plan for %(plan)s.") % {"plan": plan.number})
    days_bounded({"signed_on": signed_on}, plan=plan, done_fields=("signed_on",))  # signed already, in the plan's year
    content_type, name = check_upload(upload)
    now = at or timezone.now()
    unit_plan = UnitPlan(
        unit=unit,
        plan=plan,
        number=nfc(number),
        signed_on=signed_on,
        signer=nfc(signer),
        original_name=name,
        content_type=content_type,
        submitted_at=now,
        submitted_by=by,
    )
    unit_plan.file.save(name, upload, save=False)
    apply_changes(unit_plan, {}, by=by)
    obligations_complete(unit_id=unit.pk, plan_id=plan.pk, kind=Deliverable.Kind.UNIT_PLAN, at=now, by=by)
    return unit_plan
