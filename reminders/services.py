"""Deadline reminders: which reminder is due to whom on a day (the scan), the digest email that
carries them, and sending it exactly once. The Celery tasks in ``tasks/jobs.py`` and the command
``send_reminders`` only call the functions here.

The rules:

- an obligation not completed gets a reminder when it is due in one of ``REMINDER_OFFSETS`` days
  (14, 7, 3, 1), and from the day it becomes overdue (00:00 on its due date) every
  ``REMINDER_OVERDUE_REPEAT_DAYS`` days (the offset 0, "today", is that first overdue reminder);
- only the latest stage reached is ever sent: after days without a scan, one reminder, not a burst;
- the unit's leaders get them (and its reporters when ``REMINDER_INCLUDE_REPORTERS``); reviewers
  get the overdue ones as a summary grouped by unit; ``User.reminder_mode`` and
  ``User.overdue_summary`` let a person opt out;
- one email per person per day lists all their reminders of the day.

Time logic is ``Obligation.deadline_state`` (the one rule) evaluated at 00:00 of the day.
"""

import json
import logging
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import ngettext

from accounts.models import User
from reminders.models import Reminder, ReminderEmail, ReminderKind
from reminders.smtp import ClaimLost, DeliveryError, classify, send_with_commit_point
from tasks.obligations.models import DeadlineState, Obligation

logger = logging.getLogger(__name__)

Status = ReminderEmail.Status


def local_today() -> date:
    return timezone.localdate()


def start_of(day: date, tz) -> datetime:
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


# --- the scan ---------------------------------------------------------------------------------


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


def reminders_due(*, day: date) -> ScanResult:
    """Read-only: the reminders due on ``day`` that have not been recorded yet, by recipient.

    Five queries whatever the number of units, obligations and people.
    """
    offsets = sorted({int(o) for o in settings.REMINDER_OFFSETS})
    repeat = settings.REMINDER_OVERDUE_REPEAT_DAYS
    horizon = day + timedelta(days=max(offsets, default=0))
    obligations = list(
        Obligation.objects.filter(completed_at__isnull=True, deliverable__due_date__lte=horizon).select_related(
            "unit", "deliverable__task", "deliverable__plan"
        )
    )
    result = ScanResult(day=day)
    if not obligations:
        return result

    staged: list[tuple[Obligation, str, int]] = []
    starts: dict[int, datetime] = {}
    for obligation in obligations:
        plan = obligation.deliverable.plan
        if plan.pk not in starts:
            starts[plan.pk] = start_of(day, plan.tzinfo())
        overdue = obligation.deadline_state(starts[plan.pk]) == DeadlineState.OVERDUE
        stage = reminder_stage(
            due_date=obligation.deliverable.due_date, day=day, overdue=overdue, offsets=offsets, repeat_days=repeat
        )
        if stage is not None:
            staged.append((obligation, *stage))
    if not staged:
        return result

    roles = [User.Role.LEADER]
    if settings.REMINDER_INCLUDE_REPORTERS:
        roles.append(User.Role.REPORTER)
    people = User.objects.filter(is_active=True, reminder_mode=User.ReminderMode.DIGEST).order_by("pk")
    by_unit: dict[int, list[User]] = defaultdict(list)
    for user in people.filter(role__in=roles, unit__isnull=False):
        by_unit[user.unit_id].append(user)
    reviewers = list(people.filter(role=User.Role.REVIEWER, overdue_summary=True))

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


def reminders_scan(*, day: date | None = None, dry_run: bool = False, queue: bool = True) -> ScanResult:
    """Record the reminders due on ``day`` (default: today in TIME_ZONE) and attach them to each
    recipient's email of the day; after the commit, queue one send task per email (``queue``).

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
            from .jobs import reminder_email_send  # the jobs module imports this one

            for email_id in result.email_ids:
                reminder_email_send.delay_on_commit(email_id)
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


# --- the email --------------------------------------------------------------------------------


@dataclass
class DigestRow:
    obligation_id: int
    unit: str
    code: str
    task_title: str
    deliverable: str
    deadline: str
    state: str
    overdue: bool
    days_left: int
    days_late: int
    url: str


def digest_row(reminder: Reminder, *, day: date) -> DigestRow:
    obligation = reminder.obligation
    deliverable = obligation.deliverable
    state = obligation.deadline_state(start_of(day, deliverable.plan.tzinfo()))
    overdue = state == DeadlineState.OVERDUE
    return DigestRow(
        obligation_id=obligation.pk,
        unit=reminder.unit.name,
        code=deliverable.code,
        task_title=deliverable.task.title if deliverable.task_id else "",
        deliverable=deliverable.title,
        deadline=deliverable.deadline_label(),
        state=str(DeadlineState(state).label),
        overdue=overdue,
        days_left=max((deliverable.due_date - day).days, 0),
        days_late=(day - deliverable.due_date).days + 1 if overdue else 0,
        url=settings.SITE_URL + reverse("pages:unit", args=[obligation.unit_id]) + f"#nghia-vu-{obligation.pk}",
    )


def reminder_message(*, email: ReminderEmail, items: list[Reminder], to: str) -> EmailMultiAlternatives:
    """The digest of ``email.recipient`` for ``email.day``, in Vietnamese, plain text and HTML."""
    with translation.override(settings.LANGUAGE_CODE):
        rows = {kind: [] for kind in ReminderKind.values}
        for item in sorted(items, key=lambda r: (r.obligation.deliverable.due_date, r.unit.name, r.obligation_id)):
            rows[item.kind].append(digest_row(item, day=email.day))
        summary: dict[str, list[DigestRow]] = {}
        for row in sorted(rows[ReminderKind.OVERDUE_SUMMARY], key=lambda r: r.unit):
            summary.setdefault(row.unit, []).append(row)
        own = rows[ReminderKind.UPCOMING] + rows[ReminderKind.OVERDUE]
        day_text = formats.date_format(email.day, "d/m/Y")
        if own:
            subject = ngettext(
                "[PBGDPL] Deadline reminder of %(date)s: %(count)d item to do",
                "[PBGDPL] Deadline reminder of %(date)s: %(count)d items to do",
                len(own),
            ) % {"date": day_text, "count": len(own)}
        else:
            count = len(rows[ReminderKind.OVERDUE_SUMMARY])
            subject = ngettext(
                "[PBGDPL] Overdue summary of %(date)s: %(count)d item at %(units)d unit(s)",
                "[PBGDPL] Overdue summary of %(date)s: %(count)d items at %(units)d unit(s)",
                count,
            ) % {"date": day_text, "count": count, "units": len(summary)}
        recipient = email.recipient
        context = {
            "recipient_name": recipient.get_full_name() or recipient.username,
            "unit": recipient.unit.name if recipient.unit_id else "",
            "day": email.day,
            "upcoming": rows[ReminderKind.UPCOMING],
            "overdue": rows[ReminderKind.OVERDUE],
            "summary": list(summary.items()),
            "summary_count": len(rows[ReminderKind.OVERDUE_SUMMARY]),
            "site_url": settings.SITE_URL,
            "subject": subject,
        }
        text = (
            re.sub(r"\n{3,}", "\n\n", render_to_string("reminders/email/reminder_digest.txt", context)).strip() + "\n"
        )
        html = render_to_string("reminders/email/reminder_digest.html", context)
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            # The same id on every attempt, so that a mail system can recognise a copy.
            "Message-ID": f"<reminder-{email.pk}.{email.day:%Y%m%d}@{domain}>",
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


# --- sending ----------------------------------------------------------------------------------


@dataclass
class Delivery:
    status: str  # the email's status afterwards, or "skipped" when it was not ours to send
    retry_in: int | None = None


def claimable(now: datetime) -> Q:
    """Emails a worker may take: new ones, ones whose retry time has come, and ones whose claim
    expired (the worker that held it died)."""
    return Q(status=Status.PENDING) | Q(status__in=[Status.RETRY, Status.SENDING], next_attempt_at__lte=now)


def reminder_email_deliver(*, email_id: int) -> Delivery:
    """Send one reminder email if it is still to be sent, exactly once.

    Claims the row with a conditional UPDATE (only one worker changes it), builds the message from
    the reminders attached to it (those of obligations completed since the scan are left out),
    records it as sent at the last moment before the SMTP server accepts it (tasks/smtp.py), and on
    failure records "waiting to retry" with ``next_attempt_at`` (temporary) or "failed". Must run
    outside a transaction, so that each step is committed when it is taken.
    """
    now = timezone.now()
    token = uuid.uuid4()
    lease = timedelta(seconds=settings.REMINDER_CLAIM_TIMEOUT)
    claimed = (
        ReminderEmail.objects.filter(claimable(now), pk=email_id)
        .filter(attempts__lt=settings.REMINDER_MAX_ATTEMPTS)
        .update(
            status=Status.SENDING,
            claim_token=token,
            claimed_at=now,
            attempts=F("attempts") + 1,
            next_attempt_at=now + lease,
        )
    )
    if claimed != 1:
        return Delivery("skipped")
    mine = ReminderEmail.objects.filter(pk=email_id, claim_token=token)
    email = ReminderEmail.objects.select_related("recipient__unit").get(pk=email_id)
    items = list(
        email.items.filter(obligation__completed_at__isnull=True).select_related(
            "unit", "obligation__deliverable__task", "obligation__deliverable__plan"
        )
    )
    if not items:
        mine.update(status=Status.CANCELLED, claim_token=None, next_attempt_at=None)
        return Delivery(Status.CANCELLED)
    address = (email.recipient.email or "").strip()
    try:
        validate_email(address)
    except ValidationError:
        return _failed(mine, email, DeliveryError(f"no valid email address: {address!r}", temporary=False))
    try:
        message = reminder_message(email=email, items=items, to=address)

        def commit() -> bool:
            return (
                mine.filter(status=Status.SENDING).update(
                    status=Status.SENT,
                    sent_at=timezone.now(),
                    to_address=address,
                    subject=message.subject[:300],
                    message_id=message.extra_headers["Message-ID"],
                    next_attempt_at=None,
                    last_error="",
                )
                == 1
            )

        send_with_commit_point(message, commit=commit)
    except ClaimLost:
        logger.warning("reminder email %s: claim lost to another worker, not sent", email_id)
        return Delivery("skipped")
    except Exception as exc:
        error = classify(exc)
        if not isinstance(exc, DeliveryError):
            logger.exception("reminder email %s: unexpected error", email_id)
        if error.temporary and email.attempts < settings.REMINDER_MAX_ATTEMPTS:
            backoff = settings.REMINDER_RETRY_BACKOFF
            delay = int(backoff[min(email.attempts, len(backoff)) - 1])
            mine.update(
                status=Status.RETRY,
                sent_at=None,
                claim_token=None,
                next_attempt_at=timezone.now() + timedelta(seconds=delay),
                last_error=str(error)[:2000],
            )
            logger.warning("reminder email %s: %s; retrying in %ss", email_id, error, delay)
            return Delivery(Status.RETRY, retry_in=delay)
        return _failed(mine, email, error)
    return Delivery(Status.SENT)


def _failed(mine: QuerySet, email: ReminderEmail, error: DeliveryError) -> Delivery:
    text = str(error) if not error.temporary else f"{error} (gave up after {email.attempts} attempts)"
    mine.update(status=Status.FAILED, sent_at=None, claim_token=None, next_attempt_at=None, last_error=text[:2000])
    logger.error("reminder email %s to %s failed: %s", email.pk, email.recipient, text)
    return Delivery(Status.FAILED)


def reminder_emails_due(*, now: datetime | None = None, limit: int = 5000) -> list[int]:
    """Emails the retry scan should queue (again): retries whose time has come, claims of dead
    workers, and emails queued long ago but never sent (a lost broker message, a Redis restart).

    Pushes the pending ones' next attempt forward, so they are not queued every time; emails that
    keep killing their worker are given up after REMINDER_MAX_ATTEMPTS.
    """
    now = now or timezone.now()
    max_attempts = settings.REMINDER_MAX_ATTEMPTS
    ReminderEmail.objects.filter(
        status__in=[Status.SENDING, Status.RETRY], next_attempt_at__lte=now, attempts__gte=max_attempts
    ).update(
        status=Status.FAILED,
        claim_token=None,
        next_attempt_at=None,
        last_error=f"gave up after {max_attempts} attempts",
    )
    ids = list(
        ReminderEmail.objects.filter(
            status__in=[Status.PENDING, Status.RETRY, Status.SENDING], next_attempt_at__lte=now
        ).values_list("pk", flat=True)[:limit]
    )
    if ids:
        ReminderEmail.objects.filter(pk__in=ids, status=Status.PENDING).update(
            next_attempt_at=now + timedelta(seconds=settings.REMINDER_REQUEUE_AFTER)
        )
    return ids


def reminder_emails_retry_now(*, ids: list[int]) -> int:
    """Admin action: send failed or waiting emails again at the next retry scan (or now)."""
    return ReminderEmail.objects.filter(pk__in=ids, status__in=[Status.FAILED, Status.RETRY]).update(
        status=Status.RETRY, attempts=0, next_attempt_at=timezone.now(), claim_token=None
    )
