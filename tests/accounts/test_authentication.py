"""The API's token authentication (accounts/authentication.py): ``Authorization: Token <key>``."""

from datetime import timedelta

from accounts.tokens import token_issue, token_revoke


def _get(api, key, url="/api/v1/me/"):
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api.get(url)


def test_a_token_works_until_it_expires(api, reporter, clock, settings):
    settings.API_TOKEN_LIFETIME_HOURS = 12
    token, key = token_issue(user=reporter)
    assert _get(api, key).json()["username"] == "ca01.reporter"
    token.refresh_from_db()
    assert token.last_used_at is not None
    clock.shift(timedelta(hours=11, minutes=59))
    assert _get(api, key).status_code == 200
    clock.shift(timedelta(minutes=2))
    expired = _get(api, key)
    assert expired.status_code == 401
    assert expired.json()["detail"] == "Mã truy cập đã hết hạn: hãy đăng nhập lại để nhận mã mới."
    assert expired["WWW-Authenticate"] == "Token"


def test_a_revoked_or_unknown_token_is_refused(api, reporter):
    token, key = token_issue(user=reporter)
    token_revoke(token=token)
    for candidate in (key, "x" * 43):
        response = _get(api, candidate)
        assert response.status_code == 401
        assert response.json()["detail"] == "Mã truy cập không hợp lệ."


def test_an_inactive_users_token_is_refused(api, reporter):
    _, key = token_issue(user=reporter)
    reporter.is_active = False
    reporter.save()
    assert _get(api, key).status_code == 401
