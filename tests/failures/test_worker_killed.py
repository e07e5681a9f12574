"""A worker killed (SIGKILL, the whole process group) while it makes a report job: the job is never
left "running" for good. Past the task time limit it counts as orphaned and beat's periodic requeue
(``reports.jobs.report_jobs_requeue``) sends it again to a worker, which makes it; a job whose
worker died three times is failed with a Vietnamese message (tests/reports/test_services.py).

Real `celery worker` processes on Redis (tests/workers.py), sharing the test database.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Unit, User
from reports.jobs import report_job_run
from reports.models import ReportJob
from tests.conftest import make_user
from tests.reports.data import fill
from tests.services import redis_url
from tests.workers import Workers, wait_for

pytestmark = pytest.mark.integration

UNITS = ["v03", "ca01", "ca79", "ca48", "ca02", "ca31"]


@pytest.fixture
def workers(plan_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    pool = Workers(tmp_path, redis_url())
    try:
        with pool.taking(report_job_run):
            yield pool
    finally:
        pool.close()


def status_of(job_id: int) -> str:
    return ReportJob.objects.values_list("status", flat=True).get(pk=job_id)


def test_a_job_whose_worker_is_killed_is_made_by_another(workers):
    from plans.models import Plan

    plan = Plan.objects.get(number="762/QĐ-BCA-V03")
    fill(plan, units=list(Unit.objects.filter(key__in=UNITS)), per_unit=40)
    reviewer = make_user("v03.reviewer", role=User.Role.REVIEWER, unit=Unit.objects.get(key="v03"))
    api = APIClient()
    api.force_authenticate(user=reviewer)

    # Kill the worker while the job is running (a few tries: a fast machine may finish it first).
    for _attempt in range(5):
        response = api.post("/api/v1/report-jobs/", {"plan": plan.pk, "format": "pdf"}, format="json")
        assert response.status_code == 202, response.content
        job_id = response.json()["id"]
        worker = workers.start(concurrency=1)
        wait_for(lambda: status_of(job_id) != "waiting", 60, interval=0.005, what="the job to start")  # noqa: B023
        workers.kill(worker)
        if status_of(job_id) == "running":
            break
    else:
        pytest.fail(f"the job always finished before the worker could be killed\n{workers.logs()}")

    job = ReportJob.objects.get(pk=job_id)
    assert (job.status, job.attempts, job.file.name) == ("running", 1, "")
    # Nobody is making it; it stays "running" until the task time limit has passed…
    workers.start(concurrency=1)
    workers.send("reports.jobs.report_jobs_requeue")
    wait_for(lambda: "report_jobs_requeue" in workers.logs(tail=None), 30, what="the requeue to run")
    assert status_of(job_id) == "running"
    # …which is what the next requeue finds, seventeen minutes later: it is made again, once.
    ReportJob.objects.filter(pk=job_id).update(started_at=timezone.now() - timedelta(minutes=17))
    wait_for(
        lambda: status_of(job_id) == "done",
        120,
        interval=1,
        every=lambda: workers.send("reports.jobs.report_jobs_requeue"),
        what="the job to be made again",
    )
    job.refresh_from_db()
    assert job.attempts == 2 and job.progress == 100 and job.size > 1000
    download = api.get(f"/api/v1/report-jobs/{job_id}/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    download.close()
