"""The walk a new user takes (issue 3's "done when") and the report workflow's transitions."""

import pytest
import time_machine

from reports.annual.models import AnnualReport
from reports.annual.services import report_accept, report_return, report_submit
from tasks.models import Obligation
from tests.tasks.factories import ActivityFactory, task

ACTIVITY = {
    "task": None,
    "start_date": "10/05/2024",
    "title": "Tuyên truyền Luật Căn cước tại phường Hàng Bạc",
    "description": "Phổ biến Luật Căn cước 2023 cho nhân dân khu phố",
    "form": "direct",
    "target_groups": ["public", "workers"],
    "topics": ["new_laws", "rights"],
    "commune": "Phường Hàng Bạc",
    "district": "Quận Hoàn Kiếm",
    "sessions": 2,
    "participants": 180,
    "copies": 300,
    "online_reach": 0,
    "budget_vnd": 2_500_000,
}


def etag_of(client, url):
    return client.get(url)["ETag"]


@pytest.mark.django_db
def test_the_whole_walk(api_as, reporter, leader, other_reporter, reviewer, plan):
    from rest_framework.test import APIClient

    def as_(user):
        c = APIClient()
        c.force_authenticate(user)
        return c

    # ca01.reporter logs an activity for task 3.1 through the API
    with time_machine.travel("2024-05-11 09:00 +07:00", tick=False):
        r = as_(reporter).post("/api/v1/activities/", {**ACTIVITY, "task": task("3.1").pk}, format="json")
    assert r.status_code == 201, r.json()
    activity_id = r.json()["id"]
    assert r.json()["unit"]["key"] == "ca01"
    assert r.json()["start_date"] == "2024-05-10"
    assert r.json()["target_groups"] == ["public", "workers"]
    # the unit's 3.1 obligation moved to "in progress"
    assert Obligation.objects.get(unit=reporter.unit, deliverable__task__code="3.1").status == "in_progress"

    # ca79.reporter can't see it
    assert as_(other_reporter).get(f"/api/v1/activities/{activity_id}/").status_code == 404
    assert activity_id not in [a["id"] for a in as_(other_reporter).get("/api/v1/activities/").json()["results"]]

    # ca01.leader creates and fills the report, then submits it before the deadline
    r = as_(leader).post("/api/v1/reports/", {"plan": plan.pk}, format="json")
    assert r.status_code == 201
    report_url = f"/api/v1/reports/{r.json()['id']}/"
    assert r.json()["figures"]["totals"]["participants"] == 180  # live figures in the draft
    r = as_(leader).patch(
        report_url,
        {
            "difficulties": "Kinh phí còn hạn chế",
            "proposals": "Bổ sung tài liệu song ngữ",
            "entries": [{"task": task("3.1").pk, "status": "completed", "results": "Tổ chức 2 buổi, 180 người"}],
        },
        format="json",
        HTTP_IF_MATCH=etag_of(as_(leader), report_url),
    )
    assert r.status_code == 200, r.json()
    with time_machine.travel("2024-12-10 15:00 +07:00", tick=False):
        r = as_(leader).post(f"{report_url}submit/")
    assert r.status_code == 200 and r.json()["status"] == "submitted"
    assert r.json()["on_time"] is True

    # v03.reviewer returns it with a comment; the leader edits and resubmits; the reviewer accepts
    r = as_(reviewer).post(f"{report_url}return/", {"comment": "Bổ sung số liệu nhiệm vụ 4.1"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "returned"
    r = as_(leader).patch(
        report_url,
        {"proposals": "Bổ sung tài liệu song ngữ; thêm mô hình điểm"},
        format="json",
        HTTP_IF_MATCH=etag_of(as_(leader), report_url),
    )
    assert r.status_code == 200
    with time_machine.travel("2024-12-16 08:00 +07:00", tick=False):
        r = as_(leader).post(f"{report_url}submit/")
    assert r.json()["status"] == "submitted"
    assert r.json()["on_time"] is True  # judged by the first submission
    r = as_(reviewer).post(f"{report_url}accept/", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    assert [v["number"] for v in r.json()["versions"]] == [1, 2]
    assert r.json()["versions"][0]["content"]["proposals"] == "Bổ sung tài liệu song ngữ"

    # the history shows every step, with who did it
    steps = as_(reviewer).get(f"{report_url}history/").json()
    statuses = [s["changes"].get("status", {}).get("new") for s in steps]
    assert [s for s in statuses if s] == ["submitted", "returned", "submitted", "accepted"]
    assert [s["user"] for s in steps if s["changes"].get("status")] == [
        "ca01.leader",
        "v03.reviewer",
        "ca01.leader",
        "v03.reviewer",
    ]

    # the report obligation was completed at the first submission, on time
    obligation = Obligation.objects.get(unit=leader.unit, deliverable__key="bao-cao-ket-qua")
    assert obligation.status == "completed"
    assert obligation.deadline_state(obligation.completed_at) == "done_on_time"


@pytest.fixture
def report(leader, plan):
    from reports.annual.services import report_create

    return report_create(by=leader, plan=plan)


def post(client, report, action, data=None):
    return client.post(f"/api/v1/reports/{report.pk}/{action}/", data or {}, format="json")


@pytest.mark.parametrize(
    ("path", "action", "actor", "expected"),
    [
        ("draft", "return", "reviewer", 409),
        ("draft", "accept", "reviewer", 409),
        ("submitted", "submit", "leader", 409),
        ("accepted", "submit", "leader", 409),
        ("accepted", "return", "reviewer", 409),
        ("accepted", "accept", "reviewer", 409),
        ("returned", "accept", "reviewer", 409),
        ("returned", "return", "reviewer", 409),
        ("draft", "submit", "leader", 200),
        ("returned", "submit", "leader", 200),
        ("submitted", "return", "reviewer", 200),
        ("submitted", "accept", "reviewer", 200),
    ],
)
def test_report_transitions(api_as, report, leader, reviewer, path, action, actor, expected):

    steps = {"draft": [], "submitted": ["s"], "returned": ["s", "r"], "accepted": ["s", "a"]}[path]
    for step in steps:
        if step == "s":
            report_submit(report=report, by=leader)
        elif step == "r":
            report_return(report=report, by=reviewer, comment="Sửa lại")
        else:
            report_accept(report=report, by=reviewer)
    client = api_as({"leader": leader, "reviewer": reviewer}[actor])
    data = {"comment": "Cần bổ sung"} if action == "return" else None
    response = post(client, report, action, data)
    assert response.status_code == expected, response.json()
    if expected == 409:
        message = response.json()["detail"]
        assert "báo cáo" in message.lower()
        report.refresh_from_db()
        assert (
            report.status
            == {"draft": "draft", "submitted": "submitted", "returned": "returned", "accepted": "accepted"}[path]
        )


def test_return_needs_a_comment(api_as, report, leader, reviewer):

    report_submit(report=report, by=leader)
    response = post(api_as(reviewer), report, "return", {"comment": "  "})
    assert response.status_code == 400
    assert "ý kiến" in str(response.json()).lower() or "bắt buộc" in str(response.json()).lower()
    report.refresh_from_db()
    assert report.status == "submitted"


def test_submitted_report_cannot_be_edited(api_as, report, leader):

    report_submit(report=report, by=leader)
    client = api_as(leader)
    url = f"/api/v1/reports/{report.pk}/"
    response = client.patch(url, {"proposals": "đổi"}, format="json", HTTP_IF_MATCH=client.get(url)["ETag"])
    assert response.status_code == 409
    report.refresh_from_db()
    assert report.proposals == ""


def test_frozen_figures_stay_after_activities_change(api_as, report, leader, reviewer):

    activity = ActivityFactory(unit=leader.unit, participants=100)
    report_submit(report=report, by=leader)
    url = f"/api/v1/reports/{report.pk}/"
    frozen = api_as(reviewer).get(url).json()["figures"]
    assert frozen["totals"]["participants"] == 100
    activity.participants = 999
    activity.save()
    ActivityFactory(unit=leader.unit, participants=50)
    assert api_as(reviewer).get(url).json()["figures"] == frozen
    assert report.versions.get().figures["totals"]["participants"] == 100


def test_report_late_when_first_submitted_on_the_due_day(report, leader):

    with time_machine.travel("2024-12-15 00:00:01 +07:00", tick=False):
        report_submit(report=report, by=leader)
    obligation = Obligation.objects.get(unit=leader.unit, deliverable__key="bao-cao-ket-qua")
    assert obligation.deadline_state(obligation.completed_at) == "done_late"


def test_only_the_leader_submits(api_as, report, reporter, other_leader):
    assert post(api_as(reporter), report, "submit").status_code == 403
    assert post(api_as(other_leader), report, "submit").status_code == 404
    assert AnnualReport.objects.get(pk=report.pk).status == "draft"
