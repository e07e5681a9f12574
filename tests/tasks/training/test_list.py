"""The training course list (tasks/training/pages.py): search, filters, sort, export, and a fixed
number of queries."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.factories import TrainingCourseFactory, task

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [c.title for c in response.context["list"].page.object_list]


def test_search_filters_sort_and_export(client_as, reporter, reviewer, other_unit, plan):
    TrainingCourseFactory(title="Tập huấn báo cáo viên", place="Hà Đông", start_date=date(2024, 6, 3), participants=60)
    TrainingCourseFactory(title="Bồi dưỡng kỹ năng", start_date=date(2024, 8, 3), participants=40)
    TrainingCourseFactory(unit=other_unit, title="Tập huấn ở phía Nam", start_date=date(2024, 5, 3))
    client = client_as(reporter)
    assert titles(client.get("/tap-huan/", {"q": "Hà Đông"})) == ["Tập huấn báo cáo viên"]
    assert titles(client.get("/tap-huan/", {"task": task("8.2b").pk, "date_from": "01/07/2024"})) == [
        "Bồi dưỡng kỹ năng"
    ]
    assert titles(client.get("/tap-huan/", {"sort": "participants"})) == ["Bồi dưỡng kỹ năng", "Tập huấn báo cáo viên"]
    assert client.get("/tap-huan/", {"q": "Tập huấn"}).context["participants"] == 60
    everyone = client_as(reviewer)
    assert titles(everyone.get("/tap-huan/", {"unit": other_unit.pk})) == ["Tập huấn ở phía Nam"]
    rows = list(
        load_workbook(BytesIO(everyone.get("/tap-huan/", {"format": "xlsx"}).content)).active.iter_rows(
            values_only=True
        )
    )
    assert len(rows) == 4 and rows[0][0] == "Ngày"


def test_a_fixed_number_of_queries(client_as, reviewer, plan):
    client = client_as(reviewer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/tap-huan/").status_code == 200
        return len(ctx)

    TrainingCourseFactory.create_batch(2)
    few = queries()
    TrainingCourseFactory.create_batch(30)
    assert queries() == few
