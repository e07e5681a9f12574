"""Obligation.deadline_state (tasks/obligations/models.py): one rule for the API, pages, reminders and reports."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tasks.models import Obligation, compute_deadline_state

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


DUE = datetime(2024, 12, 15, 0, 0, tzinfo=HCM)  # "trước ngày 15/12/2024"


@pytest.mark.parametrize(
    ("at", "completed", "expected"),
    [
        (datetime(2024, 12, 1, 12, 0, tzinfo=HCM), None, "not_yet_due"),
        (datetime(2024, 12, 7, 23, 59, tzinfo=HCM), None, "not_yet_due"),
        (datetime(2024, 12, 8, 0, 0, tzinfo=HCM), None, "due_soon"),
        (datetime(2024, 12, 14, 23, 59, 59, tzinfo=HCM), None, "due_soon"),
        (datetime(2024, 12, 15, 0, 0, tzinfo=HCM), None, "overdue"),
        (datetime(2025, 3, 1, tzinfo=HCM), None, "overdue"),
        (datetime(2025, 3, 1, tzinfo=HCM), datetime(2024, 12, 14, 23, 59, tzinfo=HCM), "done_on_time"),
        (datetime(2025, 3, 1, tzinfo=HCM), datetime(2024, 12, 15, 0, 0, tzinfo=HCM), "done_late"),
        (datetime(2024, 12, 16, tzinfo=HCM), datetime(2024, 12, 15, 10, 0, tzinfo=HCM), "done_late"),
    ],
)
def test_states(at, completed, expected):
    assert compute_deadline_state(due_at=DUE, completed_at=completed, at=at, due_soon_days=7) == expected


def test_due_soon_days_is_a_setting(settings):
    settings.DUE_SOON_DAYS = 3
    at = datetime(2024, 12, 11, 12, 0, tzinfo=HCM)
    assert compute_deadline_state(due_at=DUE, completed_at=None, at=at) == "not_yet_due"
    settings.DUE_SOON_DAYS = 7
    assert compute_deadline_state(due_at=DUE, completed_at=None, at=at) == "due_soon"


def test_completed_state_is_frozen(db, unit):
    obligation = Obligation.objects.get(unit=unit, deliverable__key="bao-cao-ket-qua")
    obligation.status, obligation.completed_at = "completed", datetime(2024, 12, 10, tzinfo=HCM)
    for year in (2024, 2026, 2030):
        assert obligation.deadline_state(datetime(year, 12, 31, tzinfo=HCM)) == "done_on_time"
