"""The annual report's pages (reports/annual/pages.py): the leader writes and submits, V03 returns
and accepts, another unit's report answers 404."""

import pytest

from reports.annual.models import AnnualReport
from reports.annual.services import report_submit
from tests.factories import ActivityFactory, task
from tests.pages import text
from tests.reports.data import submitted_report


@pytest.mark.django_db
def test_leader_creates_edits_and_submits_the_report(client_as, leader, reporter, unit, plan):
    ActivityFactory(budget_vnd=2_500_000, participants=1_200)
    client = client_as(leader)
    missing = text(client.get("/bao-cao/"))
    assert "chưa có báo cáo kết quả" in missing

    created = client.post("/bao-cao/tao/")
    report = AnnualReport.objects.get(unit=unit, plan=plan)
    assert created["Location"] == f"/bao-cao/{report.pk}/"

    form = client.get(f"/bao-cao/{report.pk}/sua/")
    assert form.status_code == 200
    data = dict(form.context["form"].initial)
    data.update(
        {
            "difficulties": "Kinh phí còn hạn chế.",
            "proposals": "Đề nghị Bộ tổ chức tập huấn.",
            f"status_{task('3.1').pk}": "completed",
            f"results_{task('3.1').pk}": "Tổ chức 12 hội nghị tuyên truyền.",
        }
    )
    saved = client.post(f"/bao-cao/{report.pk}/sua/", data)
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.difficulties == "Kinh phí còn hạn chế."
    assert report.entries.get(task__code="3.1").results == "Tổ chức 12 hội nghị tuyên truyền."

    stale = client.post(f"/bao-cao/{report.pk}/sua/", data)  # the same revision again
    assert stale.status_code == 400
    assert "người khác sửa" in text(stale)

    page = text(client.get("/bao-cao/"))
    assert "Gửi báo cáo" in page
    assert "Tổ chức 12 hội nghị tuyên truyền." in page
    assert "2.500.000" in page  # live figures, "." for thousands
    assert "1.200" in page

    # The reporter sees the report but not the button, and can't submit.
    reporter_page = text(client_as(reporter).get(f"/bao-cao/{report.pk}/"))
    assert "Chỉ lãnh đạo đơn vị mới được gửi báo cáo." in reporter_page
    assert f'action="/bao-cao/{report.pk}/gui/"' not in reporter_page
    assert client_as(reporter).post(f"/bao-cao/{report.pk}/gui/").status_code == 403
    report.refresh_from_db()
    assert report.status == "draft"

    sent = client.post(f"/bao-cao/{report.pk}/gui/", follow=True)
    assert "Đã gửi báo cáo về Bộ" in text(sent)
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.versions.count() == 1
    version = text(client.get(f"/bao-cao/{report.pk}/phien-ban/1/"))
    assert "Tổ chức 12 hội nghị tuyên truyền." in version
    assert "2.500.000" in version

    again = client.post(f"/bao-cao/{report.pk}/gui/", follow=True)  # illegal: already submitted
    assert "message-error" in text(again)
    assert "Chỉ gửi được báo cáo đang dự thảo hoặc bị trả lại" in text(again)
    assert report.versions.count() == 1
    assert client.get(f"/bao-cao/{report.pk}/sua/").status_code == 302  # no longer editable


@pytest.mark.django_db
def test_reviewer_returns_with_a_comment_then_accepts(client_as, leader, reviewer, plan):
    report = submitted_report(leader, plan)
    client = client_as(reviewer)
    page = text(client.get(f"/bao-cao/{report.pk}/"))
    assert "Trả lại" in page
    assert "Chấp nhận" in page

    no_comment = client.post(f"/bao-cao/{report.pk}/tra-lai/", {"comment": "  "})
    assert no_comment.status_code == 400
    assert "ý kiến là bắt buộc" in text(no_comment)
    assert 'id="id_comment_error"' in text(no_comment)
    report.refresh_from_db()
    assert report.status == "submitted"

    client.post(f"/bao-cao/{report.pk}/tra-lai/", {"comment": "Bổ sung số liệu mô hình điểm."})
    report.refresh_from_db()
    assert report.status == "returned"
    assert report.review_comment == "Bổ sung số liệu mô hình điểm."
    assert "Bổ sung số liệu mô hình điểm." in text(client_as(leader).get(f"/bao-cao/{report.pk}/"))

    # Accepting a returned report is illegal: the service's message shows, nothing changes.
    refused = client.post(f"/bao-cao/{report.pk}/chap-nhan/", follow=True)
    assert "message-error" in text(refused)
    assert "Chỉ chấp nhận được báo cáo đã gửi" in text(refused)
    report.refresh_from_db()
    assert report.status == "returned"

    report_submit(report=report, by=leader)
    client.post(f"/bao-cao/{report.pk}/chap-nhan/", {"comment": ""})
    report.refresh_from_db()
    assert report.status == "accepted"


@pytest.mark.django_db
def test_units_cannot_review(client_as, leader, plan):
    report = submitted_report(leader, plan)
    assert client_as(leader).post(f"/bao-cao/{report.pk}/chap-nhan/").status_code == 403
    report.refresh_from_db()
    assert report.status == "submitted"


@pytest.mark.django_db
def test_another_units_report_is_404(client_as, leader, reporter, other_leader, plan):
    report = submitted_report(other_leader, plan)
    for client in (client_as(leader), client_as(reporter)):
        assert client.get(f"/bao-cao/{report.pk}/").status_code == 404
        assert client.get(f"/bao-cao/{report.pk}/sua/").status_code == 404
        assert client.get(f"/bao-cao/{report.pk}/phien-ban/1/").status_code == 404
        assert client.post(f"/bao-cao/{report.pk}/gui/").status_code == 404
        assert client.post(f"/bao-cao/{report.pk}/tra-lai/", {"comment": "x"}).status_code == 404
    report.refresh_from_db()
    assert report.status == "submitted"


@pytest.mark.django_db
def test_an_over_long_return_comment_gets_the_apis_one_message(client_as, api_as, leader, reviewer, plan):
    report = submitted_report(leader, plan)
    long_comment = "Sửa ngày, xóa bản trùng. " * 500  # 12.500 characters
    page = client_as(reviewer).post(f"/bao-cao/{report.pk}/tra-lai/", {"comment": long_comment})
    assert page.status_code == 400
    body = text(page)
    assert "Tối đa 10.000 ký tự" in body
    assert "ý kiến là bắt buộc" not in body and "Trường này là bắt buộc" not in body  # not "required" too
    api = api_as(reviewer).post(f"/api/v1/reports/{report.pk}/return/", {"comment": long_comment}, format="json")
    assert api.status_code == 400
    assert "Tối đa 10.000 ký tự" in api.json()["comment"][0]
    report.refresh_from_db()
    assert report.status == "submitted"
    fits = client_as(reviewer).post(f"/bao-cao/{report.pk}/tra-lai/", {"comment": "x" * 10_000})
    assert fits.status_code == 302


@pytest.mark.django_db
def test_a_task_shows_the_same_progress_on_the_dashboard_and_the_report(client_as, leader, plan, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.annual.services import report_create, report_update
    from tasks.obligations.models import Obligation
    from tasks.unit_plans.services import unit_plan_submit
    from tests.files import PDF

    unit_plan_submit(
        by=leader,
        plan=plan,
        number="12/KH-CAHN",
        signed_on=plan.signed_on,
        signer="Giám đốc",
        upload=SimpleUploadedFile("kh.pdf", PDF),
    )
    report = report_create(by=leader, plan=plan)
    report_update(
        report=report,
        by=leader,
        values={},
        entries=[{"task": task("1.1"), "status": "not_started", "results": "Đã ban hành kế hoạch."}],
        expected_revision=report.revision,
    )
    obligation = Obligation.objects.get(unit=leader.unit, deliverable__task__code="1.1", deliverable__kind="unit_plan")
    assert obligation.status == "completed"
    page = text(client_as(leader).get(f"/bao-cao/{report.pk}/"))
    row = page[page.index('">1.1</th>') :][:300]
    assert "Đã hoàn thành" in row and "Chưa thực hiện" not in row
    assert report.entries.get(task__code="1.1").status == "completed"  # what was typed does not override it
