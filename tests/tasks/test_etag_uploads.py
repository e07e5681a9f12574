"""ETag / If-Match on updates, and evidence uploads checked by content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from reports.annual.models import AnnualReport
from reports.annual.services import report_create, report_submit
from tasks.models import Activity, Evidence
from tests.tasks.factories import ActivityFactory, PilotModelFactory, TrainingCourseFactory
from tests.tasks.files import ELF, PDF, PNG, docx_bytes, upload


@pytest.fixture
def activity(unit):
    return ActivityFactory(unit=unit, title="Bản gốc")


def test_update_needs_if_match(api_as, reporter, activity):
    response = api_as(reporter).patch(f"/api/v1/activities/{activity.pk}/", {"title": "Mới"}, format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    activity.refresh_from_db()
    assert activity.title == "Bản gốc"


def test_stale_etag_is_refused_and_nothing_is_overwritten(api_as, reporter, leader, activity):
    url = f"/api/v1/activities/{activity.pk}/"
    mine = api_as(reporter).get(url)["ETag"]
    theirs_client = api_as(leader)
    theirs = theirs_client.get(url)["ETag"]
    assert mine == theirs
    first = theirs_client.patch(url, {"title": "Sửa của lãnh đạo"}, format="json", HTTP_IF_MATCH=theirs)
    assert first.status_code == 200
    assert first["ETag"] != theirs
    second = api_as(reporter).patch(url, {"title": "Sửa của cán bộ"}, format="json", HTTP_IF_MATCH=mine)
    assert second.status_code == 412
    assert "tải lại" in second.json()["detail"]
    activity.refresh_from_db()
    assert activity.title == "Sửa của lãnh đạo"


def test_stale_etag_on_report(api_as, leader, plan):
    from reports.annual.services import report_create

    report = report_create(by=leader, plan=plan)
    client = api_as(leader)
    url = f"/api/v1/reports/{report.pk}/"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"proposals": "A"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    assert client.patch(url, {"proposals": "B"}, format="json", HTTP_IF_MATCH=etag).status_code == 412
    assert AnnualReport.objects.get(pk=report.pk).proposals == "A"


def test_etag_of_another_record_is_refused(api_as, reporter, activity, unit):
    other = ActivityFactory(unit=unit)
    url = f"/api/v1/activities/{activity.pk}/"
    response = api_as(reporter).patch(
        url, {"title": "x"}, format="json", HTTP_IF_MATCH=f'"{other.pk}-{activity.revision}"'
    )
    assert response.status_code == 412


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("bien-ban.pdf", PDF, "application/pdf"),
        ("anh.png", PNG, "image/png"),
        ("bao-cao.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_accepted_files_are_typed_from_content(api_as, reporter, activity, name, content, mime):
    response = api_as(reporter).post(
        f"/api/v1/activities/{activity.pk}/evidence/", {"file": upload(name, content)}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    evidence = Evidence.objects.get(pk=response.json()["id"])
    assert evidence.content_type == mime
    assert evidence.original_name == name
    assert name not in evidence.file.name  # stored under a name the server chose


def test_executable_renamed_pdf_is_refused(api_as, reporter, activity):
    response = api_as(reporter).post(
        f"/api/v1/activities/{activity.pk}/evidence/",
        {"file": upload("bao-cao.pdf", ELF, "application/pdf")},
        format="multipart",
    )
    assert response.status_code == 400
    assert "Chỉ chấp nhận tệp PDF" in str(response.json())
    assert not Evidence.objects.exists()


@override_settings(EVIDENCE_MAX_BYTES=1024)
def test_oversize_file_is_refused(api_as, reporter, activity):
    big = PDF + b"0" * 2048
    response = api_as(reporter).post(
        f"/api/v1/activities/{activity.pk}/evidence/", {"file": upload("lon.pdf", big)}, format="multipart"
    )
    assert response.status_code == 400
    assert "lớn hơn" in str(response.json())
    assert not Evidence.objects.exists()


def test_path_in_the_name_is_dropped(api_as, reporter, activity):
    response = api_as(reporter).post(
        f"/api/v1/activities/{activity.pk}/evidence/", {"file": upload("../../etc/passwd.pdf", PDF)}, format="multipart"
    )
    assert response.status_code == 201
    evidence = Evidence.objects.get()
    assert evidence.original_name == "passwd.pdf"
    assert ".." not in evidence.file.name
    download = api_as(reporter).get(f"/api/v1/evidence/{evidence.pk}/download/")
    assert 'filename="passwd.pdf"' in download["Content-Disposition"]


def test_vietnamese_file_name_in_content_disposition(api_as, reporter, activity):
    api_as(reporter).post(
        f"/api/v1/activities/{activity.pk}/evidence/", {"file": upload("Biên bản họp.pdf", PDF)}, format="multipart"
    )
    download = api_as(reporter).get(f"/api/v1/evidence/{Evidence.objects.get().pk}/download/")
    assert "filename*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf" in download["Content-Disposition"]


def test_bad_activity_input_answers_400_in_vietnamese_and_saves_nothing(api_as, reporter, plan):
    from tests.tasks.factories import task

    before = Activity.objects.count()
    response = api_as(reporter).post(
        "/api/v1/activities/",
        {
            "task": task("3.1").pk,
            "start_date": "20/05/2024",
            "end_date": "10/05/2024",
            "title": "X",
            "form": "direct",
            "participants": -5,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "participants" in response.json()
    response = api_as(reporter).post(
        "/api/v1/activities/",
        {"task": task("3.1").pk, "start_date": "20/05/2024", "end_date": "10/05/2024", "title": "X", "form": "direct"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["end_date"] == ["Ngày kết thúc trước ngày bắt đầu."]
    assert Activity.objects.count() == before


def test_day_first_dates_are_accepted(api_as, reporter):
    from tests.tasks.factories import task

    response = api_as(reporter).post(
        "/api/v1/activities/",
        {"task": task("3.1").pk, "start_date": "05/12/2024", "title": "Ngày đầu tháng", "form": "direct"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["start_date"] == "2024-12-05"


@pytest.mark.parametrize(
    ("endpoint", "factory"),
    [
        ("activities", ActivityFactory),
        ("pilot-models", PilotModelFactory),
        ("training-courses", TrainingCourseFactory),
    ],
)
def test_list_query_count_does_not_grow(api_as, reviewer, unit, endpoint, factory):
    client = api_as(reviewer)
    counts = []
    for extra in (2, 30):
        factory.create_batch(extra, unit=unit)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/api/v1/{endpoint}/?page_size=100")
        assert response.status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_report_list_query_count_does_not_grow(api_as, reviewer, plan):
    from accounts.models import Unit, User
    from tests.conftest import make_user

    client = api_as(reviewer)
    counts = []
    for keys in (["ca01", "ca02"], ["ca04", "ca06", "ca08", "ca10", "ca11", "ca12"]):
        for key in keys:
            leader = make_user(f"{key}.leader", role=User.Role.LEADER, unit=Unit.objects.get(key=key))
            report = report_create(by=leader, plan=plan)
            report_submit(report=report, by=leader)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/reports/").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]
