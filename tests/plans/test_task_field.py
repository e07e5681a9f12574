"""A task named in an API body by its code ("3.1") as well as by its id (plans/fields.py): looked up
in the plan the request is about; anything else answered in Vietnamese, saying what it takes (it was
"Cần giá trị khóa chính nhưng nhận được str.")."""

import pytest
import time_machine
from rest_framework.test import APIClient

from plans.models import Task
from tests.factories import ActivityFactory, task
from tests.payloads import ACTIVITY


@pytest.fixture
def as_reporter(reporter):
    client = APIClient()
    client.force_authenticate(reporter)
    return client


@pytest.fixture(autouse=True)
def in_2024():
    with time_machine.travel("2024-05-11 09:00 +07:00", tick=False):
        yield


def test_an_activity_takes_its_task_s_code(as_reporter, plan):
    response = as_reporter.post("/api/v1/activities/", {**ACTIVITY, "task": "3.1"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["task"]["id"] == task("3.1").pk
    by_id = as_reporter.post("/api/v1/activities/", {**ACTIVITY, "task": task("3.1").pk}, format="json")
    assert by_id.status_code == 201 and by_id.json()["task"]["id"] == task("3.1").pk


def test_a_code_is_looked_up_in_the_plan_asked_for(as_reporter, plan, plan_2026):
    """Two plans have a 3.1: the one of ?plan= (the pages' rule), else the one in force."""
    response = as_reporter.post(f"/api/v1/activities/?plan={plan.pk}", {**ACTIVITY, "task": "3.1"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["task"]["id"] == task("3.1").pk


def test_a_changed_activity_looks_the_code_up_in_its_own_plan(as_reporter, reporter, plan, plan_2026):
    activity = ActivityFactory(unit=reporter.unit, task=task("3.1"))
    url = f"/api/v1/activities/{activity.pk}/"
    etag = as_reporter.get(url)["ETag"]
    response = as_reporter.patch(url, {"task": "3.2"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.json()
    assert response.json()["task"]["id"] == task("3.2").pk


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "99.9",
            "Kế hoạch 762/QĐ-BCA-V03 (năm 2024) không có nhiệm vụ mã “99.9”; danh sách nhiệm vụ của kế hoạch: "
            "/api/v1/plan-tasks/?group__plan={plan}.",
        ),
        (999999, "Không có nhiệm vụ nào có id 999999 (xem /api/v1/plan-tasks/)."),
        (
            ["3.1"],
            "Nhiệm vụ phải là số id của nhiệm vụ (số nguyên, xem /api/v1/plan-tasks/) hoặc mã của nhiệm vụ trong "
            "kế hoạch, ví dụ “3.1”.",
        ),
        (
            {"id": 1},
            "Nhiệm vụ phải là số id của nhiệm vụ (số nguyên, xem /api/v1/plan-tasks/) hoặc mã của nhiệm vụ trong "
            "kế hoạch, ví dụ “3.1”.",
        ),
    ],
)
def test_a_task_that_is_not_there_is_refused_in_vietnamese(as_reporter, plan, value, message):
    response = as_reporter.post("/api/v1/activities/", {**ACTIVITY, "task": value}, format="json")
    assert response.status_code == 400
    assert response.json()["task"] == [message.format(plan=plan.pk)]


def test_a_training_course_takes_its_task_s_code(as_reporter, plan):
    body = {"title": "Tập huấn", "start_date": "12/04/2024", "participants": 70, "task": "8.2a", "region": "trung"}
    response = as_reporter.post("/api/v1/training-courses/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["task"] == task("8.2a").pk


def test_a_report_s_entries_take_task_codes_of_the_report_s_plan(leader, plan, plan_2026):
    client = APIClient()
    client.force_authenticate(leader)
    report = client.post("/api/v1/reports/", {"plan": plan.pk}, format="json")
    assert report.status_code == 201, report.json()
    url = f"/api/v1/reports/{report.json()['id']}/"
    entries = [{"task": "3.1", "results": "Tổ chức 2 buổi"}]
    response = client.patch(url, {"entries": entries}, format="json", HTTP_IF_MATCH=client.get(url)["ETag"])
    assert response.status_code == 200, response.json()
    entry = next(e for e in response.json()["entries"] if e["task_code"] == "3.1")
    assert entry["task"] == task("3.1").pk
    assert Task.objects.filter(code="3.1").count() == 2  # the 2026 plan's 3.1 was not taken
