"""Sending a reminder email exactly once: claim it in the database, send it with the SMTP commit
point (``reminders.smtp``), and on failure wait to retry or give up.

States: pending → sending → sent; a temporary SMTP error sends it to "waiting to retry" with
``next_attempt_at`` (the periodic retry scan picks it up), a permanent one to "failed". A claim
is a conditional UPDATE that changes one row (healthchecks' ``sendalerts``); a claim whose worker
died expires after ``REMINDER_CLAIM_TIMEOUT`` seconds.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from reminders.digest import reminder_message
from reminders.models import ReminderEmail
from reminders.smtp import ClaimLost, DeliveryError, classify, send_with_commit_point

__all__ = ["Delivery", "claimable", "reminder_email_deliver", "reminder_emails_due", "reminder_emails_retry_now"]

logger = logging.getLogger(__name__)

Status = ReminderEmail.Status


@dataclass
class Delivery:
    status: str  # the email's status afterwards, or "skipped" when it was not ours to send
    retry_in: int | None = None


def claimable(now: datetime) -> Q:
    """Emails a worker may take: new ones, ones whose retry time has come, and ones whose claim
    expired (the worker that held it died)."""
    return Q(status=Status.PENDING) | Q(status__in=[Status.RETRY, Status.SENDING], next_attempt_at__lte=now)


def _claim(email_id: int) -> uuid.UUID | None:
    """Take the email for this worker: the token of the claim, or None when it is not ours to send."""
    now = timezone.now()
    token = uuid.uuid4()
    claimed = (
        ReminderEmail.objects.filter(claimable(now), pk=email_id)
        .filter(attempts__lt=settings.REMINDER_MAX_ATTEMPTS)
        .update(
            status=Status.SENDING,
            claim_token=token,
            claimed_at=now,
            attempts=F("attempts") + 1,
            next_attempt_at=now + timedelta(seconds=settings.REMINDER_CLAIM_TIMEOUT),
        )
    )
    return token if claimed == 1 else None


def reminder_email_deliver(*, email_id: int) -> Delivery:
    """Send one reminder email if it is still to be sent, exactly once.

    Claims the row with a conditional UPDATE (only one worker changes it), builds the message from
    the reminders attached to it (those of obligations completed since the scan are left out),
    records it as sent at the last moment before the SMTP server accepts it (reminders/smtp.py),
    and on failure records "waiting to retry" with ``next_attempt_at`` (temporary) or "failed".
    Must run outside a transaction, so that each step is committed when it is taken.
    """
    token = _claim(email_id)
    if token is None:
        return Delivery("skipped")
    mine = ReminderEmail.objects.filter(pk=email_id, claim_token=token)
    email = ReminderEmail.objects.select_related("recipient__unit").get(pk=email_id)
    items = list(
        email.items.filter(obligation__completed_at__isnull=True).select_related(
            "obligation__unit", "obligation__deliverable__task", "obligation__deliverable__plan"
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
        send_with_commit_point(message, commit=lambda: _record_sent(mine, message, address))
    except ClaimLost:
        logger.warning("reminder email %s: claim lost to another worker, not sent", email_id)
        return Delivery("skipped")
    except Exception as exc:
        error = classify(exc)
        if not isinstance(exc, DeliveryError):
            logger.exception("reminder email %s: unexpected error", email_id)
        if error.temporary and email.attempts < settings.REMINDER_MAX_ATTEMPTS:
            return _retry_later(mine, email, error)
        return _failed(mine, email, error)
    return Delivery(Status.SENT)


def _record_sent(mine: QuerySet, message: EmailMultiAlternatives, address: str) -> bool:
    """The commit point: record the email as sent if this worker still holds the claim."""
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


def _retry_later(mine: QuerySet, email: ReminderEmail, error: DeliveryError) -> Delivery:
    backoff = settings.REMINDER_RETRY_BACKOFF
    delay = int(backoff[min(email.attempts, len(backoff)) - 1])
    mine.update(
        status=Status.RETRY,
        sent_at=None,
        claim_token=None,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
        last_error=str(error)[:2000],
    )
    logger.warning("reminder email %s: %s; retrying in %ss", email.pk, error, delay)
    return Delivery(Status.RETRY, retry_in=delay)


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
