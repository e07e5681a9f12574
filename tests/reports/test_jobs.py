"""The Celery task that makes a report job's file: retries temporary errors, then says it gave up."""

from django.db import OperationalError

from reports.jobs import report_job_run as task
from reports.models import ReportJob


def test_a_job_out_of_retries_says_so(plan, monkeypatch):
    """A database that stays away: after the last retry the job is failed with a message, not
    left waiting for a retry that will never come."""
    job = ReportJob.objects.create(plan=plan, format="pdf")

    def unreachable(**kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("reports.services.report_job_run", unreachable)
    result = task.apply(args=[job.pk], retries=task.max_retries)
    assert isinstance(result.result, OperationalError)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == "Không kết nối được cơ sở dữ liệu sau nhiều lần thử; đề nghị yêu cầu lập lại báo cáo."
