"""The admin in Vietnamese, django-axes' pages and the user's pages included: no English left from
django-axes (its columns, filters, sections, its records' names), from the admin's select boxes or from
the password fields of the user's pages (config/third_party_strings.py, config/third_party_apps.py)."""

import html
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client

from accounts.models import User

ENGLISH = [
    "Attempt Time",
    "Logout Time",
    "IP Address",
    "User Agent",
    "Path",
    "Locked Out",
    "Access lock out",
    "Failed Logins",
    "Attempt Remaining",
    "Access Log for",
    "Attempted Access",
    "Failed access",
    "Form Data",
    "Meta Data",
    "GET Data",
    "POST Data",
    "Expires At",
    "Not set",
    "Clean up expired attempts",
    "Select this object for an action",
    "Select all objects on this page",
    "Password-based authentication",
    "Whether the user will be able to authenticate",
    "If disabled",
    "Raw passwords are not stored",
    "Reset password",
    "Bởi ",
]


def visible_text(response) -> str:
    """The page's text and the attributes a reader meets (title, aria-label), without its scripts."""
    body = re.sub(r"<script.*?</script>", "", response.content.decode(), flags=re.S)
    attributes = re.findall(r'(?:title|aria-label|placeholder|alt)="([^"]*)"', body)
    return html.unescape(" ".join([*re.split(r"<[^>]+>", body), *attributes]))


@pytest.fixture
def admin_client(db, settings):
    settings.OTP_REQUIRED_FOR_REVIEWERS = False
    admin = User.objects.create_user(
        "admin", password="x-Pass-1234", role=User.Role.ADMIN, is_staff=True, is_superuser=True
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(admin)
    return client, admin


def test_the_admin_s_sign_in_and_user_pages_have_no_english_left(admin_client):
    client, admin = admin_client
    seen = {"ip_address": "127.0.0.1", "user_agent": "Firefox", "http_accept": "*/*", "path_info": "/dang-nhap/"}
    log = AccessLog.objects.create(username="ca01.reporter", **seen)
    attempt = AccessAttempt.objects.create(
        username="ca01.reporter", get_data="", post_data="", failures_since_start=3, **seen
    )
    failure = AccessFailureLog.objects.create(username="ca01.reporter", locked_out=True, **seen)
    pages = [
        "/admin/axes/accesslog/",
        "/admin/axes/accessattempt/",
        "/admin/axes/accessfailurelog/",
        f"/admin/axes/accesslog/{log.pk}/change/",
        f"/admin/axes/accessattempt/{attempt.pk}/change/",
        f"/admin/axes/accessfailurelog/{failure.pk}/change/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        f"/admin/accounts/user/{admin.pk}/change/",
        f"/admin/accounts/user/{admin.pk}/password/",
    ]
    left = {}
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        text = visible_text(response)
        if found := [english for english in ENGLISH if english in text]:
            left[page] = found
    assert left == {}
    text = visible_text(client.get("/admin/axes/accessfailurelog/"))
    assert "Đăng nhập sai của ca01.reporter từ 127.0.0.1 lúc " in text and "(bị khóa)" in text
    assert "Thời điểm đăng nhập" in text and "Đường dẫn" in text and "Theo Khóa truy cập" in text


def test_axes_records_are_named_in_vietnamese_in_local_time(db):
    log = AccessLog(username="ca01.reporter", attempt_time=None)
    assert str(log) == "Phiên đăng nhập của ca01.reporter, -"
    from datetime import UTC, datetime

    log.attempt_time = datetime(2024, 12, 5, 1, 30, tzinfo=UTC)
    assert str(log) == "Phiên đăng nhập của ca01.reporter, 05/12/2024 08:30:00"
