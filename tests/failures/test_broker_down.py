"""Redis down: the web keeps working and nothing is lost or done twice once it is back.

A real `celery worker` on a redis-server of the test's own (tests/clusters.py, tests/workers.py).
While Redis is down, a reviewer still asks for report jobs (202: each waits in the database, the
broker's error goes to the log) and reads pages and the API; once Redis is back, beat's periodic
requeue (``reports.jobs.report_jobs_requeue``) sends them, and each is made exactly once however
often the requeue runs. Reminder emails whose queued messages Redis lost are covered by
tests/reminders/test_jobs_integration.py (the retry scan sends each once).
"""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Unit, User
from reports.jobs import report_job_run
from reports.models import ReportJob
from tests.clusters import PrivateRedis
from tests.conftest import make_user
from tests.workers import Workers, wait_for

pytestmark = pytest.mark.integration


@pytest.fixture
def redis(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def workers(plan_data, settings, tmp_path, redis):
    settings.MEDIA_ROOT = tmp_path / "media"
    pool = Workers(tmp_path, redis.url)
    try:
        with pool.taking(report_job_run):
            yield pool
    finally:
        pool.close()


def test_report_jobs_asked_for_while_redis_is_down_are_made_once_it_is_back(workers, redis):
    from plans.models import Plan

    plan = Plan.objects.get(number="762/QĐ-BCA-V03")
    reviewer = make_user("v03.reviewer", role=User.Role.REVIEWER, unit=Unit.objects.get(key="v03"))
    api = APIClient()
    api.force_authenticate(user=reviewer)
    pages = Client()
    pages.force_login(reviewer)
    workers.start(concurrency=1)

    redis.stop()
    asked = []
    for format_ in ("pdf", "xlsx", "pdf"):
        started = time.monotonic()
        response = api.post("/api/v1/report-jobs/", {"plan": plan.pk, "format": format_}, format="json")
        assert response.status_code == 202, response.content
        assert time.monotonic() - started < 15  # the broker's retries are bounded
        assert response.json()["status"] == "waiting"
        asked.append(response.json()["id"])
    # The rest of the web does not notice.
    assert api.get("/api/v1/report-jobs/").status_code == 200
    assert pages.get("/").status_code == 200
    assert set(ReportJob.objects.filter(pk__in=asked).values_list("status", flat=True)) == {"waiting"}

    redis.start()  # empty: whatever it held is gone
    # Two minutes later (REQUEUE_AFTER), beat's requeue runs, and again five minutes after that.
    ReportJob.objects.filter(pk__in=asked).update(created_at=timezone.now() - timedelta(minutes=3))

    def all_done():
        return set(ReportJob.objects.filter(pk__in=asked).values_list("status", flat=True)) == {"done"}

    wait_for(all_done, 120, interval=1, every=lambda: workers.send("reports.jobs.report_jobs_requeue"), what="the jobs")
    for _ in range(2):
        workers.send("reports.jobs.report_jobs_requeue")
    time.sleep(3)
    jobs = ReportJob.objects.filter(pk__in=asked)
    assert [(j.status, j.attempts, j.size > 0) for j in jobs] == [("done", 1, True)] * 3, workers.logs()
    for job in jobs:
        download = api.get(f"/api/v1/report-jobs/{job.pk}/download/")
        assert download.status_code == 200
        body = b"".join(download.streaming_content)
        download.close()
        assert body[:4] in (b"%PDF", b"PK\x03\x04")
