"""Deadline reminders: the rule (every offset, overdue repeats, catch-up), the scan, the digest
email in Vietnamese, preferences, exactly once at the database level, the log in the API and the
admin, and the command. Real SMTP, Redis and a worker process: test_reminders_integration.py."""

from datetime import date, datetime, timedelta
from email import message_from_string
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Unit, User
from reminders.models import Reminder, ReminderEmail, ReminderKind
from reminders.services import reminder_email_deliver, reminder_emails_due, reminder_stage, reminders_scan
from tasks.models import Obligation
from tests.conftest import make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")
OFFSETS = [14, 7, 3, 1, 0]
Status = ReminderEmail.Status


def at(day: date, hour=7, minute=30) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN)


def report_obligation(unit) -> Obligation:
    """III.3, the results report: "trước ngày 15/12/2024"."""
    return Obligation.objects.get(unit=unit, deliverable__key="bao-cao-ket-qua")


def unit_plan_obligation(unit) -> Obligation:
    """1.1, the unit's own plan: "trước ngày 29/02/2024"."""
    return Obligation.objects.get(unit=unit, deliverable__key="unit-plan")


def complete(obligation, when=datetime(2024, 2, 20, 9, 0, tzinfo=VN)):
    Obligation.objects.filter(pk=obligation.pk).update(status="completed", completed_at=when)


def scan_on(day: date, **kwargs):
    with time_machine.travel(at(day), tick=False):
        return reminders_scan(queue=False, **kwargs)


def sent_stages(obligation, user):
    return list(
        Reminder.objects.filter(obligation=obligation, recipient=user)
        .order_by("day")
        .values_list("day", "kind", "stage")
    )


# --- the rule, pure --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [
        (20, None),
        (15, None),
        (14, ("upcoming", 14)),
        (13, ("upcoming", 14)),
        (8, ("upcoming", 14)),
        (7, ("upcoming", 7)),
        (4, ("upcoming", 7)),
        (3, ("upcoming", 3)),
        (2, ("upcoming", 3)),
        (1, ("upcoming", 1)),
    ],
)
def test_stage_before_the_due_date_is_the_latest_offset_reached(days_left, expected):
    due = date(2024, 12, 15)
    assert (
        reminder_stage(due_date=due, day=due - timedelta(days=days_left), overdue=False, offsets=OFFSETS, repeat_days=7)
        == expected
    )


@pytest.mark.parametrize(
    ("days_after", "stage"), [(0, 0), (1, 0), (6, 0), (7, 7), (13, 7), (14, 14), (21, 21), (300, 294)]
)
def test_overdue_stage_repeats_every_7_days_from_the_due_date(days_after, stage):
    due = date(2024, 12, 15)
    assert reminder_stage(
        due_date=due, day=due + timedelta(days=days_after), overdue=True, offsets=OFFSETS, repeat_days=7
    ) == ("overdue", stage)


# --- the scan, day by day --------------------------------------------------------------------


@pytest.mark.django_db
def test_daily_scans_send_every_offset_then_overdue_every_7_days(leader):
    report = report_obligation(leader.unit)
    day = date(2024, 11, 25)
    while day <= date(2025, 1, 10):
        scan_on(day)
        day += timedelta(days=1)
    assert sent_stages(report, leader) == [
        (date(2024, 12, 1), "upcoming", 14),
        (date(2024, 12, 8), "upcoming", 7),
        (date(2024, 12, 12), "upcoming", 3),
        (date(2024, 12, 14), "upcoming", 1),
        (date(2024, 12, 15), "overdue", 0),  # due at 00:00 on 15/12: overdue that morning
        (date(2024, 12, 22), "overdue", 7),
        (date(2024, 12, 29), "overdue", 14),
        (date(2025, 1, 5), "overdue", 21),
    ]
    # one email per day at most, and only on the days something was due
    days = list(ReminderEmail.objects.filter(recipient=leader).values_list("day", flat=True))
    assert len(days) == len(set(days))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "kind", "stage", "state_text", "days_text"),
    [
        (date(2024, 12, 1), "upcoming", 14, "Chưa đến hạn", "còn 14 ngày"),
        (date(2024, 12, 8), "upcoming", 7, "Sắp đến hạn", "còn 7 ngày"),
        (date(2024, 12, 12), "upcoming", 3, "Sắp đến hạn", "còn 3 ngày"),
        (date(2024, 12, 14), "upcoming", 1, "Sắp đến hạn", "còn 1 ngày"),
        (date(2024, 12, 15), "overdue", 0, "Quá hạn", "quá hạn 1 ngày"),
        (date(2024, 12, 22), "overdue", 7, "Quá hạn", "quá hạn 8 ngày"),
    ],
)
def test_each_offset_on_its_day_with_the_email_text(leader, day, kind, stage, state_text, days_text):
    complete(unit_plan_obligation(leader.unit))
    report = report_obligation(leader.unit)
    result = scan_on(day)
    mine = [(p.obligation.pk, p.kind, p.stage) for p in result.planned[leader.pk]]
    assert (report.pk, kind, stage) in mine
    assert scan_on(day).planned.get(leader.pk) is None  # the same day again: nothing new
    with time_machine.travel(at(day), tick=False):
        assert reminder_email_deliver(email_id=result.email_ids[0]).status == Status.SENT
    [message] = [m for m in mail.outbox if m.to == [leader.email]]
    body = message.body
    assert "Báo cáo kết quả thực hiện Kế hoạch" in body
    assert "trước ngày 15/12/2024" in body
    assert f"{state_text}, {days_text}" in body
    assert f"http://127.0.0.1:8000/don-vi/{report.unit_id}/#nghia-vu-{report.pk}" in body


@pytest.mark.django_db
def test_catch_up_sends_only_the_latest_stage(leader):
    complete(unit_plan_obligation(leader.unit))
    report = report_obligation(leader.unit)
    scan_on(date(2024, 11, 20))  # nothing due yet
    # the scan did not run from 21/11 to 09/12: on 10/12 only the 7-day reminder, not 14 and 7
    result = scan_on(date(2024, 12, 10))
    assert [(p.kind, p.stage) for p in result.planned[leader.pk] if p.obligation == report] == [("upcoming", 7)]
    # nor from 11/12 to 30/12: on 31/12 one overdue reminder (the 14-day repeat), no burst
    result = scan_on(date(2024, 12, 31))
    assert [(p.kind, p.stage) for p in result.planned[leader.pk] if p.obligation == report] == [("overdue", 14)]
    assert sent_stages(report, leader) == [
        (date(2024, 12, 10), "upcoming", 7),
        (date(2024, 12, 31), "overdue", 14),
    ]


@pytest.mark.django_db
def test_first_run_long_after_a_deadline_sends_one_overdue_reminder(leader):
    unit_plan = unit_plan_obligation(leader.unit)  # due 29/02/2024
    result = scan_on(date(2024, 12, 8))
    assert [(p.kind, p.stage) for p in result.planned[leader.pk] if p.obligation == unit_plan] == [("overdue", 280)]
    assert scan_on(date(2024, 12, 11)).planned.get(leader.pk) is None
    result = scan_on(date(2024, 12, 12))  # 287 days after
    assert [(p.kind, p.stage) for p in result.planned[leader.pk] if p.obligation == unit_plan] == [("overdue", 287)]


@pytest.mark.django_db
def test_completed_obligations_get_no_reminder(leader):
    complete(unit_plan_obligation(leader.unit))
    complete(report_obligation(leader.unit), when=datetime(2024, 12, 1, 9, tzinfo=VN))
    assert scan_on(date(2024, 12, 8)).planned.get(leader.pk) is None


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


# --- one email per person per day, in Vietnamese ---------------------------------------------


@pytest.mark.django_db
def test_one_digest_per_recipient_per_day_listing_every_item(leader):
    result = scan_on(date(2024, 12, 8))
    assert len(result.planned[leader.pk]) == 2  # 1.1 overdue, III.3 in 7 days
    assert ReminderEmail.objects.filter(recipient=leader).count() == 1
    reminder_email_deliver(email_id=result.email_ids[0])
    [message] = mail.outbox
    assert message.to == ["ca01.leader@example.test"]
    assert message.subject == "[PBGDPL] Nhắc hạn ngày 08/12/2024: 2 nội dung cần thực hiện"
    assert "Công an thành phố Hà Nội" in message.body
    assert "SẮP ĐẾN HẠN" in message.body and "QUÁ HẠN" in message.body
    assert "1.1 Xây dựng Kế hoạch thực hiện Đề án năm 2024" in message.body
    assert "Quá hạn, quá hạn 284 ngày" in message.body
    assert "Thư này được gửi tự động" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert '<html lang="vi">' in html
    assert "trước ngày 15/12/2024" in html and "còn 7 ngày" in html
    parsed = message_from_string(message.message().as_string())
    assert parsed["Message-ID"] == f"<reminder-{result.email_ids[0]}.20241208@bocongan.gov.vn>"
    assert parsed["Auto-Submitted"] == "auto-generated"


@pytest.mark.django_db
def test_reviewers_get_one_overdue_summary_grouped_by_unit(leader, reviewer):
    result = scan_on(date(2024, 12, 15))  # III.3 of every unit overdue from today
    items = result.planned[reviewer.pk]
    assert {p.kind for p in items} == {ReminderKind.OVERDUE_SUMMARY}
    assert len({p.obligation.unit_id for p in items}) > 60
    assert ReminderEmail.objects.filter(recipient=reviewer).count() == 1
    email = ReminderEmail.objects.get(recipient=reviewer)
    reminder_email_deliver(email_id=email.pk)
    [message] = [m for m in mail.outbox if m.to == [reviewer.email]]
    assert message.subject.startswith("[PBGDPL] Tổng hợp quá hạn ngày 15/12/2024: ")
    assert "Công an thành phố Hà Nội (" in message.body and "Công an tỉnh Cà Mau (" in message.body
    assert "Tổng hợp các nội dung quá hạn của Kế hoạch ngày 15/12/2024 theo đơn vị" in message.body
    # the summary follows the overdue repeats: nothing new the next day
    assert scan_on(date(2024, 12, 16)).planned.get(reviewer.pk) is None


# --- preferences -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_reminders_mode_and_summary_switch(leader, reviewer):
    leader.reminder_mode = User.ReminderMode.NONE
    leader.save()
    reviewer.overdue_summary = False
    reviewer.save()
    result = scan_on(date(2024, 12, 15))
    assert leader.pk not in result.planned and reviewer.pk not in result.planned


@pytest.mark.django_db
def test_reporters_only_when_the_setting_says_so(leader, reporter, settings):
    assert reporter.pk not in scan_on(date(2024, 12, 8), dry_run=True).planned
    settings.REMINDER_INCLUDE_REPORTERS = True
    assert reporter.pk in scan_on(date(2024, 12, 8), dry_run=True).planned


@pytest.mark.django_db
def test_inactive_users_and_other_units_get_nothing(leader, other_leader):
    other_leader.is_active = False
    other_leader.save()
    result = scan_on(date(2024, 12, 8))
    assert set(result.planned) == {leader.pk}
    assert {p.obligation.unit_id for p in result.planned[leader.pk]} == {leader.unit_id}


# --- exactly once, at the database level -----------------------------------------------------


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
def test_the_unique_constraint_refuses_a_duplicate_reminder(leader):
    from django.db import IntegrityError, transaction

    scan_on(date(2024, 12, 8))
    r = Reminder.objects.filter(recipient=leader).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(
            obligation=r.obligation,
            unit=r.unit,
            recipient=leader,
            email=r.email,
            kind=r.kind,
            due_date=r.due_date,
            stage=r.stage,
            day=r.day + timedelta(days=1),
            created_at=timezone.now(),
        )


@pytest.mark.django_db
def test_items_found_after_the_days_email_went_wait_for_the_next_day(leader, settings):
    complete(unit_plan_obligation(leader.unit))
    first = scan_on(date(2024, 12, 8))
    reminder_email_deliver(email_id=first.email_ids[0])
    settings.REMINDER_OFFSETS = [30, 14, 7, 3, 1, 0]  # the year-long tasks (due 01/01/2025) now count
    later = scan_on(date(2024, 12, 8))
    assert later.deferred > 0 and later.email_ids == []
    assert ReminderEmail.objects.filter(recipient=leader).count() == 1  # still one email that day
    nxt = scan_on(date(2024, 12, 9))
    assert len(nxt.planned[leader.pk]) == later.deferred


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


@pytest.mark.django_db
def test_scan_queues_one_send_task_per_email_after_commit(leader, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, time_machine.travel(at(date(2024, 12, 15)), tick=False):
        result = reminders_scan()
    assert len(result.email_ids) == 2
    assert len(callbacks) == 2


# --- speed: the query count does not grow with the number of units ---------------------------


def scan_queries(day: date) -> int:
    with CaptureQueriesContext(connection) as ctx, time_machine.travel(at(day), tick=False):
        reminders_scan(queue=False)
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_scan_query_count_does_not_grow_with_units(reviewer):
    provinces = list(Unit.objects.filter(kind=Unit.Kind.PROVINCE, valid_from__isnull=True).order_by("key"))
    for unit in provinces[:2]:
        make_user(f"{unit.key}.leader", role=User.Role.LEADER, unit=unit)
    few = scan_queries(date(2024, 12, 15))
    assert ReminderEmail.objects.count() == 3
    for unit in provinces[2:40]:
        for n in range(3):
            make_user(f"{unit.key}.leader{n}", role=User.Role.LEADER, unit=unit)
    many = scan_queries(date(2024, 12, 22))
    assert ReminderEmail.objects.count() == 3 + 3 + 38 * 3
    assert Reminder.objects.filter(day=date(2024, 12, 22)).count() > 38 * 3 * 2
    assert many == few, (few, many)
    assert many <= 12


# --- the command -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_send_reminders_dry_run_then_for_real_then_nothing(leader, other_leader, capsys):
    call_command("send_reminders", "--as-of", "2024-12-08", "--dry-run")
    out = capsys.readouterr().out
    assert "ca01.leader <ca01.leader@example.test>: 2" in out
    assert "Công an thành phố Hà Nội · III.3 · trước ngày 15/12/2024" in out
    assert Reminder.objects.count() == 0 and mail.outbox == []

    call_command("send_reminders", "--as-of", "2024-12-08")
    out = capsys.readouterr().out
    assert "đã gửi 2 thư" in out
    assert sorted(m.to[0] for m in mail.outbox) == ["ca01.leader@example.test", "ca79.leader@example.test"]

    call_command("send_reminders", "--as-of", "2024-12-08")
    assert "đã gửi 0 thư" in capsys.readouterr().out
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_send_reminders_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không phải là ngày"):
        call_command("send_reminders", "--as-of", "2024-02-30")


# --- the log in the API and the admin --------------------------------------------------------


@pytest.fixture
def logged(leader, reporter, other_leader, reviewer, settings):
    settings.REMINDER_INCLUDE_REPORTERS = True
    result = scan_on(date(2024, 12, 15))
    for email_id in result.email_ids:
        reminder_email_deliver(email_id=email_id)
    return result


@pytest.mark.django_db
def test_api_log_is_scoped(api_as, logged, leader, reporter, other_leader, reviewer):
    def ids(user, query=""):
        r = api_as(user).get(f"/api/v1/reminders/?page_size=1000{query}")
        assert r.status_code == 200
        return {row["id"] for row in r.json()["results"]}, r.json()

    unit_rows = set(Reminder.objects.filter(unit=leader.unit, recipient__unit=leader.unit).values_list("pk", flat=True))
    assert ids(leader)[0] == unit_rows  # the leader's and the reporter's reminders of ca01
    assert ids(reporter)[0] == set(Reminder.objects.filter(recipient=reporter).values_list("pk", flat=True))
    assert ids(other_leader)[0] == set(Reminder.objects.filter(recipient=other_leader).values_list("pk", flat=True))
    everything, _ = ids(reviewer)
    assert len(everything) == Reminder.objects.count()

    someone_else = Reminder.objects.filter(recipient=other_leader).first()
    assert api_as(leader).get(f"/api/v1/reminders/{someone_else.pk}/").status_code == 404
    _, body = ids(leader, f"&recipient={leader.pk}&status=sent")
    row = body["results"][0]
    assert row["status"] == "sent" and row["status_display"] == "Đã gửi"
    assert row["unit"]["key"] == "ca01" and row["recipient"]["username"] == "ca01.leader"
    assert row["deadline"] in ("trước ngày 15/12/2024", "trước ngày 29/02/2024")


@pytest.mark.django_db
def test_api_log_query_count_does_not_grow_with_rows(api_as, logged, reviewer, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        r = api_as(reviewer).get("/api/v1/reminders/?page_size=10")
    assert r.status_code == 200
    with django_assert_max_num_queries(4):
        r = api_as(reviewer).get("/api/v1/reminders/?page_size=200")
    assert len(r.json()["results"]) == Reminder.objects.count() > 100


@pytest.mark.django_db
def test_admin_shows_failed_emails(client, leader):
    User.objects.filter(pk=leader.pk).update(email="")
    result = scan_on(date(2024, 12, 8))
    reminder_email_deliver(email_id=result.email_ids[0])
    admin = User.objects.create_superuser("root", "root@example.test", "pw-Test-123")
    client.force_login(admin)
    r = client.get("/admin/reminders/reminderemail/?status__exact=failed")
    assert r.status_code == 200
    assert "no valid email address" in r.content.decode()
    r = client.get(f"/admin/reminders/reminderemail/{result.email_ids[0]}/change/")
    assert r.status_code == 200
    r = client.post(
        "/admin/reminders/reminderemail/",
        {"action": "retry_now", "_selected_action": [result.email_ids[0]]},
        follow=True,
    )
    assert r.status_code == 200
    assert ReminderEmail.objects.get(pk=result.email_ids[0]).status == Status.RETRY
    assert client.get("/admin/reminders/reminder/").status_code == 200


# --- the schedule ----------------------------------------------------------------------------


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
