"""Which reminders are due on a day, and recording each of them once (the scan).

The rules:

- an obligation not completed gets a reminder when it is due in one of ``REMINDER_OFFSETS`` days
  (14, 7, 3, 1), and from the day it becomes overdue (00:00 on its due date) every
  ``REMINDER_OVERDUE_REPEAT_DAYS`` days (the offset 0, "today", is that first overdue reminder);
- only the latest stage reached is ever sent: after days without a scan, one reminder, not a burst;
- the unit's leaders get them (and its reporters when ``REMINDER_INCLUDE_REPORTERS``); reviewers
  get the overdue ones as a summary grouped by unit; ``User.reminder_mode`` and
  ``User.overdue_summary`` let a person opt out;
- one email per person per day lists all their reminders of the day (``reminders.digest`` writes
  it, ``reminders.delivery`` sends it).

Whether an obligation is overdue is ``Obligation.deadline_state`` (the one rule) evaluated at 00:00
of the day; who leads or belongs to a unit is ``User.is_leader_of`` / ``User.is_member_of``.
"""

import json
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from reminders.models import Reminder, ReminderEmail, ReminderKind
from tasks.obligations.models import DeadlineState, Obligation

__all__ = [
    "PlannedReminder",
    "ScanResult",
    "insert_ignoring_duplicates",
    "local_today",
    "reminder_stage",
    "reminders_due",
    "reminders_scan",
    "start_of",
]

logger = logging.getLogger(__name__)

Status = ReminderEmail.Status


def local_today() -> date:
    return timezone.localdate()


def start_of(day: date, tz) -> datetime:
    """00:00 of ``day`` in ``tz``: the instant at which a day's reminders are decided."""
    return datetime.combine(day, time(0, 0), tzinfo=tz)


# --- the rule -------------------------------------------------------------------------------


def reminder_stage(
    *, due_date: date, day: date, overdue: bool, offsets: list[int], repeat_days: int
) -> tuple[str, int] | None:
    """The reminder due on ``day`` for an obligation due at 00:00 on ``due_date``, or None.

    Before the due date it is the latest offset reached, i.e. the smallest offset not below the
    days left: on 08/12 for "trước ngày 15/12" (7 days left) the 7-day reminder, and on 06/12 after
    missed runs still the 7-day one, never 14 and 7 at once. Once ``overdue`` (from 00:00 on the
    due date) it is the latest repeat reached: days 0, 7, 14… after the due date.
    """
    if overdue:
        late = max((day - due_date).days, 0)
        return ReminderKind.OVERDUE, late - late % max(repeat_days, 1)
    left = (due_date - day).days
    reached = [offset for offset in offsets if offset > 0 and offset >= left]
    return (ReminderKind.UPCOMING, min(reached)) if reached else None


# --- who is due what ------------------------------------------------------------------------


@dataclass
class PlannedReminder:
    obligation: Obligation
    recipient: User
    kind: str
    stage: int


@dataclass
class ScanResult:
    day: date
    planned: dict[int, list[PlannedReminder]] = field(default_factory=dict)  # by recipient id
    recipients: dict[int, User] = field(default_factory=dict)
    email_ids: list[int] = field(default_factory=list)
    deferred: int = 0  # reminders for people whose email of the day had already gone

    @property
    def item_count(self) -> int:
        return sum(len(items) for items in self.planned.values())


def _staged_obligations(*, day: date, offsets: list[int]) -> list[tuple[Obligation, str, int]]:
    """(obligation, kind, stage) of every obligation not completed that has a reminder due on ``day``."""
    repeat = settings.REMINDER_OVERDUE_REPEAT_DAYS
    horizon = day + timedelta(days=max(offsets, default=0))
    obligations = Obligation.objects.filter(completed_at__isnull=True, deliverable__due_date__lte=horizon)
    staged = []
    starts: dict[int, datetime] = {}
    for obligation in obligations.select_related("unit", "deliverable__task", "deliverable__plan"):
        plan = obligation.deliverable.plan
        if plan.pk not in starts:
            starts[plan.pk] = start_of(day, plan.tzinfo())
        overdue = obligation.deadline_state(starts[plan.pk]) == DeadlineState.OVERDUE
        stage = reminder_stage(
            due_date=obligation.deliverable.due_date, day=day, overdue=overdue, offsets=offsets, repeat_days=repeat
        )
        if stage is not None:
            staged.append((obligation, *stage))
    return staged


def _unit_recipients() -> tuple[dict[int, list[User]], list[User]]:
    """The people who get a unit's reminders, by unit id (its leaders, and its reporters when
    ``REMINDER_INCLUDE_REPORTERS``), and the reviewers who get the overdue summary."""
    people = User.objects.filter(is_active=True, reminder_mode=User.ReminderMode.DIGEST).order_by("pk")
    include_reporters = settings.REMINDER_INCLUDE_REPORTERS
    by_unit: dict[int, list[User]] = defaultdict(list)
    for user in people.filter(unit__isnull=False):
        if user.is_leader_of(user.unit_id) or (include_reporters and user.is_member_of(user.unit_id)):
            by_unit[user.unit_id].append(user)
    reviewers = list(people.filter(role=User.Role.REVIEWER, overdue_summary=True))
    return by_unit, reviewers


def reminders_due(*, day: date) -> ScanResult:
    """Read-only: the reminders due on ``day`` that have not been recorded yet, by recipient.

    Five queries whatever the number of units, obligations and people.
    """
    offsets = sorted({int(o) for o in settings.REMINDER_OFFSETS})
    result = ScanResult(day=day)
    staged = _staged_obligations(day=day, offsets=offsets)
    if not staged:
        return result
    by_unit, reviewers = _unit_recipients()

    upcoming_stages = {stage for _o, kind, stage in staged if kind == ReminderKind.UPCOMING}
    overdue_stages = {stage for _o, kind, stage in staged if kind == ReminderKind.OVERDUE}
    due_dates = {o.deliverable.due_date for o, _k, _s in staged}
    existing = set(
        Reminder.objects.filter(due_date__in=due_dates)
        .filter(
            Q(kind=ReminderKind.UPCOMING, stage__in=upcoming_stages)
            | Q(kind__in=[ReminderKind.OVERDUE, ReminderKind.OVERDUE_SUMMARY], stage__in=overdue_stages)
        )
        .values_list("obligation_id", "recipient_id", "kind", "due_date", "stage")
    )

    def plan(obligation, user, kind, stage):
        if (obligation.pk, user.pk, kind, obligation.deliverable.due_date, stage) in existing:
            return
        result.recipients[user.pk] = user
        result.planned.setdefault(user.pk, []).append(PlannedReminder(obligation, user, kind, stage))

    for obligation, kind, stage in staged:
        for user in by_unit.get(obligation.unit_id, ()):
            plan(obligation, user, kind, stage)
        if kind == ReminderKind.OVERDUE:
            for user in reviewers:
                plan(obligation, user, ReminderKind.OVERDUE_SUMMARY, stage)
    return result


# --- recording them once --------------------------------------------------------------------


def reminders_scan(
    *, day: date | None = None, dry_run: bool = False, queue: Callable[[int], object] | None = None
) -> ScanResult:
    """Record the reminders due on ``day`` (default: today in TIME_ZONE) and attach them to each
    recipient's email of the day; the ids of the emails to send are in ``email_ids``.

    ``queue`` (e.g. a send task's ``delay_on_commit``) is called with each email id inside the
    transaction that records them, so it must act only once that transaction commits; without it
    nothing is queued (the command sends the emails itself, the retry scan picks up the rest).

    Safe to run twice at the same time: the unique constraints drop the second copy. A person
    whose email of the day has already been sent gets the rest in tomorrow's email.
    Query count does not depend on the number of units, obligations or people.
    """
    day = day or local_today()
    result = reminders_due(day=day)
    if dry_run or not result.planned:
        return result
    now = timezone.now()
    with transaction.atomic():
        insert_ignoring_duplicates(
            ReminderEmail,
            [
                {
                    "recipient_id": recipient_id,
                    "day": day,
                    "status": Status.PENDING,
                    "to_address": "",
                    "subject": "",
                    "message_id": "",
                    "attempts": 0,
                    "next_attempt_at": now + timedelta(seconds=settings.REMINDER_REQUEUE_AFTER),
                    "last_error": "",
                    "created_at": now,
                }
                for recipient_id in result.planned
            ],
        )
        # Locked so that a worker can't claim an email while reminders are being added to it.
        open_emails = dict(
            ReminderEmail.objects.select_for_update()
            .filter(day=day, status__in=[Status.PENDING, Status.RETRY])
            .values_list("recipient_id", "pk")
        )
        rows = []
        for recipient_id, items in result.planned.items():
            email_id = open_emails.get(recipient_id)
            if email_id is None:
                result.deferred += len(items)
                continue
            result.email_ids.append(email_id)
            rows.extend(
                {
                    "obligation_id": item.obligation.pk,
                    "unit_id": item.obligation.unit_id,
                    "recipient_id": recipient_id,
                    "email_id": email_id,
                    "kind": item.kind,
                    "due_date": item.obligation.deliverable.due_date,
                    "stage": item.stage,
                    "day": day,
                    "created_at": now,
                }
                for item in items
            )
        insert_ignoring_duplicates(Reminder, rows)
        if queue:
            for email_id in result.email_ids:
                queue(email_id)
    logger.info(
        "reminder scan %s: %d reminders for %d people, %d deferred",
        day,
        result.item_count,
        len(result.email_ids),
        result.deferred,
    )
    return result


def insert_ignoring_duplicates(model, rows: list[dict]) -> None:
    """INSERT … ON CONFLICT DO NOTHING of ``rows`` (dicts of attname → value) in one statement,
    however many: they travel as one JSON parameter (``bulk_create`` would split them into batches
    on SQLite, and the scan's query count would grow with the number of units)."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in rows[0]]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [f.column for f in fields]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    payload = json.dumps(
        [{f.column: f.get_db_prep_save(row[f.attname], connection) for f in fields} for row in rows], default=str
    )
    if connection.vendor == "postgresql":
        types = ", ".join(f"{connection.ops.quote_name(f.column)} {f.db_type(connection)}" for f in fields)
        sql = (
            f"INSERT INTO {table} ({quoted}) SELECT {quoted} "  # noqa: S608 - names from the model
            f"FROM jsonb_to_recordset(%s::jsonb) AS x({types}) ON CONFLICT DO NOTHING"
        )
    elif connection.vendor == "sqlite":
        extract = ", ".join(f"json_extract(value, '$.{c}')" for c in columns)
        sql = (
            f"INSERT INTO {table} ({quoted}) SELECT {extract} "  # noqa: S608 - names from the model
            f"FROM json_each(%s) WHERE true ON CONFLICT DO NOTHING"
        )
    else:
        model.objects.bulk_create([model(**row) for row in rows], ignore_conflicts=True)
        return
    with connection.cursor() as cursor:
        cursor.execute(sql, [payload])
