"""The accounts API (accounts/api.py): token login, units and their filters, the user's own settings."""

import pytest


def test_token_login(api, reporter):
    response = api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": "pw-Test-123"})
    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert api.get("/api/v1/plans/").status_code == 200


def test_token_refused_with_a_wrong_password_in_vietnamese(api, reporter):
    response = api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": "wrong"})
    assert response.status_code == 400
    assert "Không thể đăng nhập" in str(response.json())


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
