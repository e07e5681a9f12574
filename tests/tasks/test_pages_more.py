"""The pages that spare a unit the API and the admin: its own plan (1.1), pilot models (4.1-4.3),
training courses (8.2), evidence files on an activity and the spreadsheet import. Each page for
each role, another unit's records answering 404, reviewers read-only (403 on writes), writes
through the services, Vietnamese messages."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from accounts.models import User
from tasks.models import Activity, Evidence, Obligation, PilotModel, TrainingCourse, UnitPlan
from tasks.unit_plans.services import unit_plan_submit
from tests.conftest import make_user
from tests.tasks.factories import ActivityFactory, PilotModelFactory, TrainingCourseFactory, task
from tests.tasks.files import ELF, PDF, PNG, upload

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
UNIT_PAGES = ["/ke-hoach-don-vi/", "/mo-hinh-diem/", "/tap-huan/", "/hoat-dong/nhap-tu-tep/"]
FORMS = ["/mo-hinh-diem/them/", "/tap-huan/them/", "/hoat-dong/nhap-tu-tep/"]


@pytest.fixture
def client_as():
    def login(user):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def text(response) -> str:
    return response.content.decode()


def csrf_post(client, url, data=None, **kwargs):
    """POST with the CSRF token the page would carry (the clients enforce CSRF checks)."""
    client.get("/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    return client.post(url, {**(data or {}), "csrfmiddlewaretoken": token}, **kwargs)


def unit_plan_post(**changes) -> dict:
    data = {
        "number": "125/KH-CAHN",
        "signed_on": "20/02/2024",
        "signer": "Đại tá Nguyễn Văn A",
        "file": upload("ke-hoach.pdf", PDF),
    }
    data.update(changes)
    return data


def pilot_post(**changes) -> dict:
    data = {
        "revision": "",
        "name": "Mô hình “Khu dân cư không tội phạm”",
        "place": "Phường Hàng Bạc, quận Hoàn Kiếm",
        "target_group": "public",
        "start_date": "01/03/2024",
        "status": "running",
        "evaluation": "",
        "replicated_to": "",
    }
    data.update(changes)
    return data


def training_post(**changes) -> dict:
    data = {
        "revision": "",
        "task": str(task("8.2b").pk),
        "title": "Tập huấn báo cáo viên pháp luật cơ sở",
        "region": "",
        "start_date": "03/06/2024",
        "end_date": "04/06/2024",
        "place": "Hội trường Công an thành phố",
        "participants": "1.250",
    }
    data.update(changes)
    return data


# --- Access for every role ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        *UNIT_PAGES,
        "/mo-hinh-diem/them/",
        "/mo-hinh-diem/1/sua/",
        "/tap-huan/them/",
        "/tap-huan/1/sua/",
        "/hoat-dong/nhap-tu-tep/mau.xlsx",
        "/minh-chung/1/",
        "/ke-hoach-don-vi/1/tep/",
        "/don-vi/1/ke-hoach-don-vi/",
    ],
)
def test_anonymous_is_sent_to_the_login_page(url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reporter", "leader", "reviewer"])
def test_every_new_page_answers_for_every_role(role, client_as, reporter, leader, reviewer, plan):
    client = client_as({"reporter": reporter, "leader": leader, "reviewer": reviewer}[role])
    for url in [*UNIT_PAGES, "/mo-hinh-diem/them/", "/tap-huan/them/"]:
        response = client.get(url)
        if role == "reviewer" and url in FORMS:
            assert response.status_code == 403, url  # reviewers change nothing here
        elif role == "reviewer" and url == "/ke-hoach-don-vi/":
            assert response.status_code == 302  # reviewers reach a unit's plan from the unit's page
        else:
            assert response.status_code == 200, url
            assert 'lang="vi"' in text(response)


@pytest.mark.django_db
def test_navigation_and_dashboard_link_the_new_pages(client_as, reporter, reviewer, unit):
    nav = text(client_as(reporter).get("/"))
    for url, label in [
        ("/ke-hoach-don-vi/", "Kế hoạch đơn vị"),
        ("/mo-hinh-diem/", "Mô hình điểm"),
        ("/tap-huan/", "Lớp tập huấn"),
        ("/hoat-dong/nhap-tu-tep/", "Nhập từ tệp"),
    ]:
        assert f'href="{url}"' in nav
        assert label in nav
    assert "Kế hoạch của đơn vị (1.1)" in nav
    assert "Chưa đạt chỉ tiêu" in nav

    unit_page = text(client_as(reviewer).get(f"/don-vi/{unit.pk}/"))
    assert f'href="/don-vi/{unit.pk}/ke-hoach-don-vi/"' in unit_page
    assert f'href="/mo-hinh-diem/?unit={unit.pk}"' in unit_page
    assert f'href="/tap-huan/?unit={unit.pk}"' in unit_page
    assert 'href="/ke-hoach-don-vi/"' not in unit_page  # the unit's own menu is not the reviewer's


# --- The unit's own plan (1.1) ------------------------------------------------------------------


@pytest.mark.django_db
@time_machine.travel(datetime(2024, 2, 20, 10, 0, tzinfo=HCM), tick=False)
def test_leader_hands_in_the_unit_plan_on_time(client_as, leader, reporter, unit, plan):
    client = client_as(leader)
    page = text(client.get("/ke-hoach-don-vi/"))
    assert "Chưa gửi" in page
    assert "trước ngày 29/02/2024" in page
    assert 'enctype="multipart/form-data"' in page
    assert 'name="csrfmiddlewaretoken"' in page

    response = csrf_post(client, "/ke-hoach-don-vi/", unit_plan_post())
    assert response.status_code == 302
    unit_plan = UnitPlan.objects.get(unit=unit, plan=plan)
    assert unit_plan.signed_on == date(2024, 2, 20)  # dd/mm/yyyy
    assert unit_plan.submitted_by == leader
    obligation = Obligation.objects.get(unit=unit, deliverable__kind="unit_plan")
    assert obligation.status == "completed"  # the service completed it

    shown = text(client.get("/ke-hoach-don-vi/"))
    assert "Đã gửi kế hoạch của đơn vị về Bộ" in shown
    assert "125/KH-CAHN" in shown
    assert "20/02/2024" in shown
    assert "Đại tá Nguyễn Văn A" in shown
    assert "10:00 20/02/2024" in shown  # the time it was handed in
    assert "Hoàn thành đúng hạn" in shown
    assert f'href="/ke-hoach-don-vi/{unit_plan.pk}/tep/"' in shown
    assert "Gửi kế hoạch</button>" not in shown  # nothing more to hand in

    download = client.get(f"/ke-hoach-don-vi/{unit_plan.pk}/tep/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="ke-hoach.pdf"'
    assert b"".join(download.streaming_content) == PDF

    # The reporter sees it read-only.
    reporter_page = text(client_as(reporter).get("/ke-hoach-don-vi/"))
    assert "125/KH-CAHN" in reporter_page
    assert 'name="signer"' not in reporter_page


@pytest.mark.django_db
@time_machine.travel(datetime(2024, 2, 29, 8, 0, tzinfo=HCM), tick=False)
def test_a_plan_handed_in_on_the_due_day_is_late(client_as, leader, plan):
    csrf_post(client_as(leader), "/ke-hoach-don-vi/", unit_plan_post())
    page = text(client_as(leader).get("/ke-hoach-don-vi/"))
    assert "Hoàn thành quá hạn" in page


@pytest.mark.django_db
def test_a_second_hand_in_shows_the_conflict_and_changes_nothing(client_as, leader, unit, plan):
    client = client_as(leader)
    csrf_post(client, "/ke-hoach-don-vi/", unit_plan_post())
    again = csrf_post(client, "/ke-hoach-don-vi/", unit_plan_post(number="999/KH-KHAC"), follow=True)
    page = text(again)
    assert "message-error" in page
    assert "Đơn vị đã gửi kế hoạch" in page
    assert UnitPlan.objects.get(unit=unit, plan=plan).number == "125/KH-CAHN"


@pytest.mark.django_db
def test_reporter_sees_the_note_and_cannot_hand_in(client_as, reporter, unit, plan):
    client = client_as(reporter)
    page = text(client.get("/ke-hoach-don-vi/"))
    assert "Chỉ lãnh đạo đơn vị mới gửi kế hoạch của đơn vị" in page
    assert 'name="signer"' not in page
    assert csrf_post(client, "/ke-hoach-don-vi/", unit_plan_post()).status_code == 403
    assert not UnitPlan.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"signed_on": "2024-02-20"}, "signed_on", "Nhập ngày theo dạng dd/mm/yyyy"),
        ({"number": ""}, "number", "Trường này là bắt buộc."),
        ({}, "file", "Chỉ chấp nhận tệp PDF, JPEG, PNG, DOCX và XLSX."),
    ],
)
def test_bad_unit_plan_input_hands_in_nothing(client_as, leader, plan, changes, field, message):
    data = unit_plan_post(**changes)
    if field == "file":
        data["file"] = upload("virus.pdf", ELF)  # an executable renamed .pdf
    response = csrf_post(client_as(leader), "/ke-hoach-don-vi/", data)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert f'id="id_{field}_error"' in page
    assert "Chưa gửi được" in page
    assert not UnitPlan.objects.exists()


@pytest.mark.django_db
def test_reviewers_see_a_units_plan_read_only(client_as, leader, reviewer, other_reporter, unit, plan):
    unit_plan = unit_plan_submit(
        by=leader, plan=plan, number="125/KH-CAHN", signed_on=date(2024, 2, 20), signer="A", upload=upload("k.pdf", PDF)
    )
    client = client_as(reviewer)
    page = text(client.get(f"/don-vi/{unit.pk}/ke-hoach-don-vi/"))
    assert "125/KH-CAHN" in page
    assert "Kế hoạch của Công an thành phố Hà Nội" in page
    assert 'name="signer"' not in page
    assert client.get(f"/ke-hoach-don-vi/{unit_plan.pk}/tep/").status_code == 200
    assert csrf_post(client, "/ke-hoach-don-vi/", unit_plan_post()).status_code == 403

    # Another unit's users: 404 for the page and the file.
    other = client_as(other_reporter)
    assert other.get(f"/don-vi/{unit.pk}/ke-hoach-don-vi/").status_code == 404
    assert other.get(f"/ke-hoach-don-vi/{unit_plan.pk}/tep/").status_code == 404
    assert "125/KH-CAHN" not in text(other.get("/ke-hoach-don-vi/"))


@pytest.mark.django_db
def test_posting_without_the_csrf_token_is_refused(client_as, leader, plan):
    response = client_as(leader).post("/ke-hoach-don-vi/", unit_plan_post())
    assert response.status_code == 403
    assert not UnitPlan.objects.exists()


# --- Pilot models -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reporter_adds_a_pilot_model_and_reaches_the_target(client_as, reporter, unit, plan):
    client = client_as(reporter)
    before = text(client.get("/mo-hinh-diem/"))
    assert "Chỉ tiêu nhiệm vụ 4.1: ít nhất 1 mô hình" in before
    assert "Chưa đạt chỉ tiêu" in before

    proposed = csrf_post(client, "/mo-hinh-diem/them/", pilot_post(name="Mô hình mới đề xuất", status="proposed"))
    assert proposed.status_code == 302
    assert "Chưa đạt chỉ tiêu" in text(client.get("/mo-hinh-diem/"))  # a proposal does not count

    response = csrf_post(client, "/mo-hinh-diem/them/", pilot_post(), follow=True)
    page = text(response)
    assert "Đã lưu mô hình điểm “Mô hình “Khu dân cư không tội phạm”" in page
    assert "Đạt chỉ tiêu" in page
    assert "01/03/2024" in page
    assert "Phường Hàng Bạc, quận Hoàn Kiếm" in page
    assert "Quần chúng nhân dân" in page
    model = PilotModel.objects.get(name="Mô hình “Khu dân cư không tội phạm”")
    assert (model.unit, model.plan, model.start_date) == (unit, plan, date(2024, 3, 1))
    assert model.history.first().history_user == reporter  # written by the service
    obligation = Obligation.objects.get(unit=unit, deliverable__kind="pilot_model", deliverable__task__code="4.1")
    assert obligation.status == "in_progress"  # the service touched the 4.1 obligation


@pytest.mark.django_db
def test_editing_a_pilot_model_and_refusing_a_stale_form(client_as, reporter, leader, plan):
    model = PilotModelFactory(name="Mô hình cũ")
    client = client_as(reporter)
    form = client.get(f"/mo-hinh-diem/{model.pk}/sua/")
    assert form.status_code == 200
    assert 'type="hidden" name="revision" value="1"' in text(form)
    assert 'value="01/03/2024"' in text(form)

    saved = csrf_post(
        client,
        f"/mo-hinh-diem/{model.pk}/sua/",
        pilot_post(revision="1", name="Mô hình đã sửa", status="evaluated", evaluation="Hiệu quả tốt."),
    )
    assert saved.status_code == 302
    model.refresh_from_db()
    assert (model.name, model.status, model.revision) == ("Mô hình đã sửa", "evaluated", 2)

    # The leader's tab was opened at revision 1: refused, nothing overwritten.
    stale = csrf_post(client_as(leader), f"/mo-hinh-diem/{model.pk}/sua/", pilot_post(revision="1", name="Ghi đè"))
    assert stale.status_code == 400
    page = text(stale)
    assert "Người khác đã sửa bản ghi này sau khi bạn mở. Hãy tải lại trang rồi sửa lại." in page
    assert f'href="/mo-hinh-diem/{model.pk}/sua/"' in page
    model.refresh_from_db()
    assert (model.name, model.revision) == ("Mô hình đã sửa", 2)

    # A form without its revision can't overwrite either.
    blind = csrf_post(client, f"/mo-hinh-diem/{model.pk}/sua/", pilot_post(revision="", name="Không rõ phiên bản"))
    assert blind.status_code == 400
    assert "Người khác đã sửa bản ghi này" in text(blind)
    model.refresh_from_db()
    assert model.name == "Mô hình đã sửa"


@pytest.mark.django_db
def test_pilot_models_of_another_unit_are_404_and_reviewers_read_only(
    client_as, reporter, other_reporter, reviewer, unit, other_unit, plan
):
    ours = PilotModelFactory(name="Mô hình của Hà Nội")
    theirs = PilotModelFactory(unit=other_unit, name="Mô hình của Hồ Chí Minh")
    client = client_as(reporter)
    page = text(client.get("/mo-hinh-diem/"))
    assert "Mô hình của Hà Nội" in page
    assert "Mô hình của Hồ Chí Minh" not in page
    assert client.get(f"/mo-hinh-diem/{theirs.pk}/sua/").status_code == 404
    assert csrf_post(client, f"/mo-hinh-diem/{theirs.pk}/sua/", pilot_post(revision="1")).status_code == 404
    assert client_as(other_reporter).get(f"/mo-hinh-diem/{ours.pk}/sua/").status_code == 404

    review = client_as(reviewer)
    everyone = text(review.get("/mo-hinh-diem/"))
    assert "Mô hình của Hà Nội" in everyone
    assert "Mô hình của Hồ Chí Minh" in everyone
    assert "Mô hình điểm của các đơn vị" in everyone
    assert "/sua/" not in everyone
    one = text(review.get("/mo-hinh-diem/", {"unit": unit.pk}))
    assert "Mô hình của Hồ Chí Minh" not in one
    assert "Đạt chỉ tiêu" in one
    assert review.get(f"/mo-hinh-diem/{ours.pk}/sua/").status_code == 403
    assert csrf_post(review, f"/mo-hinh-diem/{ours.pk}/sua/", pilot_post(revision="1")).status_code == 403
    assert csrf_post(review, "/mo-hinh-diem/them/", pilot_post()).status_code == 403
    assert PilotModel.objects.count() == 2


@pytest.mark.django_db
def test_bad_pilot_model_input_saves_nothing(client_as, reporter, plan):
    response = csrf_post(client_as(reporter), "/mo-hinh-diem/them/", pilot_post(start_date="31/02/2024", name=""))
    assert response.status_code == 400
    page = text(response)
    assert "Nhập ngày theo dạng dd/mm/yyyy" in page
    assert 'id="id_name_error"' in page
    assert not PilotModel.objects.exists()


# --- Training courses ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_reporter_records_a_training_course(client_as, reporter, unit, plan):
    client = client_as(reporter)
    form = text(client.get("/tap-huan/them/"))
    assert "8.2a." in form
    assert "8.2b." in form
    assert "3.1." not in form  # only the training tasks

    response = csrf_post(client, "/tap-huan/them/", training_post(), follow=True)
    page = text(response)
    assert "Đã lưu lớp tập huấn “Tập huấn báo cáo viên pháp luật cơ sở”." in page
    assert "03/06/2024–04/06/2024" in page
    assert "1.250" in page  # "." for thousands
    course = TrainingCourse.objects.get()
    assert (course.unit, course.participants, course.task.code) == (unit, 1250, "8.2b")
    assert course.history.first().history_user == reporter


@pytest.mark.django_db
def test_training_82a_needs_the_region_next_to_the_field(client_as, reporter, plan):
    client = client_as(reporter)
    response = csrf_post(client, "/tap-huan/them/", training_post(task=str(task("8.2a").pk), region=""))
    assert response.status_code == 400
    page = text(response)
    assert 'id="id_region_error"' in page
    assert "Hãy chọn miền: Bắc, Trung hoặc Nam." in page
    assert not TrainingCourse.objects.exists()

    ok = csrf_post(client, "/tap-huan/them/", training_post(task=str(task("8.2a").pk), region="trung"), follow=True)
    assert ok.status_code == 200
    assert TrainingCourse.objects.get().region == "trung"
    assert "Trung" in text(ok)


@pytest.mark.django_db
def test_editing_a_training_course_and_refusing_a_stale_form(
    client_as, reporter, leader, other_reporter, reviewer, plan
):
    course = TrainingCourseFactory(title="Lớp cũ")
    client = client_as(reporter)
    assert 'value="1"' in text(client.get(f"/tap-huan/{course.pk}/sua/"))
    saved = csrf_post(client, f"/tap-huan/{course.pk}/sua/", training_post(revision="1", title="Lớp đã sửa"))
    assert saved.status_code == 302
    stale = csrf_post(client_as(leader), f"/tap-huan/{course.pk}/sua/", training_post(revision="1", title="Ghi đè"))
    assert stale.status_code == 400
    assert "Người khác đã sửa bản ghi này" in text(stale)
    course.refresh_from_db()
    assert (course.title, course.revision) == ("Lớp đã sửa", 2)

    assert client_as(other_reporter).get(f"/tap-huan/{course.pk}/sua/").status_code == 404
    assert "Lớp đã sửa" not in text(client_as(other_reporter).get("/tap-huan/"))
    review = client_as(reviewer)
    assert "Lớp đã sửa" in text(review.get("/tap-huan/"))
    assert review.get(f"/tap-huan/{course.pk}/sua/").status_code == 403
    assert csrf_post(review, "/tap-huan/them/", training_post()).status_code == 403


# --- Evidence files -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_uploading_evidence_and_downloading_it_with_permission(
    client_as, reporter, leader, other_reporter, reviewer, plan
):
    activity = ActivityFactory()
    client = client_as(reporter)
    page = text(client.get(f"/hoat-dong/{activity.pk}/"))
    assert 'enctype="multipart/form-data"' in page
    assert f'action="/hoat-dong/{activity.pk}/minh-chung/"' in page

    response = csrf_post(client, f"/hoat-dong/{activity.pk}/minh-chung/", {"file": upload("anh hoi nghi.png", PNG)})
    assert response.status_code == 302
    assert response["Location"] == f"/hoat-dong/{activity.pk}/"
    evidence = Evidence.objects.get(activity=activity)
    assert evidence.content_type == "image/png"
    assert evidence.uploaded_by == reporter
    shown = text(client.get(f"/hoat-dong/{activity.pk}/"))
    assert "Đã đính kèm tệp “anh hoi nghi.png”." in shown
    assert f'href="/minh-chung/{evidence.pk}/"' in shown

    for user in (reporter, leader, reviewer):
        download = client_as(user).get(f"/minh-chung/{evidence.pk}/")
        assert download.status_code == 200
        assert download["Content-Type"] == "image/png"
        assert download["Content-Disposition"] == 'attachment; filename="anh hoi nghi.png"'
        assert b"".join(download.streaming_content) == PNG
    assert client_as(other_reporter).get(f"/minh-chung/{evidence.pk}/").status_code == 404
    assert Client().get(f"/minh-chung/{evidence.pk}/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bao-cao.pdf", ELF, "Chỉ chấp nhận tệp PDF, JPEG, PNG, DOCX và XLSX."),  # an executable renamed .pdf
        ("ghi-chu.txt", b"chi la van ban", "Chỉ chấp nhận tệp PDF, JPEG, PNG, DOCX và XLSX."),
        ("lon.pdf", PDF + b"0" * 300, "Tệp lớn hơn"),
    ],
)
@override_settings(EVIDENCE_MAX_BYTES=300)
def test_bad_evidence_files_are_refused_in_vietnamese(client_as, reporter, plan, name, content, message):
    activity = ActivityFactory()
    response = csrf_post(client_as(reporter), f"/hoat-dong/{activity.pk}/minh-chung/", {"file": upload(name, content)})
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert 'id="id_file_error"' in page
    assert "Chưa đính kèm được tệp." in page
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_evidence_upload_is_the_own_units_only(client_as, other_reporter, reviewer, plan):
    activity = ActivityFactory()
    assert "minh-chung" not in text(client_as(reviewer).get(f"/hoat-dong/{activity.pk}/")).split("Tệp minh chứng")[1]
    data = {"file": upload("a.png", PNG)}
    assert csrf_post(client_as(reviewer), f"/hoat-dong/{activity.pk}/minh-chung/", data).status_code == 403
    data = {"file": upload("a.png", PNG)}
    assert csrf_post(client_as(other_reporter), f"/hoat-dong/{activity.pk}/minh-chung/", data).status_code == 404
    assert not Evidence.objects.exists()


# --- Spreadsheet import -------------------------------------------------------------------------


def template_rows(client) -> tuple[bytes, list[str]]:
    response = client.get("/hoat-dong/nhap-tu-tep/mau.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mau-nhap-hoat-dong-')
    workbook = load_workbook(io.BytesIO(response.content))
    headings = [c.value for c in workbook.worksheets[0][1] if c.value]
    return response.content, headings


def csv_file(headings: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headings])
    return out.getvalue().encode("utf-8")


def good(**changes) -> dict:
    row = {
        "Mã nhiệm vụ": "3.1",
        "Ngày bắt đầu": "15/03/2024",
        "Tiêu đề": "Tuyên truyền Luật Căn cước",
        "Hình thức": "Tuyên truyền, phổ biến trực tiếp",
        "Đối tượng": "Quần chúng nhân dân",
        "Số buổi": "2",
        "Số người tham dự": "1.250",
    }
    row.update(changes)
    return row


@pytest.mark.django_db
def test_import_page_template_and_success(client_as, reporter, unit, plan):
    client = client_as(reporter)
    page = text(client.get("/hoat-dong/nhap-tu-tep/"))
    assert 'href="/hoat-dong/nhap-tu-tep/mau.xlsx"' in page
    assert 'enctype="multipart/form-data"' in page
    _content, headings = template_rows(client)
    assert "Mã nhiệm vụ" in headings

    rows = [good(**{"Tiêu đề": f"Buổi tuyên truyền số {n}"}) for n in range(3)]
    response = csrf_post(
        client, "/hoat-dong/nhap-tu-tep/", {"file": upload("hoat-dong.csv", csv_file(headings, rows))}, follow=True
    )
    assert "Đã nhập 3 hoạt động." in text(response)
    assert Activity.objects.filter(unit=unit).count() == 3
    assert "Buổi tuyên truyền số 2" in text(response)


@pytest.mark.django_db
def test_import_failure_lists_every_error_and_imports_nothing(client_as, reporter, plan):
    client = client_as(reporter)
    _content, headings = template_rows(client)
    rows = [good(), good(**{"Ngày bắt đầu": "2024-13-45"}), good(), good(**{"Mã nhiệm vụ": "99.9", "Tiêu đề": ""})]
    response = csrf_post(client, "/hoat-dong/nhap-tu-tep/", {"file": upload("x.csv", csv_file(headings, rows))})
    assert response.status_code == 400
    page = text(response)
    assert "Chưa nhập hoạt động nào" in page
    errors = response.context["errors"]
    assert {e.row for e in errors} == {3, 5}
    assert len(errors) >= 3
    for e in errors:
        assert e.message in page
    assert "Ngày bắt đầu" in page
    assert "Mã nhiệm vụ" in page
    assert not Activity.objects.exists()  # all or nothing


@pytest.mark.django_db
def test_import_refuses_a_file_that_is_not_a_spreadsheet(client_as, reporter, plan):
    response = csrf_post(client_as(reporter), "/hoat-dong/nhap-tu-tep/", {"file": upload("a.xlsx", PNG)})
    assert response.status_code == 400
    assert "Chỉ nhập được tệp Excel .xlsx hoặc tệp CSV" in text(response)
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_import_is_for_unit_members_only(client_as, reviewer, plan):
    client = client_as(reviewer)
    assert client.get("/hoat-dong/nhap-tu-tep/").status_code == 403
    response = csrf_post(client, "/hoat-dong/nhap-tu-tep/", {"file": upload("x.csv", b"a,b\n1,2\n")})
    assert response.status_code == 403
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_user_without_a_unit_is_sent_home(client_as, plan):
    nobody = make_user("khach", role=User.Role.REPORTER)
    client = client_as(nobody)
    assert client.get("/ke-hoach-don-vi/").status_code == 302
    assert client.get("/mo-hinh-diem/them/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/mo-hinh-diem/", "/tap-huan/"])
def test_lists_use_a_fixed_number_of_queries(client_as, reviewer, other_unit, plan, url):
    client = client_as(reviewer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    PilotModelFactory()
    TrainingCourseFactory()
    few = queries()
    PilotModelFactory.create_batch(5, unit=other_unit)
    TrainingCourseFactory.create_batch(5, unit=other_unit)
    assert queries() == few
