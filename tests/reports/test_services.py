"""Report jobs' service: a job that fails says so in Vietnamese; queued once its transaction commits;
the periodic requeue sends again what nobody is making."""

from datetime import timedelta
from functools import partial

import pytest
from django.utils import timezone

from reports.models import ReportJob
from reports.services import report_job_claim, report_job_create, report_job_run, report_jobs_requeue


def test_a_failed_job_is_marked_failed(plan, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = ReportJob.objects.create(plan=plan, format="pdf")

    def broken(**kwargs):
        raise ValueError("boom")

    monkeypatch.setattr("reports.services.rollup_pdf", broken)
    job = report_job_run(job_id=job.pk)
    assert job.status == "failed"
    # The user reads a plain Vietnamese message; the exception is for the log only.
    assert job.error == "Không lập được báo cáo do lỗi trên máy chủ; lỗi đã được ghi lại."


def test_a_job_is_queued_once_committed(plan, django_capture_on_commit_callbacks):
    queued = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = report_job_create(plan=plan, format="xlsx", options={"area": "nam"}, by=None, queue=queued.append)
    assert queued == []
    callbacks[0]()
    assert queued == [job.pk]


def test_the_requeue_sends_lost_and_orphaned_jobs_again(plan):
    """The periodic requeue: a job still waiting two minutes after it was asked for (its message was
    never sent: the broker was down) and a job running past the task time limit (its worker was
    killed) are queued again; a fresh waiting job, a live running one and finished ones are not."""
    now = timezone.now()
    make = partial(ReportJob.objects.create, plan=plan, format="pdf")
    lost = make()
    fresh = make()
    orphaned = make(status="running", started_at=now - timedelta(hours=1), attempts=1)
    running = make(status="running", started_at=now - timedelta(minutes=1), attempts=1)
    done = make(status="done")
    ReportJob.objects.filter(pk__in=[lost.pk, orphaned.pk, running.pk, done.pk]).update(
        created_at=now - timedelta(minutes=3)
    )
    queued = []
    assert report_jobs_requeue(queue=queued.append) == queued == [lost.pk, orphaned.pk]
    assert ReportJob.objects.get(pk=fresh.pk).status == "waiting"

    # However many messages a job gets, one claim wins: the orphaned job runs once more, not twice.
    assert report_job_claim(job_id=orphaned.pk) is True
    assert report_job_claim(job_id=orphaned.pk) is False
    assert ReportJob.objects.get(pk=orphaned.pk).attempts == 2


def test_a_job_whose_worker_died_three_times_fails(plan):
    job = ReportJob.objects.create(
        plan=plan, format="pdf", status="running", started_at=timezone.now() - timedelta(hours=1), attempts=3
    )
    assert report_job_claim(job_id=job.pk) is False
    assert report_jobs_requeue(queue=lambda job_id: pytest.fail("queued a dead job")) == []
    job.refresh_from_db()
    assert job.status == "failed" and job.finished_at is not None
    assert job.error == (
        "Không lập được báo cáo: máy chủ đã dừng nhiều lần khi đang lập; đề nghị yêu cầu lập lại báo cáo."
    )


def test_asking_for_a_job_while_the_broker_is_down(
    plan, api_as, reviewer, monkeypatch, django_capture_on_commit_callbacks
):
    """The broker can't be reached: the reviewer still gets 202, the job waits in the database for
    the requeue; nothing is lost."""
    from reports.jobs import report_job_run

    def unreachable(*args, **kwargs):
        raise OSError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(report_job_run, "delay", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(reviewer).post("/api/v1/report-jobs/", {"plan": plan.pk, "format": "pdf"}, format="json")
    assert response.status_code == 202, response.content
    job = ReportJob.objects.get(pk=response.json()["id"])
    assert job.status == "waiting"
    ReportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=3))
    assert report_jobs_requeue(queue=lambda job_id: None) == [job.pk]
