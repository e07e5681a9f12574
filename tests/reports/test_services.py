"""Report jobs' service: a job that fails says so in Vietnamese; queued once its transaction commits."""

from reports.models import ReportJob
from reports.services import report_job_create, report_job_run


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
