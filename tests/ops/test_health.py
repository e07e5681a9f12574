"""/healthz's checks: the database, the broker, beat's heartbeat and the daily reminder scan."""

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.db import OperationalError

from ops import health
from ops.models import Heartbeat
from ops.services import heartbeat_record
from tests.workers import free_port

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2024, 12, 14, 9, 0, tzinfo=VN)


def beats(*, beat: timedelta | None, scan: timedelta | None, beat_since: timedelta = timedelta(days=30)):
    """Heartbeats as if beat last ran ``beat`` ago (since ``beat_since``) and the scan ``scan`` ago."""
    if beat is not None:
        Heartbeat.objects.create(name=Heartbeat.BEAT, first_at=NOW - beat_since, last_at=NOW - beat)
    if scan is not None:
        Heartbeat.objects.create(name=Heartbeat.REMINDER_SCAN, first_at=NOW - scan, last_at=NOW - scan)


def test_all_well(db):
    beats(beat=timedelta(seconds=50), scan=timedelta(hours=1, minutes=30))
    healthy, body = health.health(now=NOW)
    assert healthy
    assert body == {
        "status": "ok",
        "checks": {
            "database": {"ok": True},
            "broker": {"ok": True},
            "beat": {"ok": True, "last_run": "2024-12-14T08:59:10+07:00", "age_seconds": 50},
            "reminder_scan": {"ok": True, "last_run": "2024-12-14T07:30:00+07:00", "age_seconds": 5400},
        },
    }


def test_beat_stopped(db):
    beats(beat=timedelta(minutes=42), scan=timedelta(hours=2))
    healthy, body = health.health(now=NOW)
    assert not healthy and body["status"] == "error"
    assert body["checks"]["beat"] == {
        "ok": False,
        "error": "Celery beat (hoặc mọi worker) đã không chạy trong 42 phút.",
        "last_run": "2024-12-14T08:18:00+07:00",
        "age_seconds": 2520,
    }
    assert body["reasons"] == ["Celery beat (hoặc mọi worker) đã không chạy trong 42 phút."]
    assert body["checks"]["reminder_scan"]["ok"]


def test_the_daily_scan_missed_a_day(db):
    beats(beat=timedelta(seconds=30), scan=timedelta(hours=26, minutes=1))
    healthy, body = health.health(now=NOW)
    assert not healthy
    assert body["reasons"] == ["Lượt rà soát nhắc hạn hằng ngày đã không chạy quá 26 giờ."]
    assert body["checks"]["reminder_scan"]["age_seconds"] == 26 * 3600 + 60


def test_before_the_first_daily_scan(db):
    """A new installation: beat started two hours ago, the first 07:30 scan is still to come."""
    beats(beat=timedelta(seconds=30), scan=None, beat_since=timedelta(hours=2))
    assert health.health(now=NOW)[0]
    Heartbeat.objects.filter(name=Heartbeat.BEAT).update(first_at=NOW - timedelta(days=2))
    healthy, body = health.health(now=NOW)
    assert not healthy and body["reasons"] == ["Lượt rà soát nhắc hạn hằng ngày chưa chạy lần nào."]


def test_beat_never_ran(db):
    healthy, body = health.health(now=NOW)
    assert not healthy
    assert body["reasons"] == [
        "Celery beat chưa chạy lần nào (hoặc chưa có worker nào chạy nhịp kiểm tra của nó).",
        "Lượt rà soát nhắc hạn hằng ngày chưa chạy lần nào.",
    ]


def test_broker_down_is_found_within_seconds():
    started = time.monotonic()
    check = health.broker_check(f"redis://127.0.0.1:{free_port()}/0")
    assert time.monotonic() - started < 5
    assert check == health.Check(ok=False, error="Không kết nối được hàng đợi tác vụ (broker).")


def test_database_down(db, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "10.0.0.5", port 5432 failed: password authentication failed')

    with monkeypatch.context() as patched:
        patched.setattr(health.connection, "ensure_connection", refuse)
        healthy, body = health.health(now=NOW)
    assert not healthy
    assert body["checks"]["database"] == {"ok": False, "error": "Không kết nối được cơ sở dữ liệu."}
    assert body["checks"]["beat"]["error"] == "Không rõ: không kết nối được cơ sở dữ liệu."
    assert "10.0.0.5" not in str(body) and "password" not in str(body)  # the reason, never the details


def test_heartbeat_record_keeps_the_first_run(db):
    with time_machine.travel(NOW, tick=False):
        heartbeat_record(name="beat")
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        heartbeat_record(name="beat")
    beat = Heartbeat.objects.get(name="beat")
    assert (beat.first_at, beat.last_at) == (NOW, NOW + timedelta(minutes=1))


def test_beats_task_records_the_heartbeat(db):
    from ops.jobs import beat_heartbeat

    with time_machine.travel(NOW, tick=False):
        beat_heartbeat.apply()
    assert Heartbeat.objects.get(name=Heartbeat.BEAT).last_at == NOW


def test_every_task_beat_sends_exists():
    """beat sends tasks by name: each name in the schedule is a registered task."""
    from config.celery_app import app

    app.loader.import_default_modules()
    names = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"ops.jobs.beat_heartbeat", "reports.jobs.report_jobs_requeue", "reminders.jobs.reminder_scan"} <= names
    assert names <= set(app.tasks), names - set(app.tasks)


def test_the_daily_reminder_scan_records_its_heartbeat(db):
    from reminders.jobs import reminder_scan

    with time_machine.travel(NOW, tick=False):
        reminder_scan.apply(args=["2024-12-08"])
    assert Heartbeat.objects.get(name=Heartbeat.REMINDER_SCAN).last_at == NOW
