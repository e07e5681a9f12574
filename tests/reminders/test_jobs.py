"""reminders/jobs.py and the schedule in config/celery_app.py, without a worker (with real worker
processes on Redis: test_jobs_integration.py)."""

from datetime import date

import pytest
import time_machine

from reminders.jobs import reminder_scan
from reminders.scan import reminders_scan
from tests.reminders.helpers import at

# --- the daily scan queues the emails after its commit --------------------------------------------


@pytest.mark.django_db
def test_scan_queues_one_send_task_per_email_after_commit(leader, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, time_machine.travel(at(date(2024, 12, 15)), tick=False):
        summary = reminder_scan()  # as beat sends it: no arguments, today
    assert summary["day"] == "2024-12-15" and summary["emails"] == 2
    assert len(callbacks) == 2


@pytest.mark.django_db
def test_the_scan_itself_queues_nothing(leader, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        result = reminders_scan(day=date(2024, 12, 15))
    assert len(result.email_ids) == 2
    assert callbacks == []


# --- the schedule ---------------------------------------------------------------------------------


def test_beat_schedule_declares_the_scan_at_0730_and_the_retry_every_5_minutes():
    from config.celery_app import app

    schedule = {entry["task"]: entry["schedule"] for entry in app.conf.beat_schedule.values()}
    scan = schedule["reminders.jobs.reminder_scan"]
    assert scan.hour == {7} and scan.minute == {30}
    assert schedule["reminders.jobs.reminder_retry_due"].minute == set(range(0, 60, 5))
    assert app.conf.timezone == "Asia/Ho_Chi_Minh"
    app.loader.import_default_modules()
    assert {
        "reminders.jobs.reminder_scan",
        "reminders.jobs.reminder_email_send",
        "reminders.jobs.reminder_retry_due",
    } <= set(app.tasks)
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    assert app.conf.task_time_limit and app.conf.task_soft_time_limit
