"""The unit plans API (tasks/unit_plans/api.py)."""

import time_machine

from tasks.models import Obligation


def test_unit_plan_completes_its_obligation_when_handed_in(api_as, leader, reporter, plan, unit):
    from tests.files import PDF, upload

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
