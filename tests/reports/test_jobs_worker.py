"""Report jobs made in the background (issue 5), with the real parts: the API queues
`reports.jobs.report_job_run` on commit, Redis carries it, a real `celery worker` process makes the
file in the shared PostgreSQL (or SQLite file) test database and MEDIA_ROOT, and the reviewer follows
the job and downloads the file through the API.

Required on CI (CI=true): a missing Redis fails these tests; elsewhere they are skipped.
"""

import re
import time
from datetime import datetime

import pytest
from rest_framework.test import APIClient

from accounts.models import Unit, User
from reports.annual.models import AnnualReport
from reports.jobs import report_job_run
from reports.models import ReportJob
from reports.rollup import plan_rollup
from tests.conftest import make_user
from tests.registry import UNITS_2024
from tests.services import redis_url
from tests.workers import Workers, wait_for

from .data import fill
from .pdf.reading import flat, pdf_text

pytestmark = pytest.mark.integration

UNITS = ["v03", "ca01", "ca79", "ca48", "ca02", "ca31"]  # fill(): 3 accepted, submitted, returned, draft
ORDER = ["waiting", "running", "done", "failed"]


@pytest.fixture
def workers(plan_data, settings, tmp_path):
    """A worker pool (not started) sharing the database and a MEDIA_ROOT of its own with this
    process; what the app queues on commit goes to its private queue."""
    settings.MEDIA_ROOT = tmp_path / "media"
    pool = Workers(tmp_path, redis_url())
    try:
        with pool.taking(report_job_run):
            yield pool
    finally:
        pool.close()


@pytest.fixture
def plan(plan_data):
    from plans.models import Plan

    return Plan.objects.get(number="762/QĐ-BCA-V03")


@pytest.fixture
def reviewer_api(plan_data):
    """v03.reviewer (the Legal Department: sees every unit) on the API."""
    reviewer = make_user("v03.reviewer", role=User.Role.REVIEWER, unit=Unit.objects.get(key="v03"))
    client = APIClient()
    client.force_authenticate(user=reviewer)
    return client


def at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def job_url(job_id: int) -> str:
    return f"/api/v1/report-jobs/{job_id}/"


def until_finished(client, job_id: int, workers: Workers, timeout: float = 120) -> tuple[dict, list[tuple]]:
    """Poll the job through the API until it is done or failed: (the job, the (status, progress) seen)."""
    seen: list[tuple] = []

    def finished() -> bool:
        r = client.get(job_url(job_id))
        assert r.status_code == 200, r.content
        job = r.json()
        if not seen or seen[-1] != (job["status"], job["progress"]):
            seen.append((job["status"], job["progress"]))
        return job["status"] in ("done", "failed")

    try:
        wait_for(finished, timeout, interval=0.05, what=f"report job {job_id} to finish")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; seen {seen}\n{workers.logs()}") from None
    statuses = [status for status, _progress in seen]
    assert statuses == sorted(statuses, key=ORDER.index), seen  # never back to an earlier state
    progress = [p for _status, p in seen]
    assert progress == sorted(progress), seen
    return client.get(job_url(job_id)).json(), seen


def runs_ended(workers: Workers) -> int:
    """How many report_job_run tasks the workers have finished (returned, not retried)."""
    return len(re.findall(r"reports\.jobs\.report_job_run\[[0-9a-f-]+\] succeeded in", workers.logs(tail=None)))


def download(client, job: dict) -> bytes:
    r = client.get(job["download_url"])
    assert r.status_code == 200, r.content
    assert r["Content-Type"] == "application/pdf"
    assert 'filename="bao-cao-tong-hop-762-qd-bca-v03-2024.pdf"' in r["Content-Disposition"]
    body = b"".join(r.streaming_content)
    r.close()
    return body


def stored_files(settings, plan) -> list[str]:
    folder = settings.MEDIA_ROOT / "reports" / str(plan.pk)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_the_ministry_report_is_made_by_a_worker_and_made_again_on_demand(workers, plan, reviewer_api, settings):
    fill(plan, units=list(Unit.objects.filter(key__in=UNITS)), per_unit=5)
    counted = plan_rollup(plan=plan).units.counted
    assert counted == 3

    # The reviewer asks for the report; no worker runs yet: the job waits, and there is no file.
    created = reviewer_api.post("/api/v1/report-jobs/", {"plan": plan.pk, "format": "pdf"}, format="json")
    assert created.status_code == 202, created.content
    job = created.json()
    assert job["status"] == "waiting" and job["progress"] == 0 and job["download_url"] is None
    time.sleep(1)
    assert reviewer_api.get(job_url(job["id"])).json()["status"] == "waiting"
    early = reviewer_api.get(f"{job_url(job['id'])}download/", HTTP_ACCEPT="application/json")
    assert early.status_code == 409 and early.json()["detail"] == "Báo cáo chưa được lập xong."

    # A worker starts and takes the message that waited in Redis.
    first_worker = workers.start(concurrency=1)
    done, seen = until_finished(reviewer_api, job["id"], workers)
    assert done["status"] == "done", (done, workers.logs())
    assert done["progress"] == 100 and done["error"] == ""
    assert seen[-1] == ("done", 100)
    assert at(done["finished_at"]) >= at(done["started_at"])
    assert done["download_url"].endswith(f"/api/v1/report-jobs/{job['id']}/download/")
    first = download(reviewer_api, done)
    assert first.startswith(b"%PDF") and len(first) == done["size"] > 1000
    text = flat(pdf_text(first))
    for expected in ("BỘ CÔNG AN", "BÁO CÁO", "I. KẾT QUẢ THỰC HIỆN", f"{counted}/{UNITS_2024} đơn vị"):
        assert expected in text, expected
    [first_name] = stored_files(settings, plan)
    # The kept file downloads again, the same.
    assert download(reviewer_api, done) == first

    # A fourth unit's report is accepted; the reviewer asks for the report again. While no worker
    # runs, the job waits and the earlier file is still the one served.
    wait_for(lambda: runs_ended(workers) == 1, 30, what="the task to end")  # and its message to be acked
    workers.kill(first_worker)
    submitted = AnnualReport.objects.get(plan=plan, status=AnnualReport.Status.SUBMITTED)
    accepted = reviewer_api.post(f"/api/v1/reports/{submitted.pk}/accept/", {}, format="json")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted", accepted.content
    assert plan_rollup(plan=plan).units.counted == counted + 1
    remade = reviewer_api.post(f"{job_url(job['id'])}remake/")
    assert remade.status_code == 202, remade.content
    waiting = remade.json()
    assert waiting["id"] == job["id"]
    assert waiting["status"] == "waiting" and waiting["progress"] == 0 and waiting["finished_at"] is None
    assert waiting["download_url"] == done["download_url"]  # the previous file stays until the new one is made
    assert download(reviewer_api, waiting) == first

    workers.start(concurrency=1)
    again, _seen = until_finished(reviewer_api, job["id"], workers)
    assert again["status"] == "done" and again["progress"] == 100, (again, workers.logs())
    assert at(again["finished_at"]) > at(done["finished_at"])
    second = download(reviewer_api, again)
    assert second.startswith(b"%PDF") and len(second) == again["size"] and second != first
    text = flat(pdf_text(second))
    assert "BỘ CÔNG AN" in text and "BÁO CÁO" in text
    assert f"{counted + 1}/{UNITS_2024} đơn vị" in text and f"{counted}/{UNITS_2024} đơn vị" not in text  # today's
    # The new file replaced the earlier one: the same job and address, one file kept.
    [second_name] = stored_files(settings, plan)
    assert second_name != first_name
    assert ReportJob.objects.get(pk=job["id"]).file.name == f"reports/{plan.pk}/{second_name}"
    listed = reviewer_api.get(f"/api/v1/report-jobs/?plan={plan.pk}").json()
    assert [(j["id"], j["status"]) for j in listed["results"]] == [(job["id"], "done")]


def test_a_job_the_service_refuses_ends_failed_with_a_vietnamese_message(workers, plan, reviewer_api):
    """The options are checked when the job is asked for; options written around the service
    (straight into the database, as an older version or a hand-made fix could) are refused by the
    worker, and the job fails for good with the reason in Vietnamese instead of being tried again."""
    created = reviewer_api.post(
        "/api/v1/report-jobs/", {"plan": plan.pk, "format": "pdf", "options": {"area": "nam"}}, format="json"
    )
    assert created.status_code == 202, created.content
    job_id = created.json()["id"]
    options = {"area": "nam", "date_from": "2024-12-31", "date_to": "2024-01-01"}  # the window backwards
    ReportJob.objects.filter(pk=job_id).update(options=options)

    workers.start(concurrency=1)
    failed, _seen = until_finished(reviewer_api, job_id, workers)
    assert failed["status"] == "failed", (failed, workers.logs())
    assert failed["error"] == "Ngày kết thúc trước ngày bắt đầu."  # the message, not a Python dict
    assert failed["progress"] < 100 and failed["size"] == 0 and failed["download_url"] is None
    assert at(failed["finished_at"]) >= at(failed["started_at"])
    refused = reviewer_api.get(f"{job_url(job_id)}download/", HTTP_ACCEPT="application/json")
    assert refused.status_code == 409 and refused.json()["detail"] == "Báo cáo chưa được lập xong."
    # For good: the task ended without a retry, after one attempt.
    wait_for(lambda: runs_ended(workers) == 1, 30, what="the task to end")
    assert "] retry: Retry in" not in workers.logs(tail=None)
    assert ReportJob.objects.get(pk=job_id).attempts == 1

    # Asking again makes it again, through the worker, and it fails the same way.
    remade = reviewer_api.post(f"{job_url(job_id)}remake/")
    assert remade.status_code == 202 and remade.json()["status"] == "waiting" and remade.json()["error"] == ""
    again, _seen = until_finished(reviewer_api, job_id, workers)
    assert again["status"] == "failed" and "Ngày kết thúc trước ngày bắt đầu." in again["error"]
    assert at(again["finished_at"]) > at(failed["finished_at"])
