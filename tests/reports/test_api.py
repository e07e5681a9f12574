"""Report routes: who sees what (reviewer, own unit, other unit → 404), filters, files, jobs."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from accounts.models import Unit
from config.celery_app import app as celery_app
from reports.models import ReportJob
from reports.services import report_job_run
from tests.registry import DEPARTMENTS, UNITS_2024

from .data import fill, report
from .pdf.reading import flat, pdf_text


@pytest.fixture
def filled(plan):
    fill(plan, units=list(Unit.objects.filter(key__in=["ca01", "ca79", "ca48", "v03", "ca02", "ca31"])), per_unit=5)
    return plan


def test_rollup_needs_a_login(api, plan):
    assert api.get(f"/api/v1/plans/{plan.pk}/rollup/").status_code == 401
    assert api.get(f"/api/v1/plans/{plan.pk}/rollup.pdf").status_code == 401


def test_reviewer_sees_every_unit(api_as, reviewer, filled):
    data = api_as(reviewer).get(f"/api/v1/plans/{filled.pk}/rollup/").json()
    assert data["units"]["total"] == UNITS_2024
    assert data["plan"]["number"] == "762/QĐ-BCA-V03"
    assert {g["number"] for g in data["groups"]} >= {"1", "10"}
    assert data["unit_reports"][0]["report_status_label"]


def test_unit_user_sees_only_their_unit(api_as, reporter, filled, other_unit):
    client = api_as(reporter)
    data = client.get(f"/api/v1/plans/{filled.pk}/rollup/").json()
    assert [u["key"] for u in data["unit_reports"]] == ["ca01"]
    assert data["units"]["total"] == 1
    # Another unit's roll-up is refused, not answered with one's own as if it were that unit's.
    refused = client.get(f"/api/v1/plans/{filled.pk}/rollup/?unit={other_unit.pk}")
    assert refused.status_code == 403 and "Hồ Chí Minh" in refused.json()["detail"]


def test_filters(api_as, reviewer, filled):
    client = api_as(reviewer)
    url = f"/api/v1/plans/{filled.pk}/rollup/"
    assert client.get(url + "?area=nam").json()["units"]["total"] == sum(
        1 for u in Unit.objects.filter(area="nam").valid_on(filled.report_window_end)
    )
    assert client.get(url + "?kind=department").json()["units"]["total"] == DEPARTMENTS
    accepted = client.get(url).json()["units"]["counted"]
    assert client.get(url + "?include_submitted=true").json()["units"]["counted"] > accepted
    window = client.get(url + "?date_from=2024-06-01&date_to=2024-06-30").json()["window"]
    assert window == {"start": "2024-06-01", "end": "2024-06-30"}
    assert client.get(url + "?area=north").status_code == 400
    assert client.get(url + "?date_from=31-12-2024x").status_code == 400
    assert client.get(url + "?date_from=2024-07-01&date_to=2024-06-01").status_code == 400
    assert client.get("/api/v1/plans/999999/rollup/").status_code == 404


def test_rollup_json_query_count_is_constant(api_as, reviewer, plan):
    client = api_as(reviewer)
    fill(plan, units=[Unit.objects.get(key="ca01")], per_unit=1)
    with CaptureQueriesContext(connection) as few:
        client.get(f"/api/v1/plans/{plan.pk}/rollup/")
    fill(plan, units=list(Unit.objects.filter(key__in=["ca79", "ca48", "ca02", "ca31", "v03"])), per_unit=30)
    with CaptureQueriesContext(connection) as many:
        client.get(f"/api/v1/plans/{plan.pk}/rollup/")
    assert len(many) == len(few)


def test_pdf_and_xlsx_downloads(api_as, reviewer, filled):
    client = api_as(reviewer)
    pdf = client.get(f"/api/v1/plans/{filled.pk}/rollup.pdf", HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert 'filename="bao-cao-tong-hop-762-qd-bca-v03-2024.pdf"' in pdf["Content-Disposition"]
    assert "CỤC PHÁP CHẾ VÀ CẢI CÁCH" in flat(pdf_text(pdf.content))
    xlsx = client.get(f"/api/v1/plans/{filled.pk}/rollup.xlsx?area=bac")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames[0] == "Tổng hợp"


def test_unit_user_pdf_has_their_unit_in_the_header(api_as, reporter, filled):
    content = api_as(reporter).get(f"/api/v1/plans/{filled.pk}/rollup.pdf").content
    text = flat(pdf_text(content))
    assert "CÔNG AN THÀNH PHỐ HÀ NỘI" in text
    assert "Công an thành phố Hồ Chí Minh" not in text


def test_print_own_report_scoped(api_as, reporter, other_reporter, reviewer, plan, unit, other_unit):
    own = report(unit, plan, "submitted")
    theirs = report(other_unit, plan, "accepted")
    url = "/api/v1/annual-reports/{}/print.pdf"
    response = api_as(reporter).get(url.format(own.pk))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "CÔNG AN THÀNH PHỐ HÀ NỘI" in flat(pdf_text(response.content))
    assert api_as(reporter).get(url.format(theirs.pk)).status_code == 404
    assert api_as(other_reporter).get(url.format(own.pk)).status_code == 404
    assert api_as(reviewer).get(url.format(own.pk)).status_code == 200
    assert api_as(reviewer).get(url.format(999999)).status_code == 404


# --- report jobs ---


@pytest.fixture
def eager(settings):
    """Run queued Celery tasks in process (the broker is not needed)."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


def test_report_jobs_are_for_reviewers(api_as, reporter, plan):
    client = api_as(reporter)
    assert client.get("/api/v1/report-jobs/").status_code == 403
    assert client.post("/api/v1/report-jobs/", {"plan": plan.pk}, format="json").status_code == 403


def test_report_job_lifecycle(api_as, reviewer, filled, eager, django_capture_on_commit_callbacks, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = api_as(reviewer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = client.post("/api/v1/report-jobs/", {"plan": filled.pk, "format": "pdf"}, format="json")
    assert created.status_code == 202
    job = created.json()
    assert job["status"] == "waiting" and job["progress"] == 0 and job["download_url"] is None
    assert len(callbacks) == 1  # queued on commit, not before
    assert client.get(f"/api/v1/report-jobs/{job['id']}/download/").status_code == 409
    callbacks[0]()  # the worker runs it
    done = client.get(f"/api/v1/report-jobs/{job['id']}/").json()
    assert done["status"] == "done" and done["progress"] == 100 and done["size"] > 1000
    download = client.get(f"/api/v1/report-jobs/{job['id']}/download/")
    assert download.status_code == 200
    body = b"".join(download.streaming_content)
    assert body.startswith(b"%PDF")
    assert "bao-cao-tong-hop-762-qd-bca-v03-2024.pdf" in download["Content-Disposition"]
    # Run again: nothing to do (idempotent).
    assert report_job_run(job_id=job["id"]) is None
    # Remade on demand, from the current data.
    with django_capture_on_commit_callbacks(execute=True):
        remade = client.post(f"/api/v1/report-jobs/{job['id']}/remake/")
    assert remade.status_code == 202
    again = ReportJob.objects.get(pk=job["id"])
    assert again.status == "done" and again.attempts == 1
    listed = client.get("/api/v1/report-jobs/").json()
    assert [j["id"] for j in listed["results"]] == [job["id"]]


def test_report_job_xlsx_with_options(
    api_as, reviewer, filled, eager, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = api_as(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            "/api/v1/report-jobs/",
            {"plan": filled.pk, "format": "xlsx", "options": {"area": "nam", "include_submitted": True}},
            format="json",
        )
    job = ReportJob.objects.get(pk=created.json()["id"])
    assert job.status == "done", job.error
    assert job.options == {"area": "nam", "include_submitted": True}
    assert (
        client.post("/api/v1/report-jobs/", {"plan": filled.pk, "options": {"area": "x"}}, format="json").status_code
        == 400
    )


def test_file_routes_answer_errors_in_json(api_as, reviewer, reporter, other_unit, plan):
    refused = api_as(reviewer).get(f"/api/v1/plans/{plan.pk}/rollup.pdf", {"area": "tay"})
    assert refused.status_code == 400 and refused["Content-Type"] == "application/json"
    assert refused.json()["area"]
    other = report(other_unit, plan, "submitted")
    hidden = api_as(reporter).get(f"/api/v1/annual-reports/{other.pk}/print.pdf")
    assert hidden.status_code == 404 and hidden["Content-Type"] == "application/json"
    assert hidden.json() == {"detail": "Không tìm thấy."}
    job = ReportJob.objects.create(plan=plan, format="xlsx")
    waiting = api_as(reviewer).get(f"/api/v1/report-jobs/{job.pk}/download/")
    assert waiting.status_code == 409 and waiting["Content-Type"] == "application/json"
    assert waiting.json() == {"detail": "Báo cáo chưa được lập xong."}


def test_a_running_job_is_remade_only_once_its_worker_is_surely_gone(api_as, reviewer, plan, settings):
    from datetime import timedelta

    from django.utils import timezone

    client = api_as(reviewer)
    job = ReportJob.objects.create(plan=plan, format="pdf", status="running", started_at=timezone.now())
    busy = client.post(f"/api/v1/report-jobs/{job.pk}/remake/")
    assert busy.status_code == 409
    assert busy.json()["detail"] == "Báo cáo đang được lập; vui lòng thử lại khi hoàn thành."
    # Still "running" long past the task time limit: its worker died; asking again remakes it.
    gone = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120)
    ReportJob.objects.filter(pk=job.pk).update(started_at=gone)
    remade = client.post(f"/api/v1/report-jobs/{job.pk}/remake/")
    assert remade.status_code == 202 and remade.json()["status"] == "waiting"


# --- Word documents ---

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_docx_download_with_the_pdfs_filters(api_as, reviewer, reporter, filled):
    from .docx.reading import all_text, open_docx

    client = api_as(reviewer)
    docx = client.get(f"/api/v1/plans/{filled.pk}/rollup.docx", HTTP_ACCEPT=DOCX_TYPE)
    assert docx.status_code == 200 and docx["Content-Type"] == DOCX_TYPE
    assert 'filename="bao-cao-tong-hop-762-qd-bca-v03-2024.docx"' in docx["Content-Disposition"]
    assert "CỤC PHÁP CHẾ VÀ CẢI CÁCH HÀNH CHÍNH, TƯ PHÁP" in all_text(open_docx(docx.content))
    south = all_text(open_docx(client.get(f"/api/v1/plans/{filled.pk}/rollup.docx?area=nam").content))
    assert "Công an thành phố Hồ Chí Minh" in south and "Công an thành phố Hà Nội" not in south
    refused = client.get(f"/api/v1/plans/{filled.pk}/rollup.docx", {"area": "tay"})
    assert refused.status_code == 400 and refused["Content-Type"] == "application/json"
    assert api_as(reporter).get(f"/api/v1/plans/{filled.pk}/rollup.docx").status_code == 200
    mine = all_text(open_docx(api_as(reporter).get(f"/api/v1/plans/{filled.pk}/rollup.docx").content))
    assert "CÔNG AN THÀNH PHỐ HÀ NỘI" in mine and "Công an thành phố Hồ Chí Minh" not in mine
    assert client.get("/api/v1/plans/999999/rollup.docx").status_code == 404


def test_rollup_docx_query_count_is_constant(api_as, reviewer, plan):
    client = api_as(reviewer)
    fill(plan, units=[Unit.objects.get(key="ca01")], per_unit=1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/api/v1/plans/{plan.pk}/rollup.docx").status_code == 200
    fill(plan, units=list(Unit.objects.filter(key__in=["ca79", "ca48", "ca02", "ca31", "v03"])), per_unit=30)
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"/api/v1/plans/{plan.pk}/rollup.docx").status_code == 200
    assert len(many) == len(few)


def test_print_own_report_as_docx_scoped(api_as, reporter, other_reporter, reviewer, plan, unit, other_unit):
    from .docx.reading import all_text, open_docx

    own = report(unit, plan, "submitted")
    theirs = report(other_unit, plan, "accepted")
    url = "/api/v1/annual-reports/{}/print.docx"
    response = api_as(reporter).get(url.format(own.pk))
    assert response.status_code == 200 and response["Content-Type"] == DOCX_TYPE
    assert f'filename="bao-cao-ca01-{plan.year}.docx"' in response["Content-Disposition"]
    assert "CÔNG AN THÀNH PHỐ HÀ NỘI" in all_text(open_docx(response.content))
    assert api_as(reporter).get(url.format(theirs.pk)).status_code == 404
    assert api_as(other_reporter).get(url.format(own.pk)).status_code == 404
    assert api_as(reviewer).get(url.format(own.pk)).status_code == 200


def test_print_docx_query_count_does_not_grow_with_the_units_records(api_as, reporter, plan, unit):
    from tests.factories import ActivityFactory

    own = report(unit, plan, "draft")
    client = api_as(reporter)
    client.get(f"/api/v1/annual-reports/{own.pk}/print.docx")  # caches warmed (content types, the user's session)
    with CaptureQueriesContext(connection) as few:
        client.get(f"/api/v1/annual-reports/{own.pk}/print.docx")
    for _ in range(20):
        ActivityFactory(unit=unit, participants=10)
    with CaptureQueriesContext(connection) as many:
        client.get(f"/api/v1/annual-reports/{own.pk}/print.docx")
    assert len(many) == len(few)


def test_report_job_docx(api_as, reviewer, filled, eager, django_capture_on_commit_callbacks, settings, tmp_path):
    from .docx.reading import all_text, open_docx

    settings.MEDIA_ROOT = tmp_path
    client = api_as(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/v1/report-jobs/", {"plan": filled.pk, "format": "docx"}, format="json")
    assert created.status_code == 202
    job = client.get(f"/api/v1/report-jobs/{created.json()['id']}/").json()
    assert job["status"] == "done" and job["format"] == "docx", job["error"]
    download = client.get(f"/api/v1/report-jobs/{job['id']}/download/")
    assert download.status_code == 200 and download["Content-Type"] == DOCX_TYPE
    assert "bao-cao-tong-hop-762-qd-bca-v03-2024.docx" in download["Content-Disposition"]
    assert "BÁO CÁO" in all_text(open_docx(b"".join(download.streaming_content)))
