"""The plans API (plans/api.py): a plan's detail nests its groups, tasks, units and deliverables."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_plan_detail_nests_groups_tasks_units_deliverables(api_as, reporter, plan):
    data = api_as(reporter).get(f"/api/v1/plans/{plan.pk}/").json()
    assert data["number"] == "762/QĐ-BCA-V03"
    assert len(data["groups"]) == 10
    t11 = data["groups"][0]["tasks"][0]
    assert t11["code"] == "1.1"
    assert [u["key"] for u in t11["lead_units"]] == ["v03"]
    assert [d["due_date"] for d in t11["deliverables"]] == ["2024-02-07", "2024-02-29", "2025-01-01"]
    assert t11["deliverables"][0]["deadline"] == "trước ngày 07/02/2024"
    assert data["plan_deliverables"][0]["due_date"] == "2024-12-15"
    assert [d["key"] for d in data["plan_deliverables"]] == ["bao-cao-ket-qua", "bao-cao-tong-hop"]
    assert data["report_window_source"].startswith("Nghị định số 09/2019/NĐ-CP")
    t31 = data["groups"][2]["tasks"][0]
    assert "Hội Luật gia Việt Nam" in [p["name"] for p in t31["partners"]]


def test_plan_detail_query_count_is_fixed(api_as, reporter, plan):
    client = api_as(reporter)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/api/v1/plans/{plan.pk}/").status_code == 200
    assert len(ctx) <= 15
