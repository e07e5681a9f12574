"""The obligations API (tasks/obligations/api.py): scoped to the user's unit, filtered, and the
progress a unit may set by hand."""

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tasks.models import Obligation
from tests.registry import UNITS_2024


def test_obligations_scoped_to_the_users_unit_and_filtered(api_as, reporter, reviewer, plan):
    mine = api_as(reporter).get("/api/v1/obligations/?due_before=2024-03-01").json()
    assert mine["count"] == 1  # the unit plan due 29/02/2024
    assert mine["results"][0]["unit"]["key"] == "ca01"
    assert mine["results"][0]["deliverable"]["deadline"] == "trước ngày 29/02/2024"
    everyone = api_as(reviewer).get("/api/v1/obligations/?due_before=2024-03-01").json()
    assert everyone["count"] == 1 + UNITS_2024  # the Ministry's plan (V03) + every unit's own plan
    by_task = api_as(reviewer).get("/api/v1/obligations/?task_code=1.2").json()
    assert by_task["count"] == 1


def test_obligation_list_query_count_does_not_grow(api_as, reviewer, plan):
    client = api_as(reviewer)
    counts = []
    for size in (5, 50):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/api/v1/obligations/?page_size={size}").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


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
