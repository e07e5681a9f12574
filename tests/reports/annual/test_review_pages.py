"""V03's review in the web pages (reports/annual/review_pages.py, list_pages.py): the queue of
submitted reports, oldest first; the comparison of two sent versions (text and figures); the list of
reports with its filters and export; confirmations of what cannot be undone on the report page."""

from datetime import datetime, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from reports.annual.services import report_return, report_submit, report_update
from tests.factories import ActivityFactory, task
from tests.pages import text
from tests.reports.data import TZ, submitted_report

pytestmark = pytest.mark.django_db


def test_the_queue_has_the_submitted_reports_oldest_first(client_as, leader, other_leader, reviewer, reporter, plan):
    late = submitted_report(other_leader, plan, at=datetime(2024, 12, 12, 9, 0, tzinfo=TZ))
    early = submitted_report(leader, plan, at=datetime(2024, 12, 10, 9, 0, tzinfo=TZ))
    response = client_as(reviewer).get("/xet-duyet/")
    assert [r.pk for r in response.context["waiting"]] == [early.pk, late.pk]
    page = text(response)
    assert "2 báo cáo đang chờ xét duyệt" in page
    assert f'href="/bao-cao/{early.pk}/"' in page
    report_return(report=late, by=reviewer, comment="Bổ sung.")
    response = client_as(reviewer).get("/xet-duyet/")
    assert [r.pk for r in response.context["waiting"]] == [early.pk]
    assert [r.pk for r in response.context["returned"]] == [late.pk]
    assert client_as(reporter).get("/xet-duyet/").status_code == 403


def test_comparing_two_versions_shows_what_changed(client_as, leader, reviewer, reporter, other_reporter, plan):
    ActivityFactory(participants=120)
    report = submitted_report(leader, plan)
    report_return(report=report, by=reviewer, comment="Sửa ngày, xóa bản trùng.")
    ActivityFactory(participants=80, task=task("3.2"))
    report.refresh_from_db()
    report_update(
        report=report,
        by=leader,
        values={"difficulties": "Kinh phí còn hạn chế."},
        entries=[{"task": task("3.1"), "results": "Đã tổ chức 2 hội nghị."}],
        expected_revision=report.revision,
    )
    report_submit(report=report, by=leader, at=datetime(2024, 12, 13, 9, 0, tzinfo=TZ))
    response = client_as(reviewer).get(f"/bao-cao/{report.pk}/so-sanh/")
    assert response.status_code == 200
    changes = {(f.task, f.field): (f.old, f.new) for f in response.context["figures"]}
    assert changes[("", "participants")] == (120, 200)
    assert changes[("3.2", "activities")] == (0, 1)
    assert ("3.1", "participants") not in changes  # unchanged figures are not listed
    texts = {t.label: (t.old, t.new) for t in response.context["changed_texts"]}
    assert texts["Khó khăn, vướng mắc"] == ("", "Kinh phí còn hạn chế.")
    assert any(label.startswith("Kết quả thực hiện nhiệm vụ 3.1") for label in texts) or any(
        "3.1" in label for label in texts
    )
    page = text(response)
    assert "Phiên bản 1" in page and "Phiên bản 2" in page and "+80" in page
    assert client_as(reporter).get(f"/bao-cao/{report.pk}/so-sanh/").status_code == 200  # the unit's own
    assert client_as(other_reporter).get(f"/bao-cao/{report.pk}/so-sanh/").status_code == 404


def test_a_report_sent_once_has_nothing_to_compare(client_as, leader, reviewer, plan):
    report = submitted_report(leader, plan)
    assert client_as(reviewer).get(f"/bao-cao/{report.pk}/so-sanh/").status_code == 404


def test_the_report_page_asks_before_what_cannot_be_undone(client_as, leader, reviewer, plan):
    report = submitted_report(leader, plan)
    reviewing = text(client_as(reviewer).get(f"/bao-cao/{report.pk}/"))
    assert "Chấp nhận báo cáo? Số liệu đơn vị đã tính cho Kế hoạch này sẽ bị khóa" in reviewing
    assert "Trả lại báo cáo cho đơn vị kèm ý kiến này?" in reviewing
    assert f'href="/api/v1/annual-reports/{report.pk}/print.pdf"' in reviewing
    report_return(report=report, by=reviewer, comment="Bổ sung.")
    sending = text(client_as(leader).get(f"/bao-cao/{report.pk}/"))
    assert (
        "Gửi báo cáo về Bộ (qua V03)? Nội dung và số liệu tại thời điểm này sẽ được chốt thành phiên bản 2" in sending
    )


def test_the_list_of_reports(client_as, leader, other_leader, reviewer, reporter, plan):
    submitted_report(leader, plan, at=datetime(2024, 12, 10, 9, 0, tzinfo=TZ))
    other = submitted_report(other_leader, plan, at=datetime(2024, 12, 10, 9, 0, tzinfo=TZ) + timedelta(days=1))
    report_return(report=other, by=reviewer, comment="Bổ sung.")
    client = client_as(reviewer)

    def units(**query) -> list[str]:
        return [r.unit.key for r in client.get("/bao-cao/danh-sach/", query).context["list"].page.object_list]

    assert units() == ["ca01", "ca79"]
    assert units(status="returned") == ["ca79"]
    assert units(area="nam") == ["ca79"]
    assert units(q="Hà Nội") == ["ca01"]
    assert units(sort="-last_sent") == ["ca79", "ca01"]
    sheet = load_workbook(BytesIO(client.get("/bao-cao/danh-sach/", {"format": "xlsx"}).content)).active
    assert [c.value for c in sheet[1]][:3] == ["Đơn vị", "Địa bàn", "Tình trạng"]
    assert sheet.max_row == 3
    own = client_as(reporter).get("/bao-cao/danh-sach/")
    assert [r.unit.key for r in own.context["list"].page.object_list] == ["ca01"]
