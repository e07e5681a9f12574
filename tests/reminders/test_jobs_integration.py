"""Reminders with the real parts: an SMTP server on loopback (aiosmtpd), Redis as the broker, and
real `celery worker` processes sharing the test database (tests/workers.py).

Required on CI (CI=true): a missing Redis fails these tests; elsewhere they are skipped. Workers get
a private queue, so that other test runs on the same Redis can't take their tasks.
"""

import re
import shutil
import subprocess
import time
from collections import Counter
from datetime import date

import pytest
from django.utils import timezone

from accounts.models import Unit, User
from reminders.models import Reminder, ReminderEmail
from reminders.scan import reminders_due, reminders_scan
from tests.conftest import make_user
from tests.reminders.helpers import subject_of
from tests.services import reachable, redis_url, unavailable
from tests.workers import Workers, free_port, wait_for

pytestmark = pytest.mark.integration

Status = ReminderEmail.Status


# --- real worker processes on Redis ----------------------------------------------------------


@pytest.fixture
def workers(plan_data, smtp, tmp_path):
    pool = Workers(tmp_path, redis_url(), smtp_port=smtp.port)
    yield pool
    pool.close()


def leaders(count: int) -> list[User]:
    """``count`` leaders, up to three per unit, over the units that owe the 15/12 report."""
    units = list(Unit.objects.filter(obligations__deliverable__key="bao-cao-ket-qua").order_by("kind", "key"))
    users = []
    for i in range(count):
        unit = units[i % len(units)]
        users.append(make_user(f"{unit.key}.leader{i // len(units)}", role=User.Role.LEADER, unit=unit))
    return users


def test_beats_task_through_redis_to_a_worker_to_smtp(workers, smtp):
    people = [*leaders(2), make_user("v03.reviewer", role=User.Role.REVIEWER, unit=Unit.objects.get(key="v03"))]
    workers.start()
    workers.send("reminders.jobs.reminder_scan")  # as beat sends it at 07:30: no arguments, today
    expected = {u.email for u in people}
    wait_for(lambda: set(smtp.received()) == expected, 60, what="three emails")
    time.sleep(1)
    assert sorted(smtp.received()) == sorted(expected)

    today = timezone.localdate().strftime("%d/%m/%Y")
    leader = people[0]
    [message] = smtp.for_(leader.email)
    assert message["To"] == leader.email
    assert subject_of(message).startswith(f"[PBGDPL] Nhắc hạn ngày {today}: ")
    text = message.get_body(("plain",)).get_content()
    assert "Kính gửi đồng chí" in text and leader.unit.name in text
    assert "trước ngày 15/12/2024" in text and "Quá hạn, quá hạn" in text
    assert "http://127.0.0.1:8000/don-vi/" in text
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", d) for d in re.findall(r"\b\d+/\d+/\d+\b", text))
    assert message.get_body(("html",)) is not None
    [summary] = smtp.for_("v03.reviewer@example.test")
    assert subject_of(summary).startswith(f"[PBGDPL] Tổng hợp quá hạn ngày {today}: ")

    # beat's second run of the day (or a second beat): nothing more
    workers.send("reminders.jobs.reminder_scan")
    workers.send("reminders.jobs.reminder_retry_due")
    time.sleep(3)
    assert sorted(smtp.received()) == sorted(expected)
    assert set(ReminderEmail.objects.values_list("status", flat=True)) == {Status.SENT}


def test_sigkill_in_the_middle_of_200_reminders_each_arrives_once(workers, smtp):
    people = leaders(200)
    expected = {u.email for u in people}
    expected_items = reminders_due(day=date(2024, 12, 8)).item_count  # III.3 in 7 days, 1.1 overdue…
    assert len(expected) == 200
    smtp.delay = 0.03  # slow enough for the kill to land in the middle of the batch
    first = workers.start()
    workers.send("reminders.jobs.reminder_scan", "2024-12-08")
    wait_for(lambda: len(smtp.received()) >= 40, 60, interval=0.02, what="40 emails")
    workers.kill(first)
    killed_at = len(smtp.received())
    assert killed_at < 200
    assert ReminderEmail.objects.exclude(status=Status.SENT).exists()

    workers.start()
    wait_for(
        lambda: set(smtp.received()) == expected and not ReminderEmail.objects.exclude(status=Status.SENT).exists(),
        180,
        interval=1,
        every=lambda: workers.send("reminders.jobs.reminder_retry_due"),  # beat, every 5 minutes
        what="every email",
    )
    time.sleep(2)
    counts = Counter(smtp.received())
    assert {a: n for a, n in counts.items() if n != 1} == {}, workers.logs()
    assert set(counts) == expected
    assert ReminderEmail.objects.count() == 200
    assert Reminder.objects.count() == expected_items > 400


def test_451_then_250_through_the_worker(workers, smtp):
    [leader] = leaders(1)
    smtp.fail_once = {leader.email}
    workers.start()
    workers.send("reminders.jobs.reminder_scan", "2024-12-08")
    wait_for(lambda: smtp.received() == [leader.email], 60, what="the retried email")
    time.sleep(2)
    assert smtp.received() == [leader.email]
    assert smtp.attempts[leader.email] == 2
    stored = ReminderEmail.objects.get(recipient=leader)
    assert stored.status == Status.SENT and stored.attempts == 2


def test_scans_at_the_same_time_send_no_duplicate(workers, smtp, settings):
    people = [*leaders(30), make_user("v03.reviewer", role=User.Role.REVIEWER, unit=Unit.objects.get(key="v03"))]
    settings.REMINDER_REQUEUE_AFTER = 1  # for the emails of the scan run here, which queues nothing
    day = date(2024, 12, 15)
    expected_items = reminders_due(day=day).item_count
    workers.start(concurrency=2)
    workers.start(concurrency=2)
    for _ in range(4):  # beat started twice, and more
        workers.send("reminders.jobs.reminder_scan", day.isoformat())
    reminders_scan(day=day)  # and one by hand at the same moment
    expected = {u.email for u in people}
    wait_for(
        lambda: set(smtp.received()) == expected,
        90,
        interval=1,
        every=lambda: workers.send("reminders.jobs.reminder_retry_due"),
        what="every email",
    )
    time.sleep(2)
    assert sorted(smtp.received()) == sorted(expected)
    assert Reminder.objects.count() == expected_items
    assert ReminderEmail.objects.count() == len(people)


# --- Redis restarts --------------------------------------------------------------------------


@pytest.fixture
def private_redis(tmp_path):
    binary = shutil.which("redis-server")
    if not binary:
        unavailable("redis-server is not installed")
    port = free_port()

    class Server:
        url = f"redis://127.0.0.1:{port}/0"
        proc = None

        def start(self):
            self.proc = subprocess.Popen(
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                cwd=tmp_path,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wait_for(lambda: reachable("127.0.0.1", port, timeout=0.2), 10, what="redis-server")

        def stop(self):
            self.proc.kill()  # no persistence: every queued message is gone
            self.proc.wait(timeout=10)

    server = Server()
    server.start()
    yield server
    if server.proc.poll() is None:
        server.stop()


def test_redis_restart_loses_queued_messages_but_no_email(plan_data, smtp, private_redis, tmp_path, settings):
    settings.REMINDER_REQUEUE_AFTER = 1
    people = leaders(20)
    expected = {u.email for u in people}
    pool = Workers(tmp_path, private_redis.url, smtp_port=smtp.port)
    try:
        email_ids = reminders_scan(day=date(2024, 12, 8)).email_ids
        for email_id in email_ids:  # what the scan queues after its commit
            pool.send("reminders.jobs.reminder_email_send", email_id)
        private_redis.stop()  # Redis restarts before any worker took them
        private_redis.start()
        pool.start()
        time.sleep(2)
        assert smtp.received() == []  # the messages were lost with Redis
        private_redis.stop()  # and once more under a running worker, which reconnects
        private_redis.start()
        time.sleep(1)
        wait_for(
            lambda: set(smtp.received()) == expected,
            90,
            interval=1,
            every=lambda: pool.send("reminders.jobs.reminder_retry_due"),
            what="every email after the restarts",
        )
        time.sleep(2)
        assert sorted(smtp.received()) == sorted(expected), pool.logs()
    finally:
        pool.close()
