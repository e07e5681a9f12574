"""The annual reports API (reports/annual/api.py): the walk a new user takes (issue 3's "done when")
and the list's query count."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.annual.services import report_create, report_submit
from tasks.models import Obligation
from tests.factories import task
from tests.payloads import ACTIVITY


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


def test_report_list_query_count_does_not_grow(api_as, reviewer, plan):
    from accounts.models import Unit, User
    from tests.conftest import make_user

    client = api_as(reviewer)
    counts = []
    for keys in (["ca01", "ca02"], ["ca04", "ca06", "ca08", "ca10", "ca11", "ca12"]):
        for key in keys:
            leader = make_user(f"{key}.leader", role=User.Role.LEADER, unit=Unit.objects.get(key=key))
            report = report_create(by=leader, plan=plan)
            report_submit(report=report, by=leader)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/reports/").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]
