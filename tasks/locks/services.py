"""Locking a unit's figures for a plan when V03 accepts its report, reopening them with a reason, and
the check every write of a counted record makes (activities, pilot models, training courses)."""

from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from config.bounds import text_within
from config.revisions import Conflict
from plans.models import Plan
from tasks.locks.models import FiguresLock


def figures_lock(*, unit_id: int, plan: Plan, by: User | None, at: datetime | None = None) -> FiguresLock:
    """Lock the unit's figures for ``plan`` (its report was accepted); idempotent."""
    lock = FiguresLock.objects.filter(unit_id=unit_id, plan=plan, reopened_at__isnull=True).first()
    return lock or FiguresLock.objects.create(unit_id=unit_id, plan=plan, locked_at=at or timezone.now(), locked_by=by)


def figures_reopen(*, unit_id: int, plan: Plan, by: User, reason: str, at: datetime | None = None) -> FiguresLock:
    """Reopen the unit's locked figures for ``plan``: who, when and why are kept on the lock."""
    reason = text_within(reason, field="reason")
    if not reason.strip():
        raise Conflict(_("Say why the report is reopened: the reason is required."))
    lock = FiguresLock.objects.select_for_update().filter(unit_id=unit_id, plan=plan, reopened_at__isnull=True).first()
    if lock is None:
        raise Conflict(_("The unit's figures for %(plan)s are not locked.") % {"plan": plan.number})
    lock.reopened_at, lock.reopened_by, lock.reopen_reason = at or timezone.now(), by, reason
    lock.save()
    return lock


def locked_plans(*, unit_id: int) -> dict[int, FiguresLock]:
    """The unit's open locks, by plan id (one query)."""
    locks = FiguresLock.objects.filter(unit_id=unit_id, reopened_at__isnull=True).select_related("plan")
    return {lock.plan_id: lock for lock in locks}


def figures_unlocked_check(*, unit_id: int, plan_id: int, day: date | None = None, locks=None) -> None:
    """Refuse (Conflict, in Vietnamese) a change to a record the roll-up counts for the plan while the
    unit's report is accepted: with ``day``, only inside the plan's reporting window."""
    lock = (locked_plans(unit_id=unit_id) if locks is None else locks).get(plan_id)
    if lock is None:
        return
    plan = lock.plan
    if day is not None and not (plan.report_window_start <= day <= plan.report_window_end):
        return
    raise Conflict(
        _(
            "The unit's results report for %(plan)s was accepted on %(date)s: what it counted can no longer "
            "change. Ask the Legal Department (V03) to reopen the report."
        )
        % {"plan": plan.number, "date": formats.date_format(timezone.localtime(lock.locked_at), "d/m/Y")}
    )
