"""reminders/delivery.py: claimed once, sent once, the items left to say, retries and failures
(in process, with Django's locmem backend; over real SMTP: test_smtp_integration.py)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from accounts.models import User
from reminders.delivery import reminder_email_deliver, reminder_emails_due
from reminders.models import Reminder, ReminderEmail
from tests.reminders.helpers import Status, at, complete, report_obligation, scan_on, unit_plan_obligation

# --- what is left to say when it is sent ----------------------------------------------------------


@pytest.mark.django_db
def test_obligation_completed_between_scan_and_send_is_left_out(leader):
    result = scan_on(date(2024, 12, 8))  # 1.1 overdue and III.3 in 7 days
    complete(report_obligation(leader.unit), when=timezone.now())
    reminder_email_deliver(email_id=result.email_ids[0])
    [message] = mail.outbox
    assert "trước ngày 29/02/2024" in message.body
    assert "15/12/2024" not in message.body
    assert ReminderEmail.objects.get(pk=result.email_ids[0]).status == Status.SENT


@pytest.mark.django_db
def test_email_with_nothing_left_to_say_is_cancelled(leader):
    complete(unit_plan_obligation(leader.unit))
    result = scan_on(date(2024, 12, 8))
    complete(report_obligation(leader.unit), when=timezone.now())
    assert reminder_email_deliver(email_id=result.email_ids[0]).status == Status.CANCELLED
    assert mail.outbox == []


# --- exactly once, claimed in the database --------------------------------------------------------


@pytest.mark.django_db
def test_a_second_scan_records_nothing_and_a_second_send_sends_nothing(leader):
    first = scan_on(date(2024, 12, 8))
    second = scan_on(date(2024, 12, 8))
    assert first.item_count == 2 and second.item_count == 0
    assert Reminder.objects.count() == 2
    email_id = first.email_ids[0]
    assert reminder_email_deliver(email_id=email_id).status == Status.SENT
    assert reminder_email_deliver(email_id=email_id).status == "skipped"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_claim_expires_when_its_worker_died_and_the_retry_scan_requeues_it(leader, settings):
    settings.REMINDER_CLAIM_TIMEOUT = 60
    result = scan_on(date(2024, 12, 8))
    email_id = result.email_ids[0]
    # a worker claimed it, then died before sending
    ReminderEmail.objects.filter(pk=email_id).update(
        status=Status.SENDING, claimed_at=timezone.now(), next_attempt_at=timezone.now() + timedelta(seconds=60)
    )
    assert reminder_email_deliver(email_id=email_id).status == "skipped"  # claim still held
    assert email_id not in reminder_emails_due()
    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        assert email_id in reminder_emails_due()
        assert reminder_email_deliver(email_id=email_id).status == Status.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_retry_scan_requeues_pending_emails_whose_message_was_lost(leader, settings):
    settings.REMINDER_REQUEUE_AFTER = 600
    result = scan_on(date(2024, 12, 8))
    email_id = result.email_ids[0]
    assert email_id not in reminder_emails_due(now=at(date(2024, 12, 8), minute=35))  # just queued
    later = at(date(2024, 12, 8), minute=41)
    assert email_id in reminder_emails_due(now=later)
    assert email_id not in reminder_emails_due(now=later)  # pushed forward: not queued every 5 minutes


@pytest.mark.django_db
def test_a_user_without_a_valid_address_is_a_permanent_failure(leader):
    User.objects.filter(pk=leader.pk).update(email="not-an-address")
    result = scan_on(date(2024, 12, 8))
    assert reminder_email_deliver(email_id=result.email_ids[0]).status == Status.FAILED
    email = ReminderEmail.objects.get(pk=result.email_ids[0])
    assert email.status == Status.FAILED and "no valid email address" in email.last_error
    assert email.pk not in reminder_emails_due(now=timezone.now() + timedelta(days=1))
