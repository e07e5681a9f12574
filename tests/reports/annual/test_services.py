"""The report workflow (reports/annual/services.py): submit, return, accept, each from the states it
allows (through the API's door), and the figures frozen at submission."""

import pytest
import time_machine

from reports.annual.models import AnnualReport
from reports.annual.services import report_accept, report_return, report_submit
from tasks.activities.services import activity_update
from tasks.models import Obligation
from tests.factories import ActivityFactory


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
    activity_update(
        activity=activity, by=leader, values={"participants": 999}, target_groups=None, expected_revision=None
    )
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
