"""Report jobs in the admin: to look at, never to edit or add."""

from accounts.models import User
from reports.models import ReportJob


def test_report_jobs_are_read_only_in_the_admin(client, plan):
    job = ReportJob.objects.create(plan=plan, format="pdf", options={"area": "nam"})
    client.force_login(User.objects.create_superuser("root", "root@example.test", "pw-Test-123"))
    url = f"/admin/reports/reportjob/{job.pk}/change/"
    assert client.get(url).status_code == 200  # to look at
    client.post(url, {"plan": plan.pk, "format": "xlsx", "options": '{"area": "bac"}', "_save": "1"})
    job.refresh_from_db()
    assert (job.format, job.options) == ("pdf", {"area": "nam"})
    assert client.get("/admin/reports/reportjob/add/").status_code == 403
