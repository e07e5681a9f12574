"""Logins and failed logins go to the security log (accounts/signals.py)."""

import logging


def test_failed_and_successful_logins_are_logged(api, reporter, caplog):
    with caplog.at_level(logging.INFO, logger="security"):
        api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": "sai-mat-khau"})
        api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": "pw-Test-123"})
    messages = [r.getMessage() for r in caplog.records if r.name == "security"]
    assert any("login-failed user=ca01.reporter" in m for m in messages)


def test_admin_login_is_logged(client, reporter, caplog):
    """The admin is signed into through the site's sign-in page (config/admin_site.py)."""
    reporter.is_staff = True
    reporter.save()
    assert client.get("/admin/login/?next=/admin/")["Location"] == "/dang-nhap/?next=/admin/"
    with caplog.at_level(logging.INFO, logger="security"):
        response = client.post("/dang-nhap/?next=/admin/", {"username": "ca01.reporter", "password": "pw-Test-123"})
    assert response["Location"] == "/admin/"
    assert any("login user=ca01.reporter" in r.getMessage() for r in caplog.records if r.name == "security")
