"""The pilot model list (tasks/pilot_models/pages.py): search, filters, sort, export, pages, and a
fixed number of queries."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.factories import PilotModelFactory

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [m.name for m in response.context["list"].page.object_list]


def test_search_filters_sort_and_export(client_as, reporter, reviewer, other_unit, plan):
    PilotModelFactory(name="Khu dân cư an toàn", status="running", target_group="public", start_date=date(2024, 3, 1))
    PilotModelFactory(
        name="Trường học không ma túy", status="proposed", target_group="children", start_date=date(2024, 6, 1)
    )
    PilotModelFactory(unit=other_unit, name="Chợ văn minh", status="running", start_date=date(2024, 4, 1))
    client = client_as(reporter)
    assert names(client.get("/mo-hinh-diem/", {"q": "ma túy"})) == ["Trường học không ma túy"]
    assert names(client.get("/mo-hinh-diem/", {"status": "running"})) == ["Khu dân cư an toàn"]
    assert names(client.get("/mo-hinh-diem/", {"target_group": "children"})) == ["Trường học không ma túy"]
    assert names(client.get("/mo-hinh-diem/", {"date_from": "01/05/2024"})) == ["Trường học không ma túy"]
    assert names(client.get("/mo-hinh-diem/", {"sort": "-start_date"})) == [
        "Trường học không ma túy",
        "Khu dân cư an toàn",
    ]
    target = client.get("/mo-hinh-diem/", {"status": "proposed"}).context["target"]
    assert target.counted == 1  # the target counts every model of the unit, whatever the filter
    everyone = client_as(reviewer)
    assert names(everyone.get("/mo-hinh-diem/", {"area": "nam"})) == ["Chợ văn minh"]
    assert len(names(everyone.get("/mo-hinh-diem/"))) == 3
    sheet = load_workbook(BytesIO(everyone.get("/mo-hinh-diem/", {"format": "xlsx", "q": "Chợ"}).content)).active
    assert [c.value for c in sheet[2]][:2] == ["Công an thành phố Hồ Chí Minh", "Chợ văn minh"]


def test_a_fixed_number_of_queries(client_as, reviewer, plan):
    client = client_as(reviewer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/mo-hinh-diem/", {"sort": "name"}).status_code == 200
        return len(ctx)

    PilotModelFactory.create_batch(2)
    few = queries()
    PilotModelFactory.create_batch(30)
    assert queries() == few
