"""The SMTP server down for hours: the reminders wait (reminders/delivery.py: "waiting to retry",
the periodic retry scan every 5 minutes) and, once it is back, each is sent once.

Over a real SMTP server on loopback (aiosmtpd, tests/reminders/conftest.py's ``Mailbox``), absent
while it is "down" (nothing listens on its port: connection refused). Six hours go by under
time-machine in the first test; the second runs the same through real `celery worker` processes
on Redis (tests/workers.py), with the workers' short backoff.
"""

import time
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from aiosmtpd.controller import Controller

from accounts.models import Unit, User
from reminders.delivery import reminder_email_deliver, reminder_emails_due
from reminders.models import ReminderEmail
from reminders.scan import reminders_scan
from tests.conftest import make_user
from tests.reminders.conftest import Mailbox
from tests.services import redis_url
from tests.workers import Workers, free_port, wait_for

pytestmark = pytest.mark.integration

Status = ReminderEmail.Status
VN = ZoneInfo("Asia/Ho_Chi_Minh")


class SmtpServer:
    """An SMTP server on a fixed port that can be down (not listening) and come back."""

    def __init__(self):
        self.mailbox = Mailbox()
        self.mailbox.port = self.port = free_port()
        self.controller = None

    def up(self):
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def down(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(settings):
    server = SmtpServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.down()


def leaders(count: int) -> list[User]:
    units = Unit.objects.filter(obligations__deliverable__key="bao-cao-ket-qua").order_by("key")[:count]
    return [make_user(f"{unit.key}.leader", role=User.Role.LEADER, unit=unit) for unit in units]


def test_down_for_six_hours_then_each_reminder_once(db, smtp_server):
    people = leaders(3)
    expected = {u.email for u in people}
    with time_machine.travel(datetime(2024, 12, 8, 7, 30, tzinfo=VN), tick=False) as clock:
        email_ids = reminders_scan(day=date(2024, 12, 8)).email_ids
        assert len(email_ids) == 3
        for email_id in email_ids:  # the worker's first try, as the scan queues it
            assert reminder_email_deliver(email_id=email_id).status == Status.RETRY
        for _ in range(6 * 12):  # six hours of beat's retry scan, every 5 minutes
            clock.shift(timedelta(minutes=5))
            for email_id in reminder_emails_due():
                reminder_email_deliver(email_id=email_id)
        emails = ReminderEmail.objects.filter(pk__in=email_ids)
        assert set(emails.values_list("status", flat=True)) == {Status.RETRY}  # waiting, not given up
        assert min(emails.values_list("attempts", flat=True)) >= 60
        assert "ConnectionRefused" in emails.first().last_error
        assert smtp_server.mailbox.received() == []

        smtp_server.up()
        for _ in range(4):  # the next scans: sent once, then nothing more
            clock.shift(timedelta(minutes=5))
            for email_id in reminder_emails_due():
                reminder_email_deliver(email_id=email_id)
    assert sorted(smtp_server.mailbox.received()) == sorted(expected)
    assert set(ReminderEmail.objects.filter(pk__in=email_ids).values_list("status", flat=True)) == {Status.SENT}


def test_down_then_back_through_the_workers(plan_data, smtp_server, tmp_path):
    """beat's 07:30 scan reaches the workers while the SMTP server is down; they retry (1, 2, 3, 5 s
    here) and the retry scan keeps them waiting; the server comes back: each email arrives once."""
    people = leaders(4)
    expected = {u.email for u in people}
    pool = Workers(tmp_path, redis_url(), smtp_port=smtp_server.port)
    try:
        pool.start()
        pool.send("reminders.jobs.reminder_scan", "2024-12-08")
        wait_for(
            lambda: ReminderEmail.objects.filter(status=Status.RETRY, attempts__gte=3).count() == 4,
            90,
            interval=1,
            every=lambda: pool.send("reminders.jobs.reminder_retry_due"),
            what="three failed tries of each email",
        )
        assert smtp_server.mailbox.received() == []
        smtp_server.up()
        wait_for(
            lambda: set(smtp_server.mailbox.received()) == expected,
            90,
            interval=1,
            every=lambda: pool.send("reminders.jobs.reminder_retry_due"),
            what="every email once the server is back",
        )
        for _ in range(3):
            pool.send("reminders.jobs.reminder_retry_due")
        time.sleep(3)
        counts = Counter(smtp_server.mailbox.received())
        assert counts == dict.fromkeys(expected, 1), pool.logs()
        assert set(ReminderEmail.objects.values_list("status", flat=True)) == {Status.SENT}
    finally:
        pool.close()
