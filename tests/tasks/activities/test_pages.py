"""The activity pages (tasks/activities/pages.py): the list, the form, the detail with its evidence
files, and the spreadsheet import; another unit's records answer 404, reviewers only read."""

import csv
import io
from datetime import date

import pytest
from django.test import Client, override_settings
from openpyxl import load_workbook

from tasks.models import Activity, Evidence
from tests.factories import ActivityFactory, task
from tests.files import ELF, PDF, PNG, upload
from tests.pages import csrf_post, text

pytestmark = pytest.mark.usefixtures("media")


def activity_post(**changes) -> dict:
    data = {
        "task": str(task("3.1").pk),
        "title": "Tuyên truyền Luật Căn cước tại phường Hàng Bạc",
        "start_date": "05/12/2024",
        "end_date": "",
        "form": "direct",
        "target_groups": ["public", "workers"],
        "topics": ["new_laws"],
        "commune": "Phường Hàng Bạc",
        "district": "Quận Hoàn Kiếm",
        "description": "",
        "sessions": "2",
        "participants": "1.250",
        "copies": "300",
        "online_reach": "0",
        "budget_vnd": "2.500.000",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_activity_list_is_scoped_and_paginated(client_as, reporter, other_reporter, reviewer, other_unit):
    ActivityFactory.create_batch(26)
    ActivityFactory(unit=other_unit, title="Hoạt động của Hồ Chí Minh")
    ours = client_as(reporter).get("/hoat-dong/")
    assert ours.context["list"].page.paginator.count == 26
    assert "Hoạt động của Hồ Chí Minh" not in text(ours)
    assert "Trang 1/2" in text(ours)
    assert len(client_as(reporter).get("/hoat-dong/", {"page": 2}).context["list"].page.object_list) == 1

    theirs = client_as(other_reporter).get("/hoat-dong/")
    assert theirs.context["list"].page.paginator.count == 1
    assert "Hoạt động của Hồ Chí Minh" in text(theirs)

    everyone = client_as(reviewer).get("/hoat-dong/")
    assert everyone.context["list"].page.paginator.count == 27
    assert "Hoạt động của các đơn vị" in text(everyone)
    assert "Hoạt động của Hồ Chí Minh" in text(everyone)
    one_unit = client_as(reviewer).get("/hoat-dong/", {"unit": other_unit.pk})
    assert one_unit.context["list"].page.paginator.count == 1
    assert "Hoạt động của Công an thành phố Hồ Chí Minh" in text(one_unit)


@pytest.mark.django_db
def test_activity_detail_of_another_unit_is_404(client_as, reporter, other_reporter, reviewer):
    activity = ActivityFactory(budget_vnd=2_500_000)
    page = client_as(reporter).get(f"/hoat-dong/{activity.pk}/")
    assert page.status_code == 200
    assert "2.500.000" in text(page)
    assert client_as(reviewer).get(f"/hoat-dong/{activity.pk}/").status_code == 200
    assert client_as(other_reporter).get(f"/hoat-dong/{activity.pk}/").status_code == 404


@pytest.mark.django_db
def test_logging_an_activity_through_the_form(client_as, reporter, unit):
    client = client_as(reporter)
    form = text(client.get("/hoat-dong/them/"))
    assert "<optgroup" in form  # tasks grouped under their task group
    assert "3.1." in form
    assert 'placeholder="dd/mm/yyyy"' in form
    assert 'type="checkbox"' in form

    response = client.post("/hoat-dong/them/", activity_post())
    assert response.status_code == 302
    activity = Activity.objects.get(unit=unit, title__startswith="Tuyên truyền Luật Căn cước")
    # The user lands on the activity, at its evidence files.
    assert response["Location"] == f"/hoat-dong/{activity.pk}/#minh-chung"
    assert activity.start_date == date(2024, 12, 5)  # dd/mm/yyyy, not month first
    assert activity.participants == 1250
    assert activity.budget_vnd == 2_500_000
    assert activity.created_by == reporter
    assert sorted(activity.target_group_rows.values_list("target_group", flat=True)) == ["public", "workers"]
    assert activity.history.first().history_user == reporter  # written by the service
    listed = text(client.get("/hoat-dong/", follow=True))
    assert "Tuyên truyền Luật Căn cước tại phường Hàng Bạc" in listed
    assert "05/12/2024" in listed
    assert "1.250" in listed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Trường này là bắt buộc."),
        ({"task": ""}, "task", "Trường này là bắt buộc."),
        ({"start_date": "31/02/2024"}, "start_date", "Không có ngày 31/02/2024: tháng 02/2024 có 29 ngày."),
        ({"start_date": "31/11/2024"}, "start_date", "Không có ngày 31/11/2024: tháng 11/2024 có 30 ngày."),
        ({"start_date": "05/12/2031"}, "start_date", "Ngày 05/12/2031 nằm ngoài thời gian của Kế hoạch 762/QĐ-BCA-V03"),
        ({"start_date": "hôm qua"}, "start_date", "Nhập ngày theo dạng dd/mm/yyyy"),
        ({"start_date": "2024/12/05"}, "start_date", "Nhập ngày theo dạng dd/mm/yyyy"),
        ({"end_date": "01/12/2024"}, "end_date", "Ngày kết thúc trước ngày bắt đầu."),
        ({"participants": "-5"}, "participants", "0"),
        ({"form": ""}, "form", "Trường này là bắt buộc."),
        ({"target_groups": []}, "target_groups", "Trường này là bắt buộc."),
        ({"task": "999999"}, "task", "Hãy chọn một lựa chọn hợp lệ."),
    ],
)
def test_bad_activity_input_shows_vietnamese_messages_and_saves_nothing(
    client_as, reporter, plan, changes, field, message
):
    before = Activity.objects.count()
    response = client_as(reporter).post("/hoat-dong/them/", activity_post(**changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    page = text(response)
    assert message in page
    assert "Chưa lưu gì" in page
    assert f'id="id_{field}_error"' in page  # the message sits next to its field
    assert Activity.objects.count() == before


@pytest.mark.django_db
def test_reviewers_cannot_log_activities(client_as, reviewer, plan):
    response = client_as(reviewer).post("/hoat-dong/them/", activity_post())
    assert response.status_code == 403
    assert not Activity.objects.filter(title__startswith="Tuyên truyền Luật Căn cước").exists()


@pytest.mark.django_db
def test_uploading_evidence_and_downloading_it_with_permission(
    csrf_client_as, reporter, leader, other_reporter, reviewer, plan
):
    activity = ActivityFactory()
    client = csrf_client_as(reporter)
    page = text(client.get(f"/hoat-dong/{activity.pk}/"))
    assert 'enctype="multipart/form-data"' in page
    assert f'action="/hoat-dong/{activity.pk}/minh-chung/"' in page

    response = csrf_post(client, f"/hoat-dong/{activity.pk}/minh-chung/", {"file": upload("anh hoi nghi.png", PNG)})
    assert response.status_code == 302
    assert response["Location"] == f"/hoat-dong/{activity.pk}/#minh-chung"
    evidence = Evidence.objects.get(activity=activity)
    assert evidence.content_type == "image/png"
    assert evidence.uploaded_by == reporter
    shown = text(client.get(f"/hoat-dong/{activity.pk}/"))
    assert "Đã đính kèm tệp “anh hoi nghi.png”." in shown
    assert f'href="/minh-chung/{evidence.pk}/"' in shown

    for user in (reporter, leader, reviewer):
        download = csrf_client_as(user).get(f"/minh-chung/{evidence.pk}/")
        assert download.status_code == 200
        assert download["Content-Type"] == "image/png"
        assert download["Content-Disposition"] == 'attachment; filename="anh hoi nghi.png"'
        assert b"".join(download.streaming_content) == PNG
    assert csrf_client_as(other_reporter).get(f"/minh-chung/{evidence.pk}/").status_code == 404
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
def test_bad_evidence_files_are_refused_in_vietnamese(csrf_client_as, reporter, plan, name, content, message):
    activity = ActivityFactory()
    response = csrf_post(
        csrf_client_as(reporter), f"/hoat-dong/{activity.pk}/minh-chung/", {"file": upload(name, content)}
    )
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert 'id="id_file_error"' in page
    assert "Chưa đính kèm được tệp." in page
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_evidence_upload_is_the_own_units_only(csrf_client_as, other_reporter, reviewer, plan):
    activity = ActivityFactory()
    assert (
        "minh-chung" not in text(csrf_client_as(reviewer).get(f"/hoat-dong/{activity.pk}/")).split("Tệp minh chứng")[1]
    )
    data = {"file": upload("a.png", PNG)}
    assert csrf_post(csrf_client_as(reviewer), f"/hoat-dong/{activity.pk}/minh-chung/", data).status_code == 403
    data = {"file": upload("a.png", PNG)}
    assert csrf_post(csrf_client_as(other_reporter), f"/hoat-dong/{activity.pk}/minh-chung/", data).status_code == 404
    assert not Evidence.objects.exists()


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
def test_import_page_template_and_success(csrf_client_as, reporter, unit, plan):
    client = csrf_client_as(reporter)
    page = text(client.get("/hoat-dong/nhap-tu-tep/"))
    assert 'href="/hoat-dong/nhap-tu-tep/mau.xlsx"' in page
    assert 'enctype="multipart/form-data"' in page
    _content, headings = template_rows(client)
    assert "Mã nhiệm vụ" in headings

    rows = [good(**{"Tiêu đề": f"Buổi tuyên truyền số {n}"}) for n in range(3)]
    response = csrf_post(client, "/hoat-dong/nhap-tu-tep/", {"file": upload("hoat-dong.csv", csv_file(headings, rows))})
    assert response.status_code == 200
    result = response.context["result"]
    assert (result.created, result.duplicates, result.refused) == (3, 0, 0)
    assert "Kết quả nhập" in text(response)
    assert Activity.objects.filter(unit=unit).count() == 3
    assert "Buổi tuyên truyền số 2" in text(client.get("/hoat-dong/"))


@pytest.mark.django_db
def test_import_failure_lists_every_error_and_imports_nothing(csrf_client_as, reporter, plan):
    client = csrf_client_as(reporter)
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
def test_import_refuses_a_file_that_is_not_a_spreadsheet(csrf_client_as, reporter, plan):
    response = csrf_post(csrf_client_as(reporter), "/hoat-dong/nhap-tu-tep/", {"file": upload("a.xlsx", PNG)})
    assert response.status_code == 400
    assert "Chỉ nhập được tệp Excel .xlsx hoặc tệp CSV" in text(response)
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_import_is_for_unit_members_only(csrf_client_as, reviewer, plan):
    client = csrf_client_as(reviewer)
    assert client.get("/hoat-dong/nhap-tu-tep/").status_code == 403
    response = csrf_post(client, "/hoat-dong/nhap-tu-tep/", {"file": upload("x.csv", b"a,b\n1,2\n")})
    assert response.status_code == 403
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_count_of_ten_to_the_twentieth_is_refused_on_the_form_not_a_500(client_as, reporter, plan):
    from tasks.activities.models import Activity

    response = client_as(reporter).post("/hoat-dong/them/", activity_post(participants="100000000000000000000"))
    assert response.status_code == 400
    assert "Tối đa 100.000.000." in text(response)  # the limit, said as people read it, next to the field
    assert Activity.objects.count() == 0
