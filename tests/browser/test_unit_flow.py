"""The pages that spare a unit the API, in a real browser (Debian's Chromium through Playwright)
against a live server, set up as in test_report_flow.py (fixtures in tests/browser/conftest.py):
ca01.leader hands in the unit's plan with a PDF; ca01.reporter adds a pilot model and attaches a
PNG to an activity, and sees them listed. Every request off the live server is blocked and
recorded.

Screenshots go to var/screenshots/more-*.png."""

import pytest

from tasks.models import Activity, Evidence, Obligation, PilotModel, UnitPlan
from tests.browser.session import Session
from tests.factories import ActivityFactory
from tests.files import PDF, PNG

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media")]

MODEL_NAME = "Mô hình “Khu dân cư không ma túy” phường Hàng Bạc"
ACTIVITY_TITLE = "Hội nghị tuyên truyền Luật Căn cước tại phường Hàng Bạc"


def test_unit_plan_pilot_model_and_evidence_in_chromium(browser, live_server, people):
    blocked: list[str] = []
    base = live_server.url

    # 1. ca01.leader hands in the unit's plan with a PDF.
    leader = Session(browser, base, blocked)
    page = leader.login("ca01.leader")
    page.locator("nav").get_by_role("link", name="Kế hoạch đơn vị").click()
    page.wait_for_url(base + "/ke-hoach-don-vi/")
    assert "Chưa gửi" in page.inner_text("main")
    assert "trước ngày 29/02/2024" in page.inner_text("main")
    page.get_by_label("Số kế hoạch").fill("125/KH-CAHN")
    page.get_by_label("Ngày ký").fill("20/02/2024")
    page.get_by_label("Người ký").fill("Đại tá Nguyễn Văn A")
    page.get_by_label("Tệp kế hoạch đã ký").set_input_files(
        {"name": "ke-hoach-2024.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    leader.shot("more-01-unit-plan-form")
    page.once("dialog", lambda dialog: dialog.accept())  # handing in cannot be undone: the page asks first
    page.get_by_role("button", name="Gửi kế hoạch").click()
    page.wait_for_url(base + "/ke-hoach-don-vi/")
    main = page.inner_text("main")
    assert "Đã gửi kế hoạch của đơn vị về Bộ (qua V03)." in main
    assert "125/KH-CAHN" in main
    assert "20/02/2024" in main
    assert "Hoàn thành quá hạn" in main  # today is long after 29/02/2024
    assert page.get_by_role("link", name="ke-hoach-2024.pdf").is_visible()
    assert page.get_by_role("button", name="Gửi kế hoạch").count() == 0
    leader.shot("more-02-unit-plan-handed-in")
    unit_plan = UnitPlan.objects.get()
    assert unit_plan.submitted_by.username == "ca01.leader"
    assert Obligation.objects.get(unit=unit_plan.unit, deliverable__kind="unit_plan").status == "completed"
    with page.expect_download() as download:
        page.get_by_role("link", name="ke-hoach-2024.pdf").click()
    assert download.value.suggested_filename == "ke-hoach-2024.pdf"
    leader.close()

    # 2. ca01.reporter sees the plan read-only, then adds a pilot model.
    reporter = Session(browser, base, blocked)
    page = reporter.login("ca01.reporter")
    page.locator("nav").get_by_role("link", name="Kế hoạch đơn vị").click()
    assert "125/KH-CAHN" in page.inner_text("main")
    assert page.get_by_label("Số kế hoạch").count() == 0

    page.locator("nav").get_by_role("link", name="Mô hình điểm").click()
    page.wait_for_url(base + "/mo-hinh-diem/")
    assert "Chưa đạt chỉ tiêu" in page.inner_text("main")
    page.get_by_role("link", name="Thêm mô hình điểm").click()
    page.get_by_label("Tên mô hình").fill(MODEL_NAME)
    page.get_by_label("Địa điểm").fill("Phường Hàng Bạc, quận Hoàn Kiếm")
    page.get_by_label("Đối tượng").select_option("public")
    page.get_by_label("Ngày bắt đầu").fill("01/03/2024")
    page.get_by_label("Tình trạng").select_option("running")
    reporter.shot("more-03-pilot-model-form")
    page.get_by_role("button", name="Lưu mô hình điểm").click()
    page.wait_for_url(base + "/mo-hinh-diem/")
    main = page.inner_text("main")
    assert "Đã lưu mô hình điểm “Mô hình ‘Khu dân cư không ma túy’ phường Hàng Bạc”." in main  # quotes nest
    assert "Đạt chỉ tiêu" in main
    row = page.get_by_role("row").filter(has_text=MODEL_NAME)
    assert "01/03/2024" in row.inner_text()
    assert "Đang triển khai" in row.inner_text()
    reporter.shot("more-04-pilot-models")
    assert PilotModel.objects.get().name == MODEL_NAME

    # 3. … and attaches a PNG to an activity.
    activity = ActivityFactory(title=ACTIVITY_TITLE)
    page.locator("nav").get_by_role("link", name="Hoạt động", exact=True).click()
    page.get_by_role("link", name=ACTIVITY_TITLE).click()
    page.wait_for_url(f"{base}/hoat-dong/{activity.pk}/")
    assert "Chưa có tệp đính kèm." in page.inner_text("main")
    page.get_by_label("Thêm tệp minh chứng").set_input_files(
        {"name": "hoi-nghi.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.get_by_role("button", name="Đính kèm tệp").click()
    page.wait_for_url(f"{base}/hoat-dong/{activity.pk}/#minh-chung")
    assert "Đã đính kèm tệp “hoi-nghi.png”." in page.inner_text("main")
    link = page.get_by_role("link", name="hoi-nghi.png")
    assert link.is_visible()
    reporter.shot("more-05-activity-evidence")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "hoi-nghi.png"
    assert Evidence.objects.get().activity == activity

    # 4. A spreadsheet with bad rows imports nothing and lists every problem.
    page.locator("nav").get_by_role("link", name="Nhập từ tệp").click()
    page.wait_for_url(base + "/hoat-dong/nhap-tu-tep/")
    headings = "Mã nhiệm vụ,Ngày bắt đầu,Tiêu đề,Hình thức,Đối tượng,Số người tham dự"
    rows = [
        '3.1,15/03/2024,Tuyên truyền Luật Căn cước,"Tuyên truyền, phổ biến trực tiếp",Quần chúng nhân dân,1.250',
        '3.1,2024-13-45,Buổi sai ngày,"Tuyên truyền, phổ biến trực tiếp",Quần chúng nhân dân,100',
        '99.9,16/03/2024,,"Tuyên truyền, phổ biến trực tiếp",Quần chúng nhân dân,100',
    ]
    page.get_by_label("Tệp bảng tính").set_input_files(
        {"name": "hoat-dong.csv", "mimeType": "text/csv", "buffer": "\n".join([headings, *rows]).encode()}
    )
    page.get_by_role("button", name="Nhập", exact=True).click()
    assert "Chưa nhập hoạt động nào" in page.inner_text("main")
    assert page.locator("table.import-errors tbody tr").count() >= 3
    reporter.shot("more-06-import-errors")
    assert Activity.objects.count() == 1  # only the one made above: nothing imported

    # 5. The dashboard sums it up.
    page.locator("nav").get_by_role("link", name="Tổng quan").click()
    records = page.locator("section.records").inner_text()
    assert "Số 125/KH-CAHN" in records
    assert "Đạt chỉ tiêu" in records
    reporter.shot("more-07-dashboard")
    reporter.close()

    assert blocked == [], f"requests off the live server: {blocked}"
