"""The Ministry's report from the web pages (reports/ministry_pages.py): V03 asks for it in the
chosen formats with the roll-up's filters, follows its progress and downloads the files; nobody
else may."""

import pytest

from reports import ministry_pages, services
from reports.models import ReportJob
from tests.pages import csrf_post, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def queued(monkeypatch):
    """The jobs the page queues (here run by hand, in the test's process)."""
    jobs: list[int] = []
    monkeypatch.setattr(ministry_pages, "report_job_queue", jobs.append)
    return jobs


def test_asking_for_the_report_following_it_and_downloading_it(
    csrf_client_as, reviewer, plan, queued, django_capture_on_commit_callbacks
):
    client = csrf_client_as(reviewer)
    page = text(client.get("/bao-cao-tong-hop/"))
    assert 'name="formats" value="pdf"' in page and 'name="formats" value="xlsx"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = csrf_post(
            client,
            "/bao-cao-tong-hop/",
            {"formats": ["pdf", "xlsx"], "area": "bac", "kind": "province", "date_from": "01/01/2024", "date_to": ""},
        )
    assert response.status_code == 302
    jobs = list(ReportJob.objects.order_by("format"))
    assert [j.format for j in jobs] == ["pdf", "xlsx"]
    assert jobs[0].options == {"area": "bac", "kind": "province", "date_from": "2024-01-01"}
    assert sorted(queued) == sorted(j.pk for j in jobs)
    waiting = text(client.get("/bao-cao-tong-hop/tien-do/"))
    assert 'data-job-running="true"' in waiting and "Bắc" in waiting and "từ 01/01/2024" in waiting
    for job in jobs:
        services.report_job_run(job_id=job.pk)
    done = text(client.get("/bao-cao-tong-hop/tien-do/"))
    assert 'data-job-running="false"' in done
    assert "Tải tệp PDF" in done and "Tải tệp XLSX" in done
    pdf = client.get(f"/bao-cao-tong-hop/{jobs[0].pk}/tai-ve/")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    with django_capture_on_commit_callbacks(execute=True):
        csrf_post(client, f"/bao-cao-tong-hop/{jobs[1].pk}/lam-lai/")
    assert ReportJob.objects.get(pk=jobs[1].pk).status == "waiting"


def test_bad_filters_ask_for_nothing(csrf_client_as, reviewer, plan, queued):
    response = csrf_post(
        csrf_client_as(reviewer),
        "/bao-cao-tong-hop/",
        {"formats": ["pdf"], "date_from": "31/11/2024", "date_to": "01/01/2024"},
    )
    assert response.status_code == 400
    assert "Không có ngày 31/11/2024" in text(response)
    response = csrf_post(
        csrf_client_as(reviewer),
        "/bao-cao-tong-hop/",
        {"formats": [], "date_from": "01/06/2024", "date_to": "01/01/2024"},
    )
    assert response.status_code == 400
    assert not ReportJob.objects.exists() and queued == []


def test_only_reviewers_make_the_ministrys_report(csrf_client_as, leader, plan, queued):
    client = csrf_client_as(leader)
    assert client.get("/bao-cao-tong-hop/").status_code == 403
    assert csrf_post(client, "/bao-cao-tong-hop/", {"formats": ["pdf"]}).status_code == 403
    assert client.get("/bao-cao-tong-hop/tien-do/").status_code == 403
    job = ReportJob.objects.create(plan=plan, format="pdf")
    assert client.get(f"/bao-cao-tong-hop/{job.pk}/tai-ve/").status_code == 403
    nav = text(client.get("/"))
    assert "/bao-cao-tong-hop/" not in nav and "/xet-duyet/" not in nav


def test_the_report_asked_for_compares_with_the_earlier_plan_chosen(
    csrf_client_as, reviewer, plan, plan_2026, queued, django_capture_on_commit_callbacks
):
    client = csrf_client_as(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = csrf_post(
            client, f"/bao-cao-tong-hop/?plan={plan_2026.pk}", {"formats": ["xlsx"], "compare_with": str(plan.pk)}
        )
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert job.plan == plan_2026 and job.options == {"compare_with": plan.pk}
    services.report_job_run(job_id=job.pk)
    listed = text(client.get(f"/bao-cao-tong-hop/tien-do/?plan={plan_2026.pk}"))
    assert "so sánh với Kế hoạch 762/QĐ-BCA-V03 (2024)" in listed
    refused = csrf_post(client, f"/bao-cao-tong-hop/?plan={plan.pk}", {"formats": ["pdf"], "compare_with": "99999"})
    assert refused.status_code == 400 and not ReportJob.objects.filter(plan=plan).exists()


def test_no_comparison_offered_without_an_earlier_plan(client_as, reviewer, plan):
    page = client_as(reviewer).get(f"/bao-cao-tong-hop/?plan={plan.pk}")
    assert page.status_code == 200
    assert 'name="compare_with"' not in page.content.decode() and page.context["comparison"] is None
