"""An import that can be run twice (tasks/activities/import_pages.py, imports/services.py): rows the
unit already has (same task, date, title and place) are reported as duplicates and skipped unless
the user ticks the box; the result says how many rows were new, duplicates and refused; the API
agrees."""

import pytest

from tasks.models import Activity
from tests.factories import ActivityFactory, task
from tests.files import upload
from tests.pages import csrf_post, text
from tests.tasks.activities.test_pages import csv_file, good, template_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def send(client, rows, headings, **extra):
    return csrf_post(
        client, "/hoat-dong/nhap-tu-tep/", {"file": upload("hoat-dong.csv", csv_file(headings, rows)), **extra}
    )


def test_a_file_imported_twice_adds_nothing_the_second_time(csrf_client_as, reporter, unit, plan):
    client = csrf_client_as(reporter)
    _content, headings = template_rows(client)
    rows = [good(**{"Tiêu đề": f"Buổi tuyên truyền số {n}"}) for n in range(4)]
    first = send(client, rows, headings)
    assert (first.context["result"].created, first.context["result"].duplicates) == (4, 0)

    again = send(client, rows, headings)
    result = again.context["result"]
    assert (result.created, result.duplicates, result.refused) == (0, 4, 0)
    assert result.duplicate_rows == [2, 3, 4, 5]
    page = text(again)
    assert "dòng trùng được bỏ qua" in page
    assert "Nhập cả các dòng trùng" in page
    assert Activity.objects.filter(unit=unit).count() == 4

    confirmed = send(client, rows, headings, include_duplicates="on")
    assert confirmed.context["result"].created == 4
    assert Activity.objects.filter(unit=unit).count() == 8


def test_duplicates_are_matched_whatever_the_case_and_spacing_and_only_in_the_own_unit(
    csrf_client_as, reporter, unit, other_unit, plan
):
    from datetime import date

    ActivityFactory(unit=unit, task=task("3.1"), start_date=date(2024, 3, 15), title="Tuyên truyền  Luật Căn cước")
    ActivityFactory(unit=other_unit, task=task("3.1"), start_date=date(2024, 3, 15), title="Buổi khác")
    client = csrf_client_as(reporter)
    _content, headings = template_rows(client)
    rows = [
        good(**{"Tiêu đề": "tuyên truyền luật căn cước"}),  # already recorded by the unit
        good(**{"Tiêu đề": "Buổi khác"}),  # another unit's: new here
        good(**{"Tiêu đề": "Buổi khác"}),  # repeats the row above
        good(**{"Tiêu đề": "Buổi khác", "Ngày bắt đầu": "16/03/2024"}),  # another day: new
    ]
    result = send(client, rows, headings).context["result"]
    assert (result.created, result.duplicates) == (2, 2)
    assert result.duplicate_rows == [2, 4]


def test_a_bad_row_refuses_the_file_and_the_counts_say_so(csrf_client_as, reporter, plan):
    client = csrf_client_as(reporter)
    _content, headings = template_rows(client)
    send(client, [good()], headings)
    rows = [good(), good(**{"Tiêu đề": "Mới"}), good(**{"Tiêu đề": "Lỗi", "Ngày bắt đầu": "31/11/2024"})]
    response = send(client, rows, headings)
    assert response.status_code == 400
    result = response.context["result"]
    assert (result.created, result.duplicates, result.refused) == (0, 1, 1)
    assert "Không có ngày 31/11/2024: tháng 11/2024 có 30 ngày." in text(response)
    assert Activity.objects.count() == 1


def test_the_api_skips_duplicates_unless_told(api_as, reporter, plan):
    from tests.tasks.activities.imports.test_services import good_row, make_csv

    api = api_as(reporter)
    content = make_csv([good_row(), good_row(**{"Tiêu đề": "Khác"})])
    url = "/api/v1/activities/import/"
    first = api.post(url, {"plan": plan.pk, "file": upload("a.csv", content)}, format="multipart")
    assert first.status_code == 201 and first.json()["created"] == 2
    second = api.post(url, {"plan": plan.pk, "file": upload("a.csv", content)}, format="multipart")
    assert second.status_code == 200
    assert second.json() == {"created": 0, "duplicates": 2, "duplicate_rows": [2, 3], "refused": 0}
    forced = api.post(
        url, {"plan": plan.pk, "file": upload("a.csv", content), "include_duplicates": "true"}, format="multipart"
    )
    assert forced.status_code == 201 and forced.json()["created"] == 2
    assert Activity.objects.count() == 4
