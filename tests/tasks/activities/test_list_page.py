"""The activity list (tasks/activities/pages.py activity_list): search, filters by task, dates, form,
target group, unit and area, sort by a column, pages that keep the filter, the export of what the
filter shows, and a number of queries that does not grow with the rows."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.factories import ActivityFactory, task
from tests.pages import text

pytestmark = pytest.mark.django_db


def shown(response) -> list[str]:
    return [a.title for a in response.context["list"].page.object_list]


def test_search_and_filters(client_as, reporter, reviewer, unit, other_unit, plan):
    ActivityFactory(title="Hội nghị Luật Đất đai", task=task("3.1"), start_date=date(2024, 3, 5), form="direct")
    ActivityFactory(
        title="Tư vấn cho công nhân",
        task=task("3.2"),
        start_date=date(2024, 4, 5),
        form="consultation",
        target_groups=["workers"],
    )
    ActivityFactory(
        title="Thi tìm hiểu", task=task("3.1"), start_date=date(2024, 9, 5), form="contest", commune="Xã Kim Chung"
    )
    ActivityFactory(unit=other_unit, title="Hội nghị ở Hồ Chí Minh", task=task("3.1"), start_date=date(2024, 3, 5))
    client = client_as(reporter)
    assert shown(client.get("/hoat-dong/", {"q": "Đất đai"})) == ["Hội nghị Luật Đất đai"]
    assert shown(client.get("/hoat-dong/", {"q": "Kim Chung"})) == ["Thi tìm hiểu"]  # the place is searched too
    assert shown(client.get("/hoat-dong/", {"task": task("3.2").pk})) == ["Tư vấn cho công nhân"]
    assert shown(client.get("/hoat-dong/", {"date_from": "01/04/2024", "date_to": "30/06/2024"})) == [
        "Tư vấn cho công nhân"
    ]
    assert shown(client.get("/hoat-dong/", {"form": "contest"})) == ["Thi tìm hiểu"]
    assert shown(client.get("/hoat-dong/", {"target_group": "workers"})) == ["Tư vấn cho công nhân"]
    bad = client.get("/hoat-dong/", {"date_from": "31/11/2024"})
    assert "Không có ngày 31/11/2024" in text(bad) and len(shown(bad)) == 3  # said, and nothing hidden
    assert "unit" not in client.get("/hoat-dong/").context["filters"].fields  # a unit sees its own only

    everyone = client_as(reviewer)
    assert len(shown(everyone.get("/hoat-dong/", {"task": task("3.1").pk}))) == 3
    assert shown(everyone.get("/hoat-dong/", {"unit": other_unit.pk})) == ["Hội nghị ở Hồ Chí Minh"]
    assert shown(everyone.get("/hoat-dong/", {"area": "nam"})) == ["Hội nghị ở Hồ Chí Minh"]


def test_sort_and_pages_keep_the_filter(client_as, reporter, plan):
    for n in range(30):
        ActivityFactory(title=f"Buổi {n:02d}", start_date=date(2024, 5, 1 + n % 28), participants=n)
    client = client_as(reporter)
    first = client.get("/hoat-dong/", {"q": "Buổi", "sort": "-participants"})
    assert shown(first)[:2] == ["Buổi 29", "Buổi 28"]
    page = text(first)
    assert 'href="?q=Bu%E1%BB%95i&amp;sort=-participants&amp;page=2"' in page
    assert 'aria-sort="descending"' in page
    second = client.get("/hoat-dong/", {"q": "Buổi", "sort": "-participants", "page": 2})
    assert shown(second) == ["Buổi 04", "Buổi 03", "Buổi 02", "Buổi 01", "Buổi 00"]
    by_title = client.get("/hoat-dong/", {"sort": "title"})
    assert shown(by_title)[0] == "Buổi 00"


def test_the_export_is_what_the_filter_shows(client_as, reporter, plan):
    ActivityFactory(
        title="Hội nghị Luật Đất đai", participants=1250, commune="Phường Hàng Bạc", district="Quận Hoàn Kiếm"
    )
    ActivityFactory(title="Buổi khác")
    response = client_as(reporter).get("/hoat-dong/", {"q": "Đất đai", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="hoat-dong-2024.xlsx"'
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("Ngày", "Đơn vị", "Nhiệm vụ", "Hoạt động", "Địa điểm")
    assert len(rows) == 2
    assert rows[1][1:5] == (
        "Công an thành phố Hà Nội",
        "3.1",
        "Hội nghị Luật Đất đai",
        "Phường Hàng Bạc, Quận Hoàn Kiếm",
    )
    assert 1250 in rows[1]


@pytest.mark.parametrize("who", ["reporter", "reviewer"])
def test_the_list_reads_a_fixed_number_of_queries(client_as, request, plan, who):
    client = client_as(request.getfixturevalue(who))

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/hoat-dong/", {"q": "Buổi", "target_group": "public", "sort": "-date"})
        assert response.status_code == 200
        return len(ctx)

    ActivityFactory.create_batch(3)
    few = queries()
    ActivityFactory.create_batch(40)
    assert queries() == few
    assert few <= 14
