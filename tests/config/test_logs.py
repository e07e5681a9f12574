"""What the logs hold: who signed in or was refused, from where, on which path; never a password or
a token (the security logger of accounts/signals.py and config/api.py, Django's request log)."""

import io
import logging

import pytest
from django.test import Client, override_settings
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


def console_streams(logger: logging.Logger) -> list[logging.StreamHandler]:
    """The console handlers a record of ``logger`` goes through (the logger's own and its parents' as
    far as it propagates); pytest's capture handlers are left out."""
    found = []
    while logger is not None:
        found += [h for h in logger.handlers if type(h) is logging.StreamHandler]
        logger = logger.parent if logger.propagate else None
    return found


@override_settings(DEBUG=True)
def test_a_request_warning_is_written_once(client, db):
    """Django's own "django" logger had a console handler of its own when DEBUG is on (make run), and the
    record went on to the root's: "Bad Request: /…" was written twice, once bare and once formatted."""
    handlers = console_streams(logging.getLogger("django.request"))
    buffers = [io.StringIO() for _ in handlers]
    kept = [h.setStream(b) for h, b in zip(handlers, buffers, strict=True)]
    try:
        assert client.post("/api/v1/auth/token/", "{", content_type="application/json").status_code == 400
    finally:
        for handler, stream in zip(handlers, kept, strict=True):
            handler.setStream(stream)
    written = "".join(b.getvalue() for b in buffers)
    assert written.count("Bad Request: /api/v1/auth/token/") == 1, written
    assert "WARNING django.request Bad Request" in written
