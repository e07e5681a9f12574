"""Helpers of the reminder tests: the real plan's obligations of a unit, and a scan on a given day
at 07:30 (when beat runs it)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from reminders.models import Reminder, ReminderEmail
from reminders.scan import reminders_scan
from tasks.models import Obligation

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
    """The scan of ``day`` at 07:30 that queues nothing (the tests send the emails themselves)."""
    with time_machine.travel(at(day), tick=False):
        return reminders_scan(**kwargs)


def sent_stages(obligation, user):
    return list(
        Reminder.objects.filter(obligation=obligation, recipient=user)
        .order_by("day")
        .values_list("day", "kind", "stage")
    )


def subject_of(message) -> str:
    """The decoded subject (Django folds a long encoded subject onto a continuation line, which
    the parser reads with a leading space, as a mail reader drops it)."""
    return str(message["Subject"]).strip()
