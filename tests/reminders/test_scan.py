"""reminders/scan.py: the rule (every offset, overdue repeats, catch-up), the scan day by day,
preferences, recording once at the database level, and the query count."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Unit, User
from reminders.delivery import reminder_email_deliver
from reminders.models import Reminder, ReminderEmail
from reminders.scan import reminder_stage, reminders_scan
from tests.conftest import make_user
from tests.reminders.helpers import (
    OFFSETS,
    VN,
    at,
    complete,
    report_obligation,
    scan_on,
    sent_stages,
    unit_plan_obligation,
)

# --- the rule, pure -------------------------------------------------------------------------------


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


# --- the scan, day by day -------------------------------------------------------------------------


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


# --- preferences ----------------------------------------------------------------------------------


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


@pytest.mark.django_db
def test_only_the_units_own_leaders_and_members_get_its_reminders(leader, unit, settings):
    """``User.is_leader_of`` / ``is_member_of`` decide: an administrator or a reviewer attached to
    a unit is not one of its members, and gets no reminder about the unit's own obligations."""
    settings.REMINDER_INCLUDE_REPORTERS = True
    admin = make_user("ca01.admin", role=User.Role.ADMIN, unit=unit)
    reviewer_here = make_user("ca01.reviewer", role=User.Role.REVIEWER, unit=unit)
    reviewer_here.overdue_summary = False
    reviewer_here.save()
    planned = scan_on(date(2024, 12, 8), dry_run=True).planned
    assert leader.pk in planned
    assert admin.pk not in planned and reviewer_here.pk not in planned


# --- recorded once, at the database level ---------------------------------------------------------


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


# --- speed: the query count does not grow with the number of units --------------------------------


def scan_queries(day: date) -> int:
    with CaptureQueriesContext(connection) as ctx, time_machine.travel(at(day), tick=False):
        reminders_scan()
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
