"""The walk of issue 3 in a real browser (Debian's Chromium through Playwright) against a live
server: a reporter logs an activity through the form, another unit does not see it, the leader
sends the report, V03 returns it with a comment and the leader reads it. Every request that is not
to the live server is blocked and recorded: the pages must need nothing from outside (no CDN).

Screenshots go to var/screenshots/ (tests/browser/session.py)."""

import pytest

from plans.models import Task
from reports.annual.models import AnnualReport
from tasks.models import Activity
from tests.browser.session import Session

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ACTIVITY_TITLE = "Tuyên truyền Luật Căn cước năm 2023 tại phường Hàng Bạc"


def test_report_walk_in_chromium(browser, live_server, people):
    blocked: list[str] = []
    base = live_server.url
    task_31 = Task.objects.get(group__plan__number="762/QĐ-BCA-V03", code="3.1")

    # 1. ca01.reporter logs in and logs an activity through the form.
    reporter = Session(browser, base, blocked)
    reporter.go("/dang-nhap/")
    reporter.shot("01-login")
    page = reporter.login("ca01.reporter")
    assert page.get_by_role("heading", level=1).inner_text() == "Công an thành phố Hà Nội"
    header = page.locator("header").inner_text()
    assert "Theo dõi Kế hoạch PBGDPL" in header
    assert "Nguyễn Thị Lan" in header
    assert "trước ngày 15/12/2024" in page.inner_text("main")
    assert "00 giờ 00" in page.inner_text("main")
    # The stylesheet is served by the app itself.
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") != (
        "rgba(0, 0, 0, 0)"
    )
    reporter.shot("02-reporter-dashboard")

    page.get_by_role("link", name="Ghi nhận hoạt động").first.click()
    page.wait_for_url(base + "/hoat-dong/them/")
    # Bad input first: a date month-first and no title; nothing is saved, messages are in Vietnamese.
    page.get_by_label("Nhiệm vụ của Kế hoạch").select_option(str(task_31.pk))
    page.get_by_label("Ngày thực hiện (hoặc ngày bắt đầu)").fill("2024-13-05")
    page.get_by_role("button", name="Lưu hoạt động").click()
    assert "Chưa lưu gì" in page.inner_text("main")
    assert "Trường này là bắt buộc." in page.inner_text("main")
    assert "Không có ngày 05/13/2024: một năm chỉ có 12 tháng." in page.inner_text("main")
    reporter.shot("03-activity-form-errors")
    assert not Activity.objects.exists()

    page.get_by_label("Tên hoạt động").fill(ACTIVITY_TITLE)
    page.get_by_label("Ngày thực hiện (hoặc ngày bắt đầu)").fill("05/12/2024")
    page.get_by_label("Hình thức").select_option("direct")
    page.get_by_label("Quần chúng nhân dân").check()
    page.get_by_label("Người lao động trong các doanh nghiệp").check()
    page.get_by_label("Văn bản pháp luật mới về an ninh, trật tự").check()
    page.get_by_label("Xã / phường").fill("Phường Hàng Bạc")
    page.get_by_label("Quận / huyện").fill("Quận Hoàn Kiếm")
    page.get_by_label("Buổi/cuộc").fill("2")
    page.get_by_label("Lượt người").fill("1.250")
    page.get_by_label("Kinh phí (đồng)").fill("2.500.000")
    reporter.shot("04-activity-form-filled")
    page.get_by_role("button", name="Lưu hoạt động").click()
    page.wait_for_url(f"{base}/hoat-dong/*/#minh-chung")  # the activity, where its evidence is attached
    main = page.inner_text("main")
    assert f"Đã lưu hoạt động “{ACTIVITY_TITLE}”." in main
    page.locator("nav").get_by_role("link", name="Hoạt động", exact=True).click()
    row = page.get_by_role("row").filter(has_text=ACTIVITY_TITLE)
    assert "05/12/2024" in row.inner_text()
    assert "1.250" in row.inner_text()
    reporter.shot("05-activity-list")
    activity = Activity.objects.get()
    assert (activity.start_date.day, activity.start_date.month, activity.budget_vnd) == (5, 12, 2_500_000)
    reporter.close()

    # 2. ca79.reporter does not see it, and its page answers 404.
    other = Session(browser, base, blocked)
    page = other.login("ca79.reporter")
    page.get_by_role("link", name="Hoạt động", exact=True).click()
    assert ACTIVITY_TITLE not in page.inner_text("main")
    assert "Chưa ghi nhận hoạt động nào." in page.inner_text("main")
    response = page.goto(f"{base}/hoat-dong/{activity.pk}/")
    assert response.status == 404
    other.close()

    # 3. ca01.leader starts the report and sends it.
    leader = Session(browser, base, blocked)
    page = leader.login("ca01.leader")
    page.get_by_role("link", name="Báo cáo kết quả").click()
    page.get_by_role("button", name="Tạo dự thảo báo cáo").click()
    assert "Đã tạo dự thảo báo cáo" in page.inner_text("main")
    assert "2.500.000" in page.inner_text("main")  # live figures
    page.once("dialog", lambda dialog: dialog.accept())  # sending freezes a version: the page asks first
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert "Đã gửi báo cáo về Bộ (qua V03)." in main
    assert "Đã gửi" in page.locator(".status-card").inner_text()
    assert "Phiên bản 1" in main
    leader.shot("06-leader-report-sent")
    report = AnnualReport.objects.get()
    assert report.status == AnnualReport.Status.SUBMITTED

    # 4. v03.reviewer finds it in the overview and returns it with a comment.
    reviewer = Session(browser, base, blocked)
    page = reviewer.login("v03.reviewer")
    assert page.get_by_role("heading", level=1).inner_text() == "Tổng hợp các đơn vị"
    hanoi = page.get_by_role("row").filter(has=page.get_by_role("link", name="Công an thành phố Hà Nội"))
    assert "Đã gửi" in hanoi.inner_text()
    reviewer.shot("07-reviewer-overview")
    page.get_by_label("Địa bàn").select_option("nam")
    page.get_by_role("button", name="Lọc").click()
    assert "Công an thành phố Hồ Chí Minh" in page.inner_text("main")
    assert "Công an thành phố Hà Nội" not in page.inner_text("main")
    page.locator("#id_status").select_option("submitted")
    page.get_by_label("Địa bàn").select_option("")
    page.get_by_role("button", name="Lọc").click()
    assert page.locator("table.overview tbody tr").count() == 1
    page.locator("table.overview").get_by_role("link", name="Đã gửi", exact=True).click()
    assert "Báo cáo kết quả của Công an thành phố Hà Nội" in page.inner_text("h1")
    page.on("dialog", lambda dialog: dialog.accept())  # returning asks first
    page.get_by_role("button", name="Trả lại").click()  # no comment: refused, nothing changes
    page.wait_for_load_state()
    assert "ý kiến là bắt buộc" in page.inner_text("main")
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.SUBMITTED
    page.get_by_label("Ý kiến gửi đơn vị").fill("Đề nghị bổ sung số liệu mô hình điểm (nhiệm vụ 4.1).")
    reviewer.shot("08-reviewer-report")
    page.get_by_role("button", name="Trả lại").click()
    assert "Đã trả lại báo cáo cho đơn vị" in page.inner_text("main")
    assert "Bị trả lại" in page.locator(".status-card").inner_text()
    reviewer.shot("09-reviewer-returned")
    reviewer.close()

    # 5. The leader sees the comment on the dashboard.
    leader.go("/")
    page = leader.page
    main = page.inner_text("main")
    assert "Bị trả lại" in main
    assert "Đề nghị bổ sung số liệu mô hình điểm (nhiệm vụ 4.1)." in main
    leader.shot("10-leader-sees-comment")
    leader.close()

    assert blocked == [], f"requests off the live server: {blocked}"
