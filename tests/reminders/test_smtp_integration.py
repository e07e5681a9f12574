"""reminders/delivery.py and reminders/smtp.py over a real SMTP server on loopback (aiosmtpd, in
tests/reminders/conftest.py): the parsed digest, temporary and permanent failures, the backoff, and
the commit point before the final dot. Real worker processes: test_jobs_integration.py."""

import re
import time
from datetime import date, timedelta

import pytest
from django.utils import timezone

from reminders.delivery import reminder_email_deliver, reminder_emails_due
from reminders.models import ReminderEmail
from reminders.scan import reminders_scan
from reminders.smtp import ClaimLost, send_with_commit_point
from tests.reminders.helpers import subject_of
from tests.workers import free_port, wait_for

pytestmark = pytest.mark.integration

Status = ReminderEmail.Status


def scan(day: date) -> list[int]:
    return reminders_scan(day=day).email_ids


@pytest.mark.django_db
def test_digest_over_smtp_parsed(smtp_settings, smtp, leader):
    [email_id] = scan(date(2024, 12, 8))
    assert reminder_email_deliver(email_id=email_id).status == Status.SENT
    [message] = smtp.for_("ca01.leader@example.test")
    assert message["To"] == "ca01.leader@example.test"
    assert subject_of(message) == "[PBGDPL] Nhắc hạn ngày 08/12/2024: 2 nội dung cần thực hiện"
    assert message["Message-ID"] == f"<reminder-{email_id}.20241208@bocongan.gov.vn>"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Kính gửi đồng chí" in text and "Công an thành phố Hà Nội" in text
    assert "trước ngày 15/12/2024" in text and "Sắp đến hạn, còn 7 ngày" in text
    assert "trước ngày 29/02/2024" in text and "Quá hạn, quá hạn 284 ngày" in text
    assert "còn 7 ngày" in html
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", d) for d in re.findall(r"\b\d+/\d+/\d+\b", text))
    stored = ReminderEmail.objects.get(pk=email_id)
    assert stored.to_address == "ca01.leader@example.test" and stored.message_id == message["Message-ID"]


@pytest.mark.django_db
def test_451_then_250_is_delivered_once(smtp_settings, smtp, leader):
    smtp.fail_once = {"ca01.leader@example.test"}
    [email_id] = scan(date(2024, 12, 8))
    first = reminder_email_deliver(email_id=email_id)
    assert first.status == Status.RETRY and first.retry_in == 10  # backoff 10, 30, 60, 300 s
    stored = ReminderEmail.objects.get(pk=email_id)
    assert "451" in stored.last_error and stored.sent_at is None
    assert 9 <= (stored.next_attempt_at - timezone.now()).total_seconds() <= 10
    assert reminder_email_deliver(email_id=email_id).status == "skipped"  # not before its time
    ReminderEmail.objects.filter(pk=email_id).update(next_attempt_at=timezone.now())
    assert email_id in reminder_emails_due()
    assert reminder_email_deliver(email_id=email_id).status == Status.SENT
    assert smtp.received() == ["ca01.leader@example.test"]
    assert smtp.attempts["ca01.leader@example.test"] == 2
    assert ReminderEmail.objects.get(pk=email_id).attempts == 2


@pytest.mark.django_db
def test_backoff_grows_10_30_60_300(smtp_settings, smtp, leader):
    [email_id] = scan(date(2024, 12, 8))
    waits = []
    for _ in range(5):
        smtp.fail_once = {"ca01.leader@example.test"}
        waits.append(reminder_email_deliver(email_id=email_id).retry_in)
        ReminderEmail.objects.filter(pk=email_id).update(next_attempt_at=timezone.now())
    assert waits == [10, 30, 60, 300, 300]


@pytest.mark.django_db
def test_550_is_a_permanent_failure_shown_to_admins(smtp_settings, smtp, leader):
    smtp.reject = {"ca01.leader@example.test"}
    [email_id] = scan(date(2024, 12, 8))
    assert reminder_email_deliver(email_id=email_id).status == Status.FAILED
    stored = ReminderEmail.objects.get(pk=email_id)
    assert "550" in stored.last_error
    assert email_id not in reminder_emails_due(now=timezone.now() + timedelta(days=1))
    assert smtp.received() == []


@pytest.mark.django_db
def test_connection_refused_waits_to_retry(smtp_settings, leader):
    smtp_settings.EMAIL_PORT = free_port()  # nothing listens there
    [email_id] = scan(date(2024, 12, 8))
    assert reminder_email_deliver(email_id=email_id).status == Status.RETRY
    assert "ConnectionRefused" in ReminderEmail.objects.get(pk=email_id).last_error


@pytest.mark.django_db
def test_a_lost_claim_before_the_final_dot_delivers_nothing(smtp_settings, smtp):
    from django.core.mail import EmailMessage

    message = EmailMessage("x", "y", "a@example.test", ["b@example.test"])
    with pytest.raises(ClaimLost):
        send_with_commit_point(message, commit=lambda: False)
    time.sleep(0.3)
    assert smtp.received() == []
    send_with_commit_point(message, commit=lambda: True)
    wait_for(lambda: smtp.received() == ["b@example.test"], 5, what="the message")
