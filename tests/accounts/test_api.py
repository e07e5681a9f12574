"""The accounts API (accounts/api.py): token login, units and their filters, the user's own settings."""

import pytest

from tests.registry import DEPARTMENTS


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
        ("kind=department", DEPARTMENTS),
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


def _sign_in(api, username="ca01.reporter", password="pw-Test-123", otp=None, **headers):
    api.credentials()
    data = {"username": username, "password": password} | ({"otp": otp} if otp is not None else {})
    return api.post("/api/v1/auth/token/", data, **headers)


def test_each_sign_in_gets_a_new_token_with_its_expiry(api, reporter, settings, clock):
    settings.API_TOKEN_LIFETIME_HOURS = 8
    first, second = _sign_in(api).json(), _sign_in(api).json()
    assert first["token"] != second["token"]
    assert first["expires_at"] == "2024-12-02T16:00:00+07:00"
    for token in (first["token"], second["token"]):
        api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert api.get("/api/v1/me/").status_code == 200


def test_sign_out_revokes_only_the_token_it_was_given(api, reporter):
    first, second = _sign_in(api).json()["token"], _sign_in(api).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert api.post("/api/v1/auth/logout/").status_code == 204
    assert api.get("/api/v1/me/").status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    assert api.get("/api/v1/me/").status_code == 200


def test_sign_out_without_a_token_is_refused(api, db):
    assert api.post("/api/v1/auth/logout/").status_code == 401


def test_users_list_and_revoke_their_own_tokens_only(api, reporter, other_reporter):
    mine = _sign_in(api, HTTP_USER_AGENT="lich-bao-cao/1.0").json()["token"]
    spare = _sign_in(api).json()["token"]
    theirs = _sign_in(api, "ca79.reporter").json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {mine}")
    listed = api.get("/api/v1/me/tokens/").json()["results"]
    assert [(t["prefix"], t["current"]) for t in listed] == [(spare[:8], False), (mine[:8], True)]
    assert listed[1]["user_agent"] == "lich-bao-cao/1.0"
    assert all(spare not in str(t) and mine not in str(t) for t in listed)

    api.credentials(HTTP_AUTHORIZATION=f"Token {theirs}")
    other_ids = [t["id"] for t in api.get("/api/v1/me/tokens/").json()["results"]]
    api.credentials(HTTP_AUTHORIZATION=f"Token {mine}")
    assert api.delete(f"/api/v1/me/tokens/{other_ids[0]}/").status_code == 404
    assert api.delete(f"/api/v1/me/tokens/{listed[0]['id']}/").status_code == 204
    assert [t["prefix"] for t in api.get("/api/v1/me/tokens/").json()["results"]] == [mine[:8]]
    api.credentials(HTTP_AUTHORIZATION=f"Token {spare}")
    assert api.get("/api/v1/me/").status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Token {theirs}")
    assert api.get("/api/v1/me/").status_code == 200


def test_token_with_two_step_sign_in_needs_the_code(api, reporter, clock):
    from tests.accounts.otp import code_now, enrol

    device, codes = enrol(reporter)  # turned on by the user: asked whatever the setting
    clock.shift(30)
    missing = _sign_in(api)
    assert missing.status_code == 400
    assert missing.json()["otp"] == [
        "Tài khoản này đăng nhập hai bước: gửi kèm mã từ ứng dụng xác thực trong trường otp."
    ]
    wrong = _sign_in(api, otp="000000" if code_now(device) != "000000" else "111111")
    assert wrong.status_code == 400
    assert wrong.json()["otp"] == ["Mã không đúng hoặc đã được dùng."]
    clock.shift(30)  # past the wait after a wrong code
    assert _sign_in(api, otp=code_now(device)).status_code == 200
    assert _sign_in(api, otp=code_now(device)).status_code == 400  # a code is accepted once
    clock.shift(30)
    assert _sign_in(api, otp=codes[0].upper()).status_code == 200  # a recovery code, once
    clock.shift(30)
    assert _sign_in(api, otp=codes[0]).json()["otp"] == ["Mã không đúng hoặc đã được dùng."]


def test_required_for_reviewers_when_the_setting_says_so(api, reviewer, reporter, settings, clock):
    from tests.accounts.otp import code_now, enrol

    settings.OTP_REQUIRED_FOR_REVIEWERS = False
    assert _sign_in(api, "v03.reviewer").status_code == 200
    settings.OTP_REQUIRED_FOR_REVIEWERS = True
    assert _sign_in(api, "ca01.reporter").status_code == 200  # a unit reporter is not asked
    not_set_up = _sign_in(api, "v03.reviewer")
    assert not_set_up.status_code == 400
    assert "phải đăng nhập hai bước" in not_set_up.json()["otp"][0]
    assert "token" not in not_set_up.json()
    device, _ = enrol(reviewer)
    clock.shift(30)
    assert "trường otp" in _sign_in(api, "v03.reviewer").json()["otp"][0]
    signed_in = _sign_in(api, "v03.reviewer", otp=code_now(device))
    assert signed_in.status_code == 200 and signed_in.json()["token"]


def test_a_wrong_password_never_says_whether_a_code_is_needed(api, reporter, clock):
    from tests.accounts.otp import enrol

    enrol(reporter)
    response = _sign_in(api, password="sai")
    assert response.status_code == 400
    assert "otp" not in response.json()
