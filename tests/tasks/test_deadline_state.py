"""Obligation.deadline_state: one rule for the API, pages, reminders and reports."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

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


def test_setting_status_completed_records_the_moment_and_freezes(api_as, reporter, unit):
    obligation = Obligation.objects.get(unit=unit, deliverable__task__code="5")
    client = api_as(reporter)
    url = f"/api/v1/obligations/{obligation.pk}/"
    with time_machine.travel("2024-11-03 10:00 +07:00", tick=False):
        response = client.patch(url, {"status": "completed"}, format="json", HTTP_IF_MATCH=client.get(url)["ETag"])
        assert response.status_code == 200
        assert response.json()["deadline_state"] == "done_on_time"
        assert response.json()["completed_at"].startswith("2024-11-03T10:00:00")
    response = client.patch(url, {"status": "in_progress"}, format="json", HTTP_IF_MATCH=client.get(url)["ETag"])
    assert response.status_code == 409
    assert "03/11/2024" in response.json()["detail"]


def test_submission_obligations_cannot_be_set_by_hand(api_as, reporter, unit):
    obligation = Obligation.objects.get(unit=unit, deliverable__key="unit-plan")
    client = api_as(reporter)
    url = f"/api/v1/obligations/{obligation.pk}/"
    response = client.patch(url, {"status": "completed"}, format="json", HTTP_IF_MATCH=client.get(url)["ETag"])
    assert response.status_code == 409
    obligation.refresh_from_db()
    assert obligation.completed_at is None


def test_unit_plan_completes_its_obligation_when_handed_in(api_as, leader, reporter, plan, unit):
    from tests.tasks.files import PDF, upload

    data = {"plan": plan.pk, "number": "12/KH-CATP", "signed_on": "26/02/2024", "signer": "Thiếu tướng Nguyễn Văn B"}
    assert (
        api_as(reporter)
        .post("/api/v1/unit-plans/", {**data, "file": upload("kh.pdf", PDF)}, format="multipart")
        .status_code
        == 403
    )
    with time_machine.travel("2024-02-28 16:30 +07:00", tick=False):
        response = api_as(leader).post(
            "/api/v1/unit-plans/", {**data, "file": upload("kh.pdf", PDF)}, format="multipart"
        )
    assert response.status_code == 201, response.json()
    obligation = Obligation.objects.get(unit=unit, deliverable__key="unit-plan")
    assert obligation.status == "completed"
    assert obligation.deadline_state(obligation.completed_at) == "done_on_time"
    again = api_as(leader).post("/api/v1/unit-plans/", {**data, "file": upload("kh.pdf", PDF)}, format="multipart")
    assert again.status_code == 409


def test_training_8_2a_needs_a_region_and_only_training_tasks_take_courses(api_as, reporter):
    from tests.tasks.factories import task

    client = api_as(reporter)
    base = {"title": "Tập huấn kỹ năng phổ biến pháp luật", "start_date": "12/06/2024", "participants": 70}
    no_region = client.post("/api/v1/training-courses/", {**base, "task": task("8.2a").pk}, format="json")
    assert no_region.status_code == 400
    assert "miền" in str(no_region.json())
    wrong_task = client.post("/api/v1/training-courses/", {**base, "task": task("3.1").pk}, format="json")
    assert wrong_task.status_code == 400
    ok = client.post("/api/v1/training-courses/", {**base, "task": task("8.2a").pk, "region": "trung"}, format="json")
    assert ok.status_code == 201
    assert ok.json()["region"] == "trung"
