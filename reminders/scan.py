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

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User, units_acted_for
from config.sql import insert_many
from plans.models import Deliverable, Plan
from reminders.models import Reminder, ReminderEmail, ReminderKind
from tasks.obligations.models import DeadlineState, Obligation, compute_deadline_state

__all__ = [
    "PlannedReminder",
    "ScanResult",
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


# One reminder to record: (obligation id, unit id, recipient id, kind, due date, stage).
Item = tuple[int, int, int, str, date, int]


@dataclass
class ScanResult:
    day: date
    items: list[Item] = field(default_factory=list)  # in the order of the obligations, then of the people
    recipients: dict[int, User] = field(default_factory=dict)
    email_ids: list[int] = field(default_factory=list)
    deferred: int = 0  # reminders for people whose email of the day had already gone

    @property
    def item_count(self) -> int:
        return len(self.items)

    @cached_property
    def planned(self) -> dict[int, list[PlannedReminder]]:
        """The reminders by recipient id, each with its obligation (unit, task and plan loaded): for
        the dry run, which prints them. One query; the scan itself never needs it."""
        obligations = Obligation.objects.select_related("unit", "deliverable__task", "deliverable__plan").in_bulk(
            {item[0] for item in self.items}
        )
        planned: dict[int, list[PlannedReminder]] = {}
        for obligation_id, _unit_id, recipient_id, kind, _due_date, stage in self.items:
            reminder = PlannedReminder(obligations[obligation_id], self.recipients[recipient_id], kind, stage)
            planned.setdefault(recipient_id, []).append(reminder)
        return planned


def _staged_deliverables(*, day: date, offsets: list[int]) -> dict[int, tuple[str, int, date]]:
    """(kind, stage, due date) by deliverable id, for every deliverable of a published plan (never a
    draft's) with a reminder due on ``day``. An obligation not completed is in the state
    ``compute_deadline_state`` gives its deliverable's due instant, so the rule is applied once per
    deliverable, not once per unit."""
    repeat = settings.REMINDER_OVERDUE_REPEAT_DAYS
    horizon = day + timedelta(days=max(offsets, default=0))
    deliverables = Deliverable.objects.filter(due_date__lte=horizon, plan__status=Plan.Status.PUBLISHED)
    staged = {}
    starts: dict[int, datetime] = {}
    for deliverable in deliverables.select_related("plan"):
        plan = deliverable.plan
        if plan.pk not in starts:
            starts[plan.pk] = start_of(day, plan.tzinfo())
        due_at = deliverable.due_at(plan.tzinfo())
        overdue = compute_deadline_state(due_at=due_at, completed_at=None, at=starts[plan.pk]) == DeadlineState.OVERDUE
        stage = reminder_stage(
            due_date=deliverable.due_date, day=day, overdue=overdue, offsets=offsets, repeat_days=repeat
        )
        if stage is not None:
            staged[deliverable.pk] = (*stage, deliverable.due_date)
    return staged


def _unit_recipients() -> tuple[dict[int, list[User]], list[User]]:
    """The people who get a unit's reminders, by unit id (its leaders, and its reporters when
    ``REMINDER_INCLUDE_REPORTERS``; a successor's people get those of the units it took over,
    ``User.acting_unit_ids``), and the reviewers who get the overdue summary."""
    people = User.objects.filter(is_active=True, reminder_mode=User.ReminderMode.DIGEST).order_by("pk")
    include_reporters = settings.REMINDER_INCLUDE_REPORTERS
    by_unit: dict[int, list[User]] = defaultdict(list)
    members = list(people.filter(unit__isnull=False))
    acting = units_acted_for({user.unit_id for user in members})
    for user in members:
        if user.is_leader_of(user.unit_id) or (include_reporters and user.is_member_of(user.unit_id)):
            for unit_id in acting[user.unit_id]:
                by_unit[unit_id].append(user)
    reviewers = list(people.filter(role=User.Role.REVIEWER, overdue_summary=True))
    return by_unit, reviewers


def reminders_due(*, day: date) -> ScanResult:
    """Read-only: the reminders due on ``day`` that have not been recorded yet, by recipient.

    A fixed number of queries whatever the number of units, obligations and people (bench/ counts
    them); the obligations are read as tuples, never as model instances.
    """
    offsets = sorted({int(o) for o in settings.REMINDER_OFFSETS})
    result = ScanResult(day=day)
    staged = _staged_deliverables(day=day, offsets=offsets)
    if not staged:
        return result
    obligations = Obligation.objects.filter(completed_at__isnull=True, deliverable_id__in=list(staged)).values_list(
        "pk", "unit_id", "deliverable_id"
    )
    by_unit, reviewers = _unit_recipients()
    people = {user.pk: user for users in [*by_unit.values(), reviewers] for user in users}
    unit_people = {unit_id: [user.pk for user in users] for unit_id, users in by_unit.items()}
    reviewer_ids = [user.pk for user in reviewers]

    stages = {(kind, stage) for kind, stage, _due in staged.values()}
    existing = set(
        Reminder.objects.filter(due_date__in={due for _k, _s, due in staged.values()})
        .filter(
            Q(kind=ReminderKind.UPCOMING, stage__in={s for k, s in stages if k == ReminderKind.UPCOMING})
            | Q(
                kind__in=[ReminderKind.OVERDUE, ReminderKind.OVERDUE_SUMMARY],
                stage__in={s for k, s in stages if k == ReminderKind.OVERDUE},
            )
        )
        .values_list("obligation_id", "recipient_id", "kind", "due_date", "stage")
    )
    items = result.items
    summary = ReminderKind.OVERDUE_SUMMARY
    for obligation_id, unit_id, deliverable_id in obligations:
        kind, stage, due_date = staged[deliverable_id]
        for user_id in unit_people.get(unit_id, ()):
            if (obligation_id, user_id, kind, due_date, stage) not in existing:
                items.append((obligation_id, unit_id, user_id, kind, due_date, stage))
        if kind == ReminderKind.OVERDUE:
            for user_id in reviewer_ids:
                if (obligation_id, user_id, summary, due_date, stage) not in existing:
                    items.append((obligation_id, unit_id, user_id, summary, due_date, stage))
    for user_id in dict.fromkeys(item[2] for item in items):
        result.recipients[user_id] = people[user_id]
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
    if dry_run or not result.items:
        return result
    now = timezone.now()
    with transaction.atomic():
        insert_many(
            ReminderEmail,
            ["recipient_id"],
            [(recipient_id,) for recipient_id in result.recipients],
            constants={
                "day": day,
                "status": Status.PENDING,
                "to_address": "",
                "subject": "",
                "message_id": "",
                "attempts": 0,
                "next_attempt_at": now + timedelta(seconds=settings.REMINDER_REQUEUE_AFTER),
                "last_error": "",
                "created_at": now,
            },
            on_conflict="DO NOTHING",
        )
        # Locked so that a worker can't claim an email while reminders are being added to it.
        open_emails = dict(
            ReminderEmail.objects.select_for_update()
            .filter(day=day, status__in=[Status.PENDING, Status.RETRY])
            .values_list("recipient_id", "pk")
        )
        rows = []
        for item in result.items:
            email_id = open_emails.get(item[2])
            if email_id is None:
                result.deferred += 1
            else:
                rows.append((*item, email_id))
        result.email_ids.extend(open_emails[r] for r in result.recipients if r in open_emails)
        insert_many(
            Reminder,
            ["obligation_id", "unit_id", "recipient_id", "kind", "due_date", "stage", "email_id"],
            rows,
            constants={"day": day, "created_at": now},
            on_conflict="DO NOTHING",
        )
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
