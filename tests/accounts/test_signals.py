"""Logins and failed logins go to the security log (accounts/signals.py)."""

import logging


def test_failed_and_successful_logins_are_logged(api, reporter, caplog):
    with caplog.at_level(logging.INFO, logger="security"):
        api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": "sai-mat-khau"})
        api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": "pw-Test-123"})
    messages = [r.getMessage() for r in caplog.records if r.name == "security"]
    assert any("login-failed user=ca01.reporter" in m for m in messages)


def test_admin_login_is_logged(client, reporter, caplog):
    reporter.is_staff = True
    reporter.save()
    with caplog.at_level(logging.INFO, logger="security"):
        client.post("/admin/login/", {"username": "ca01.reporter", "password": "pw-Test-123"})
    assert any("login user=ca01.reporter" in r.getMessage() for r in caplog.records if r.name == "security")
