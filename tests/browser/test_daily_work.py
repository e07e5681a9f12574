"""The daily work of issue 11 in a real browser (Debian's Chromium through Playwright) against a live
server, with a real Celery worker making the Ministry's report:

ca01.reporter logs an activity for 3.1 from the dashboard's task row, attaches a PDF, corrects its
date, imports a spreadsheet twice (the second time every row is a duplicate); ca01.leader sends the
report after confirming; v03.reviewer finds it in the review queue and returns it; the leader sends
it again; the reviewer compares the versions, accepts, makes the Ministry's report and downloads
the PDF and the XLSX; every main page is looked at 1366 × 768 and 390 px wide.

Every request off the live server is blocked and recorded, every console error is recorded, and at
390 px no page may scroll sideways. Screenshots of every main page at both sizes go to
var/test-artifacts/ (kept by CI as artifacts)."""

import re
from pathlib import Path

import pytest

from plans.models import Task
from reports.annual.models import AnnualReport
from reports.jobs import report_job_run
from tasks.models import Activity, Evidence, Obligation
from tests.browser.session import PASSWORD, Session
from tests.files import PDF
from tests.services import redis_url
from tests.workers import Workers

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
TITLE = "Tuyên truyền Luật Căn cước tại phường Hàng Bạc"
PHONE = {"width": 390, "height": 844}
OFFICE = {"width": 1366, "height": 768}

IMPORT_HEADINGS = "Mã nhiệm vụ,Ngày bắt đầu,Tiêu đề,Hình thức,Đối tượng,Xã/phường,Số người tham dự"
IMPORT_ROWS = [
    '3.1,12/03/2024,Hội nghị phổ biến Luật Đất đai,"Tuyên truyền, phổ biến trực tiếp",Quần chúng nhân dân,'
    "Phường Tràng Tiền,300",
    "3.2,20/04/2024,Tư vấn pháp luật cho công nhân,Tư vấn pháp luật,Người lao động trong các doanh nghiệp,"
    "Xã Kim Chung,120",
    "3.1,05/06/2024,Thi tìm hiểu pháp luật,Thi tìm hiểu pháp luật,Trẻ em,Phường Láng Thượng,450",
]


class Walk(Session):
    """A user's session that also records console errors and the confirmations asked, and takes
    screenshots at both sizes."""

    def __init__(self, browser, base_url: str, blocked: list[str], errors: list[str]):
        super().__init__(browser, base_url, blocked)
        self.page.set_viewport_size(OFFICE)
        self.errors = errors
        self.confirmed: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: errors.append(f"{self.page.url}: {exc}"))
        self.page.on("dialog", self._confirm)

    def _console(self, message):
        # A form sent back with its errors answers 400 on purpose (Chromium logs it as a failed load).
        if message.type == "error" and "the server responded with a status of 400" not in message.text:
            self.errors.append(f"{self.page.url}: {message.text}")

    def _confirm(self, dialog):
        self.confirmed.append(dialog.message)
        dialog.accept()

    def both(self, name: str):
        """Screenshots at 1366 × 768 and at 390 px; at 390 px the page must not scroll sideways."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page = self.page
        page.wait_for_load_state("load")  # a click that navigated returns before the stylesheet applies
        page.screenshot(path=str(ARTIFACTS / f"{name}-1366.png"), full_page=True)
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(100)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        page.screenshot(path=str(ARTIFACTS / f"{name}-390.png"), full_page=True)
        small = page.evaluate(
            """() => [...document.querySelectorAll('main button, main .button, nav a, main select')]
                .filter(e => e.offsetParent && e.getBoundingClientRect().height < 43.5)
                .map(e => e.textContent.trim() || e.outerHTML.slice(0, 60))"""
        )
        page.set_viewport_size(OFFICE)
        assert overflow <= 0, f"{name}: the page scrolls sideways by {overflow} px at 390 px"
        assert small == [], f"{name}: tap targets under 44 px: {small}"


def test_daily_work_in_chromium(browser, live_server, people, workers, settings, tmp_path):
    blocked: list[str] = []
    errors: list[str] = []
    base = live_server.url
    task_31 = Task.objects.get(group__plan__number="762/QĐ-BCA-V03", code="3.1")

    # 1. ca01.reporter logs an activity for 3.1 from the task's row of the dashboard.
    reporter = Walk(browser, base, blocked, errors)
    page = reporter.login("ca01.reporter")
    reporter.both("01-unit-dashboard")
    row_31 = Obligation.objects.get(unit__key="ca01", deliverable__task=task_31)
    page.locator(f"#nghia-vu-{row_31.pk}").get_by_role("link", name="Ghi nhận hoạt động").click()
    page.wait_for_url(re.compile(r".*/hoat-dong/them/\?task=3\.1$"))
    assert page.get_by_label("Nhiệm vụ của Kế hoạch").input_value() == str(task_31.pk)
    # Every error at once, next to its field; the cursor goes to the first one.
    page.get_by_label("Ngày thực hiện (hoặc ngày bắt đầu)").fill("31/11/2024")
    page.get_by_role("button", name="Lưu hoạt động").click()
    main = page.inner_text("main")
    assert "Không có ngày 31/11/2024: tháng 11/2024 có 30 ngày." in main
    assert "Trường này là bắt buộc." in main
    # The page's script moves the cursor once it has run (deferred): wait for it, at most 10 s.
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_title'", timeout=10_000)
    assert page.get_by_label("Ngày thực hiện (hoặc ngày bắt đầu)").get_attribute("inputmode") == "text"
    reporter.both("02-activity-form-errors")
    page.get_by_label("Tên hoạt động").fill(TITLE)
    page.get_by_label("Ngày thực hiện (hoặc ngày bắt đầu)").fill("5/12/2024")
    page.get_by_label("Hình thức").select_option("direct")
    page.get_by_label("Quần chúng nhân dân").check()
    page.get_by_label("Xã / phường").fill("Phường Hàng Bạc")
    page.get_by_label("Lượt người").fill("1.250")
    page.get_by_role("button", name="Lưu hoạt động").click()
    page.wait_for_url(re.compile(r".*/hoat-dong/\d+/#minh-chung$"))
    activity = Activity.objects.get(title=TITLE)
    assert activity.task == task_31

    # … attaches a PDF right there …
    page.get_by_label("Thêm tệp minh chứng").set_input_files(
        {"name": "bien-ban-hoi-nghi.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Đính kèm tệp").click()
    assert "Đã đính kèm tệp “bien-ban-hoi-nghi.pdf”." in page.inner_text("main")
    assert Evidence.objects.get().activity == activity
    reporter.both("03-activity-with-evidence")

    # … and corrects its date (the reviewer's "sửa ngày").
    page.get_by_role("link", name="Sửa", exact=True).click()
    reporter.both("04-activity-correct")
    page.get_by_label("Ngày thực hiện (hoặc ngày bắt đầu)").fill("09.12.2024")
    page.get_by_role("button", name="Lưu nội dung sửa").click()
    page.wait_for_url(f"{base}/hoat-dong/{activity.pk}/")
    assert "09/12/2024" in page.inner_text("main")
    activity.refresh_from_db()
    assert (activity.start_date.day, activity.revision) == (9, 2)

    # 2. The same spreadsheet imported twice: the second time every row is a duplicate.
    content = "\n".join([IMPORT_HEADINGS, *IMPORT_ROWS]).encode()
    for attempt in (1, 2):
        page.locator("nav").get_by_role("link", name="Nhập từ tệp").click()
        page.get_by_label("Tệp bảng tính").set_input_files(
            {"name": "hoat-dong.csv", "mimeType": "text/csv", "buffer": content}
        )
        page.get_by_role("button", name="Nhập", exact=True).click()
        counts = page.locator(".import-result .counts").inner_text()
        expected = ("3", "0") if attempt == 1 else ("0", "3")
        assert re.search(rf"{expected[0]}\s+hoạt động mới", counts), counts
        assert re.search(rf"{expected[1]}\s+dòng trùng", counts), counts
    reporter.both("05-import-twice")
    assert Activity.objects.filter(unit__key="ca01").count() == 4
    page.locator("nav").get_by_role("link", name="Hoạt động", exact=True).click()
    page.locator("#id_q").fill("Đất đai")
    page.get_by_role("button", name="Lọc").click()
    assert page.locator("table.list tbody tr").count() == 1
    reporter.both("06-activity-list")
    for path, name in [
        ("/ke-hoach-don-vi/", "07-unit-plan"),
        ("/mo-hinh-diem/", "08-pilot-models"),
        ("/tap-huan/", "09-training"),
        ("/nhac-han/", "10-reminders"),
    ]:
        reporter.go(path)
        reporter.both(name)
    reporter.close()

    # 3. ca01.leader sends the report after confirming.
    leader = Walk(browser, base, blocked, errors)
    page = leader.login("ca01.leader")
    page.locator("nav").get_by_role("link", name="Báo cáo kết quả").click()
    page.get_by_role("button", name="Tạo dự thảo báo cáo").click()
    page.get_by_role("button", name="Gửi báo cáo").click()
    assert "Đã gửi báo cáo về Bộ (qua V03)." in page.inner_text("main")
    assert "phiên bản 1" in leader.confirmed[-1]
    leader.both("11-report-sent")
    report = AnnualReport.objects.get()

    # 4. v03.reviewer finds it in the review queue and returns it with a comment.
    reviewer = Walk(browser, base, blocked, errors)
    page = reviewer.login("v03.reviewer")
    reviewer.both("12-overview")
    page.locator("nav").get_by_role("link", name="Hàng chờ xét duyệt").click()
    reviewer.both("13-review-queue")
    page.get_by_role("row").filter(has_text="Công an thành phố Hà Nội").get_by_role("link", name="Xét duyệt").click()
    page.get_by_label("Ý kiến gửi đơn vị").fill("Đề nghị sửa ngày và xóa bản trùng, bổ sung khó khăn.")
    page.get_by_role("button", name="Trả lại").click()
    assert "Đã trả lại báo cáo cho đơn vị" in page.inner_text("main")
    assert "Trả lại báo cáo" in reviewer.confirmed[-1]

    # 5. The leader writes the difficulties and sends it again.
    page = leader.page
    leader.go(f"/bao-cao/{report.pk}/")
    page.get_by_role("link", name="Sửa báo cáo").click()
    page.get_by_label("Khó khăn, vướng mắc").fill("Kinh phí tuyên truyền ở cơ sở còn hạn chế.")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Gửi báo cáo").click()
    assert "phiên bản 2" in leader.confirmed[-1]
    assert "Phiên bản 2" in page.inner_text("main")
    leader.close()

    # 6. The reviewer compares the versions and accepts.
    page = reviewer.page
    page.locator("nav").get_by_role("link", name="Hàng chờ xét duyệt").click()
    page.get_by_role("row").filter(has_text="Công an thành phố Hà Nội").get_by_role("link", name="Xem thay đổi").click()
    compare = page.inner_text("main")
    assert "Kinh phí tuyên truyền ở cơ sở còn hạn chế." in compare
    assert "Khó khăn, vướng mắc" in compare
    reviewer.both("14-compare-versions")
    page.get_by_role("link", name="« Quay lại báo cáo").click()
    reviewer.both("15-report-to-review")
    page.get_by_role("button", name="Chấp nhận").click()
    assert "Đã chấp nhận báo cáo." in page.inner_text("main")
    assert "khóa" in reviewer.confirmed[-1]
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.ACCEPTED

    # 7. … makes the Ministry's report, follows its progress, downloads the PDF and the XLSX.
    workers.start()
    page.locator("nav").get_by_role("link", name="Báo cáo tổng hợp của Bộ").click()
    page.get_by_role("button", name="Lập báo cáo").click()
    assert "Báo cáo đang được lập" in page.inner_text("main")
    pdf_link = page.get_by_role("link", name="Tải tệp PDF")
    xlsx_link = page.get_by_role("link", name="Tải tệp XLSX")
    pdf_link.wait_for(timeout=120_000)  # the page's script asks for the progress until it is done
    xlsx_link.wait_for(timeout=120_000)
    reviewer.both("16-ministry-report")
    with page.expect_download() as pdf:
        pdf_link.click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as xlsx:
        xlsx_link.click()
    assert Path(xlsx.value.path()).read_bytes().startswith(b"PK")
    for path, name in [
        ("/hoat-dong/", "17-activities-every-unit"),
        ("/bao-cao/danh-sach/", "18-reports"),
        (f"/don-vi/{row_31.unit_id}/", "19-unit-page"),
    ]:
        reviewer.go(path)
        reviewer.both(name)
    # The reviewer's menu holds only what the reviewer may open.
    assert page.locator("nav").get_by_role("link", name="Quản trị").count() == 0
    reviewer.close()

    assert blocked == [], f"requests off the live server: {blocked}"
    assert errors == [], f"console errors: {errors}"
    assert PASSWORD  # the users of tests/browser/conftest.py


@pytest.fixture
def workers(settings, tmp_path):
    """A Celery worker pool (started when the report is asked for) sharing the test database and
    MEDIA_ROOT; the report jobs the live server queues go to its private queue."""
    settings.MEDIA_ROOT = tmp_path / "media"
    pool = Workers(tmp_path, redis_url())
    try:
        with pool.taking(report_job_run):
            yield pool
    finally:
        pool.close()
