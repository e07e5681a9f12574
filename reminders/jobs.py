"""Celery tasks of the reminders app (autodiscovered as ``reminders.jobs``; the schedule is in
config/celery_app.py). Thin: they take ids and JSON values and call ``reminders.scan`` and
``reminders.delivery``. Every one is idempotent: running it twice, or on a message redelivered
after a worker died, sends nothing twice.
"""

from datetime import date

from celery import shared_task
from django.conf import settings

from ops.models import Heartbeat
from ops.services import heartbeat_record
from reminders.delivery import reminder_email_deliver, reminder_emails_due
from reminders.scan import reminders_scan


@shared_task(name="reminders.jobs.reminder_scan")
def reminder_scan(day: str | None = None) -> dict:
    """The daily scan (beat, 07:30): record today's reminders and, once they are committed, queue
    one send task per email."""
    result = reminders_scan(day=date.fromisoformat(day) if day else None, queue=reminder_email_send.delay_on_commit)
    heartbeat_record(name=Heartbeat.REMINDER_SCAN)  # /healthz reads how long ago the scan last ran
    return {"day": result.day.isoformat(), "emails": len(result.email_ids), "reminders": result.item_count}


@shared_task(name="reminders.jobs.reminder_email_send")
def reminder_email_send(email_id: int) -> str:
    """Send one reminder email unless another worker has, or is doing it.

    A temporary SMTP error leaves the email "waiting to retry" with its next attempt in the
    database; a short wait (10, 30, 60 s) is also queued here, a longer one left to the retry scan.
    """
    delivery = reminder_email_deliver(email_id=email_id)
    if delivery.retry_in is not None and delivery.retry_in <= settings.REMINDER_MAX_COUNTDOWN:
        reminder_email_send.apply_async((email_id,), countdown=delivery.retry_in)
    return delivery.status


@shared_task(name="reminders.jobs.reminder_retry_due")
def reminder_retry_due() -> int:
    """Every 5 minutes (beat): queue the emails whose retry time has come, whose worker died while
    sending, or whose queued message was lost."""
    ids = reminder_emails_due()
    for email_id in ids:
        reminder_email_send.delay(email_id)
    return len(ids)
