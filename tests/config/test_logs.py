"""What the logs hold: who signed in or was refused, from where, on which path; never a password or
a token (the security logger of accounts/signals.py and config/api.py, Django's request log)."""

import logging

import pytest
from django.test import Client
from rest_framework.test import APIClient

PASSWORD = "Mật-khẩu-rất-bí-mật-2024"


@pytest.fixture
def every_log(caplog):
    """Every record at every level, the security logger's too (it does not propagate to the root)."""
    security = logging.getLogger("security")
    security.addHandler(caplog.handler)
    with caplog.at_level(logging.DEBUG):
        yield caplog
    security.removeHandler(caplog.handler)


def test_no_password_or_token_in_the_logs(db, reporter, every_log):
    reporter.set_password(PASSWORD)
    reporter.save()
    api = APIClient()
    assert (
        api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": "sai-" + PASSWORD}).status_code == 400
    )
    signed_in = api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": PASSWORD})
    assert signed_in.status_code == 200
    token = signed_in.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/").status_code == 200
    assert api.get("/api/v1/reports/999999/").status_code == 404  # refused: logged with the path
    api.credentials(HTTP_AUTHORIZATION=f"Token {token[::-1]}")
    assert api.get("/api/v1/me/").status_code == 401
    Client().post("/dang-nhap/", {"username": "ca01.reporter", "password": "sai-" + PASSWORD})

    logged = "\n".join(f"{r.name} {r.levelname} {r.getMessage()} {r.args!r}" for r in every_log.records)
    assert "login-failed user=ca01.reporter" in logged and "refused status=404 user=ca01.reporter" in logged
    for secret in (PASSWORD, token, token[::-1]):
        assert secret not in logged
