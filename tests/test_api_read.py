"""The read API: behind authentication, plan detail, unit and obligation filters, local docs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User


@pytest.mark.parametrize("url", ["/api/v1/plans/", "/api/v1/units/", "/api/v1/obligations/", "/api/v1/schema/"])
def test_anonymous_requests_are_refused(api, db, url):
    assert api.get(url).status_code == 401


def test_token_login(api, reporter):
    response = api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": "pw-Test-123"})
    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert api.get("/api/v1/plans/").status_code == 200


def test_token_refused_with_a_wrong_password_in_vietnamese(api, reporter):
    response = api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": "wrong"})
    assert response.status_code == 400
    assert "Không thể đăng nhập" in str(response.json())


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
    t31 = data["groups"][2]["tasks"][0]
    assert "Hội Luật gia Việt Nam" in [p["name"] for p in t31["partners"]]


def test_plan_detail_query_count_is_fixed(api_as, reporter, plan):
    client = api_as(reporter)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/api/v1/plans/{plan.pk}/").status_code == 200
    assert len(ctx) <= 15


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("kind=province&valid_on=2024-06-01", 63),
        ("kind=province&valid_on=2025-09-01", 34),
        ("kind=department", 9),
        ("kind=province&area=nam&valid_on=2024-06-01", None),
    ],
)
def test_unit_filters(api_as, reporter, query, count):
    data = api_as(reporter).get(f"/api/v1/units/?{query}&page_size=200").json()
    if count is not None:
        assert data["count"] == count
    else:
        assert 0 < data["count"] < 63
        assert all(u["area"] == "nam" for u in data["results"])


def test_invalid_date_filter_answers_400_in_vietnamese(api_as, reporter):
    response = api_as(reporter).get("/api/v1/units/?valid_on=31-12-2024")
    assert response.status_code == 400
    assert "ngày" in str(response.json()).lower()


def test_obligations_scoped_to_the_users_unit_and_filtered(api_as, reporter, reviewer, plan):
    mine = api_as(reporter).get("/api/v1/obligations/?due_before=2024-03-01").json()
    assert mine["count"] == 1  # the unit plan due 29/02/2024
    assert mine["results"][0]["unit"]["key"] == "ca01"
    assert mine["results"][0]["deliverable"]["deadline"] == "trước ngày 29/02/2024"
    everyone = api_as(reviewer).get("/api/v1/obligations/?due_before=2024-03-01").json()
    assert everyone["count"] == 73  # the Ministry's plan (V03) + 72 units' own plans
    by_task = api_as(reviewer).get("/api/v1/obligations/?task_code=1.2").json()
    assert by_task["count"] == 1


def test_obligation_list_query_count_does_not_grow(api_as, reviewer, plan):
    client = api_as(reviewer)
    counts = []
    for size in (5, 50):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/api/v1/obligations/?page_size={size}").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_docs_and_schema_are_served_without_any_outside_asset(client, db):
    client.force_login(User.objects.create_user("docs", password="x-Pass-123"))
    html = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/plans/" in schema.content


def test_users_choose_their_reminders_at_me(api_as, leader):
    client = api_as(leader)
    me = client.get("/api/v1/me/").json()
    assert (me["username"], me["unit"]["key"], me["reminder_mode"]) == ("ca01.leader", "ca01", "digest")
    response = client.patch("/api/v1/me/", {"reminder_mode": "none", "role": "reviewer"}, format="json")
    assert response.status_code == 200
    leader.refresh_from_db()
    assert (leader.reminder_mode, leader.role) == ("none", "leader")
    bad = client.patch("/api/v1/me/", {"reminder_mode": "hourly"}, format="json")
    assert bad.status_code == 400
    assert "không phải" in str(bad.json()).lower() or "hợp lệ" in str(bad.json()).lower()
