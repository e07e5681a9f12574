"""Accepted figures stay accepted (tasks/locks): once V03 accepts a unit's report, what the unit
counted for the plan cannot move in the Ministry's roll-up without a recorded reopening."""

from datetime import date

import pytest

from reports.annual.services import report_accept, report_reopen
from reports.rollup import plan_rollup
from tasks.activities.models import Activity
from tasks.locks.models import FiguresLock
from tests.factories import ActivityFactory, PilotModelFactory, TrainingCourseFactory, task
from tests.reports.data import submitted_report


def totals(plan) -> tuple[int, int]:
    figures = plan_rollup(plan=plan).totals
    return figures.activities, figures.participants


@pytest.fixture
def accepted(leader, reviewer, plan):
    ActivityFactory(unit=leader.unit, participants=160)
    ActivityFactory(unit=leader.unit, participants=3_500)
    report = submitted_report(leader, plan)
    return report_accept(report=report, by=reviewer)


@pytest.mark.django_db
def test_after_acceptance_the_unit_cannot_move_what_was_counted(api_as, reporter, plan, accepted):
    before = totals(plan)
    assert before == (2, 3_660)
    client = api_as(reporter)
    activity = Activity.objects.filter(unit=reporter.unit).first()
    url = f"/api/v1/activities/{activity.pk}/"
    etag = client.get(url)["ETag"]

    deleted = client.delete(url, HTTP_IF_MATCH=etag)
    assert deleted.status_code == 409
    assert "đã được chấp nhận" in deleted.json()["detail"]
    changed = client.patch(url, {"participants": 1_000_000}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 409
    added = client.post(
        "/api/v1/activities/",
        {"task": task("3.1").pk, "start_date": "2024-06-01", "title": "Thêm sau", "form": "direct"},
        format="json",
    )
    assert added.status_code == 409
    assert totals(plan) == before

    # Outside the plan's reporting window the unit still records its work.
    later = client.post(
        "/api/v1/activities/",
        {"task": task("3.1").pk, "start_date": "2024-12-20", "title": "Sau kỳ báo cáo", "form": "direct"},
        format="json",
    )
    assert later.status_code == 201
    assert totals(plan) == before


@pytest.mark.django_db
def test_pilot_models_and_training_are_locked_too(reporter, plan, accepted):
    from config.revisions import Conflict
    from tasks.pilot_models.services import pilot_model_delete
    from tasks.training.services import training_save

    model = PilotModelFactory(unit=reporter.unit)
    course = TrainingCourseFactory(unit=reporter.unit, start_date=date(2024, 6, 1))
    with pytest.raises(Conflict):
        pilot_model_delete(pilot_model=model, by=reporter, expected_revision=model.revision)
    with pytest.raises(Conflict):
        training_save(by=reporter, values={"participants": 999}, course=course, expected_revision=course.revision)


@pytest.mark.django_db
def test_reopening_is_recorded_and_unlocks_until_accepted_again(api_as, reporter, leader, reviewer, plan, accepted):
    assert api_as(reviewer).post(f"/api/v1/reports/{accepted.pk}/reopen/", {}, format="json").status_code == 400
    assert api_as(leader).post(f"/api/v1/reports/{accepted.pk}/reopen/", {"comment": "x"}).status_code == 403
    reopened = api_as(reviewer).post(
        f"/api/v1/reports/{accepted.pk}/reopen/", {"comment": "Sửa ngày, xóa bản trùng."}, format="json"
    )
    assert reopened.status_code == 200
    assert reopened.json()["status"] == "returned"
    lock = FiguresLock.objects.get(unit=leader.unit, plan=plan)
    assert (lock.reopened_by, lock.reopen_reason) == (reviewer, "Sửa ngày, xóa bản trùng.")
    assert lock.reopened_at is not None

    client = api_as(reporter)
    activity = Activity.objects.filter(unit=reporter.unit).first()
    url = f"/api/v1/activities/{activity.pk}/"
    assert client.delete(url, HTTP_IF_MATCH=client.get(url)["ETag"]).status_code == 204
    assert totals(plan) == (0, 0)  # only accepted reports count: not until accepted again

    from reports.annual.services import report_submit

    report_submit(report=accepted, by=leader)
    report_accept(report=accepted, by=reviewer)
    assert totals(plan) == (1, 3_660 - activity.participants)
    assert FiguresLock.objects.filter(unit=leader.unit, plan=plan).count() == 2  # both locks are kept
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="lý do là bắt buộc"):
        report_reopen(report=accepted, by=reviewer, reason="")  # a reason is required


@pytest.mark.django_db
def test_the_page_says_why_instead_of_failing(client_as, reporter, plan, accepted):
    from tests.pages import text
    from tests.tasks.activities.test_pages import activity_post

    page = client_as(reporter).post("/hoat-dong/them/", activity_post(title="Thêm sau", start_date="01/06/2024"))
    assert page.status_code == 400
    assert "đã được chấp nhận" in text(page)
    assert Activity.objects.filter(title="Thêm sau").count() == 0
