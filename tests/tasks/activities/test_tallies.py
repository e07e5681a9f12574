"""The activity tallies the ministry roll-up reads: every way of writing activities keeps them
equal to a recount, so the roll-up a reviewer sees follows each change."""

import threading
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from rest_framework.test import APIClient

from accounts.models import Unit, User
from plans.models import Plan
from reports.annual.models import AnnualReport
from reports.rollup import RollupFilters, plan_rollup, rollup_json
from tasks.activities import tallies
from tasks.activities.services import activity_create, activity_update
from tasks.models import Activity, ActivityTally, ActivityTargetGroup
from tasks.obligations.services import plan_file_load
from tests.conftest import PLAN_FILE, make_user
from tests.factories import ActivityFactory, task
from tests.payloads import ACTIVITY
from tests.reports.data import report
from tests.services import unavailable
from tests.tasks.activities.imports.test_services import good_row, make_xlsx, upload

ROLLUP = "/api/v1/plans/{}/rollup/?include_submitted=true"
# The unit counts through its submitted report: an accepted one would lock its activities (tasks.locks).
COUNTING = RollupFilters(include_submitted=True)


@pytest.fixture
def counted_unit(unit, plan):
    """ca01, whose submitted report makes its activities count in the roll-up that includes
    submitted reports (accepting it would lock them)."""
    report(unit, plan, AnnualReport.Status.SUBMITTED)
    return unit


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def rollup(client, plan) -> dict:
    response = client.get(ROLLUP.format(plan.pk))
    assert response.status_code == 200, response.content
    return response.json()


def task_figures(body, code) -> dict:
    return next(t["figures"] for g in body["groups"] for t in g["tasks"] if t["code"] == code)


def target_group(body, group) -> int:
    return next(r["participants"] for r in body["by_target_group"] if r["target_group"] == group)


def test_api_writes_show_in_the_reviewers_rollup(counted_unit, reporter, reviewer, plan):
    writer, reader = client_of(reporter), client_of(reviewer)
    r = writer.post("/api/v1/activities/", {**ACTIVITY, "task": task("3.1").pk}, format="json")
    assert r.status_code == 201, r.json()
    url = f"/api/v1/activities/{r.json()['id']}/"
    body = rollup(reader, plan)
    assert body["totals"]["participants"] == 180 and body["totals"]["activities"] == 1
    assert (target_group(body, "public"), target_group(body, "workers")) == (180, 180)
    assert body["by_form"][0]["form"] == "direct" and body["by_form"][0]["participants"] == 180

    # moved to task 3.2, more people, another target group
    changes = {"task": task("3.2").pk, "participants": 200, "form": "contest", "target_groups": ["children"]}
    r = writer.patch(url, changes, format="json", HTTP_IF_MATCH=writer.get(url)["ETag"])
    assert r.status_code == 200, r.json()
    body = rollup(reader, plan)
    assert task_figures(body, "3.1")["activities"] == 0
    assert task_figures(body, "3.2")["participants"] == 200
    assert (target_group(body, "public"), target_group(body, "children")) == (0, 200)
    assert {f["form"]: f["activities"] for f in body["by_form"]}["contest"] == 1

    # out of the reporting window (after 14/12/2024) and back
    for day, expected in (("20/12/2024", 0), ("14/12/2024", 200)):
        r = writer.patch(url, {"start_date": day}, format="json", HTTP_IF_MATCH=writer.get(url)["ETag"])
        assert r.status_code == 200, r.json()
        assert rollup(reader, plan)["totals"]["participants"] == expected

    # a stale If-Match changes nothing, in the activity or in the roll-up
    r = writer.patch(url, {"participants": 5}, format="json", HTTP_IF_MATCH='"1"')
    assert r.status_code == 412
    assert rollup(reader, plan)["totals"]["participants"] == 200

    r = writer.delete(url, HTTP_IF_MATCH=writer.get(url)["ETag"])
    assert r.status_code == 204
    assert rollup(reader, plan)["totals"]["activities"] == 0
    assert tallies.drift() == set()


def test_spreadsheet_import_shows_in_the_rollup(counted_unit, reporter, reviewer, plan):
    rows = [good_row(), good_row(**{"Mã nhiệm vụ": "5", "Số người tham dự": "50"})]
    r = upload(client_of(reporter), plan, make_xlsx(rows))
    assert r.status_code == 201, r.json()
    body = rollup(client_of(reviewer), plan)
    assert body["totals"]["participants"] == 1_300
    assert task_figures(body, "5")["participants"] == 50
    assert target_group(body, "reintegrating") == 1_300
    assert tallies.drift() == set()


def test_an_import_adds_to_the_tallies_of_activities_already_counted(counted_unit, reporter, reviewer, plan):
    """New activities are added to the tallies, not recounted: an import into cells (unit, task,
    month, form, target group) that already hold activities gives what a recount gives."""
    ActivityFactory(participants=7, start_date=date(2024, 3, 2), form="direct", target_groups=["public"])
    ActivityFactory(participants=5, start_date=date(2023, 12, 1), target_groups=["public"])  # outside the window
    rows = [good_row(**{"Số người tham dự": str(n), "Tiêu đề": f"Buổi {n}"}) for n in (100, 200)]
    rows.append(good_row(**{"Ngày bắt đầu": "20/12/2024", "Ngày kết thúc": "", "Tiêu đề": "Sau kỳ báo cáo"}))
    r = upload(client_of(reporter), plan, make_xlsx(rows))
    assert r.status_code == 201, r.json()
    assert tallies.drift() == set()
    body = rollup(client_of(reviewer), plan)
    assert task_figures(body, "3.1")["participants"] == 307
    assert task_figures(body, "3.1")["activities"] == 3
    assert target_group(body, "public") == 307


def test_writes_around_the_services_are_caught(counted_unit, plan):
    """The admin and a shell save and delete model instances: the signals recount."""
    a = ActivityFactory(participants=70, target_groups=["public", "officers"])
    assert rollup_json(plan_rollup(plan=plan, filters=COUNTING))["totals"]["participants"] == 70
    a.task = task("7")
    a.save()
    ActivityTargetGroup.objects.filter(activity=a, target_group="officers").delete()
    ActivityTargetGroup.objects.create(activity=a, target_group="children")
    fresh = Activity.objects.only("pk", "participants").get(pk=a.pk)  # unit and task not read
    fresh.task = task("8.1")
    fresh.save()
    assert tallies.drift() == set()
    body = rollup_json(plan_rollup(plan=plan, filters=COUNTING))
    assert task_figures(body, "8.1")["participants"] == 70 and task_figures(body, "7")["activities"] == 0
    same_time = RollupFilters(at=body["at"], include_submitted=True)
    assert plan_rollup(plan=plan, filters=same_time) == plan_rollup(plan=plan, filters=same_time, read_activities=True)
    Activity.objects.get(pk=a.pk).delete()
    assert ActivityTally.objects.count() == 0 and tallies.drift() == set()


def test_bulk_writes_that_forget_to_recount_are_found_and_rebuilt(counted_unit, plan):
    from django.core.management import CommandError, call_command

    ActivityFactory(participants=10)
    Activity.objects.update(participants=99)  # sends no signal
    assert tallies.drift() == {(counted_unit.pk, task("3.1").pk)}
    with pytest.raises(CommandError, match="khác với số liệu hoạt động ở 1 cặp"):
        call_command("tallies_rebuild", "--check")
    call_command("tallies_rebuild")
    call_command("tallies_rebuild", "--check")
    assert rollup_json(plan_rollup(plan=plan, filters=COUNTING))["totals"]["participants"] == 99


def test_moving_the_plans_window_recounts(counted_unit, plan, tmp_path):
    ActivityFactory(start_date=date(2024, 12, 5), participants=40)
    ActivityFactory(start_date=date(2024, 11, 5), participants=3)
    moved = tmp_path / "762-QD-BCA-V03-2024.yaml"
    moved.write_text(Path(PLAN_FILE).read_text(encoding="utf-8").replace("end: '2024-12-14'", "end: '2024-11-30'"))
    plan_file_load(path=moved)
    plan.refresh_from_db()
    assert plan.report_window_end == date(2024, 11, 30)
    assert rollup_json(plan_rollup(plan=plan, filters=COUNTING))["totals"]["participants"] == 3
    assert tallies.drift() == set()


def writers_unit() -> tuple[Plan, User]:
    """Decision 762 and a reporter of ca01, whose submitted report makes its activities count, for
    tests of transactions at once (committed data: PostgreSQL only)."""
    if connection.vendor != "postgresql":
        unavailable("concurrent transactions need PostgreSQL (the SQLite test database is in memory)")
    plan = Plan.objects.get(number="762/QĐ-BCA-V03")
    unit = Unit.objects.get(key="ca01")
    report(unit, plan, AnnualReport.Status.SUBMITTED)
    return plan, make_user("ca01.reporter", role=User.Role.REPORTER, unit=unit)


def at_once(*works) -> list[Exception]:
    """Run each (function, argument) of ``works`` in a thread of its own, started together, each with
    its own database connection; the exceptions they raised."""
    errors, start = [], threading.Barrier(len(works))

    def run(work, n):
        try:
            start.wait()
            work(n)
        except Exception as exc:  # the caller asserts there is none
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=work) for work in works]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_concurrent_writers_of_one_unit_lose_no_activity(plan_data):
    """Four requests adding activities to the same unit and task at once: each waits on the unit's
    lock for the others' commits before adding its figures, so the tallies count them all."""
    plan, reporter = writers_unit()
    t31 = task("3.1")

    def write(n):
        for i in range(8):
            activity_create(
                by=reporter,
                values={
                    "task": t31,
                    "start_date": date(2024, 5, 1 + i),
                    "title": f"Buổi {n}-{i}",
                    "form": "direct",
                    "participants": 10,
                },
                target_groups=["public"],
            )

    errors = at_once(*((write, n) for n in range(4)))
    assert errors == []
    assert tallies.drift() == set()
    body = rollup_json(plan_rollup(plan=plan, filters=COUNTING))
    assert body["totals"]["participants"] == 4 * 8 * 10
    assert (
        body["by_target_group"][[r["target_group"] for r in body["by_target_group"]].index("public")]["activities"]
        == 32
    )


def test_adding_and_recounting_at_once_lose_nothing(plan_data):
    """Two requests adding activities (their figures added to the tallies), an import, and a
    correction of an earlier activity (its cell recounted) into the same unit and task at once."""
    plan, reporter = writers_unit()
    t31 = task("3.1")
    values = {"task": t31, "start_date": date(2024, 3, 15), "form": "direct", "participants": 10}
    earlier = activity_create(by=reporter, values={**values, "title": "Buổi đầu"}, target_groups=["public"])
    rows = [good_row(**{"Số người tham dự": "1000", "Tiêu đề": f"Nhập {i}"}) for i in range(5)]

    def add(n):
        for i in range(8):
            month = {**values, "start_date": date(2024, 4 + i, 1 + n), "title": f"Buổi {n}-{i}"}  # new tallies
            activity_create(by=reporter, values=month, target_groups=["public"])

    def correct(_n):
        for i in range(8):
            current = Activity.objects.get(pk=earlier.pk)
            changed = {"participants": 20 + i}
            activity_update(activity=current, by=reporter, values=changed, target_groups=None, expected_revision=None)

    def import_(_n):
        assert upload(client_of(reporter), plan, make_xlsx(rows)).status_code == 201

    errors = at_once((add, 0), (add, 1), (correct, 0), (import_, 0))
    assert errors == []
    assert tallies.drift() == set()
    body = rollup_json(plan_rollup(plan=plan, filters=COUNTING))
    assert body["totals"]["activities"] == 1 + 16 + 5
    assert body["totals"]["participants"] == 27 + 16 * 10 + 5 * 1_000
