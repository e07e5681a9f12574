"""The admin site (config/admin_site.py): signed into through the site's sign-in page, and, where the
second step is required, only with a session that went through it."""

import pytest
from django.test import Client, RequestFactory

from accounts.models import User
from config.admin_site import AdminSite
from tests.accounts.otp import PASSWORD, code_now, enrol, stopped_clock


@pytest.fixture
def clock():
    yield from stopped_clock()


def _admin_user():
    return User.objects.create_user("admin", password=PASSWORD, role=User.Role.ADMIN, is_staff=True, is_superuser=True)


def test_the_admin_signs_in_through_the_sites_sign_in_page(db, settings):
    settings.OTP_REQUIRED_FOR_REVIEWERS = False
    _admin_user()
    client = Client()
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    assert client.get("/admin/login/?next=/admin/")["Location"] == "/dang-nhap/?next=/admin/"
    assert client.post("/dang-nhap/?next=/admin/", {"username": "admin", "password": PASSWORD})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_where_required_the_admin_takes_the_second_step(db, settings, clock):
    settings.OTP_REQUIRED_FOR_REVIEWERS = True
    device, _ = enrol(_admin_user())
    clock.shift(30)
    client = Client()
    step = client.post("/dang-nhap/?next=/admin/", {"username": "admin", "password": PASSWORD})
    assert step["Location"] == "/dang-nhap/ma-xac-thuc/"
    assert client.get("/admin/").status_code == 302
    done = client.post("/dang-nhap/ma-xac-thuc/", {"code": code_now(device)})
    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_has_permission_needs_the_verified_step_where_required(db, settings):
    admin = _admin_user()
    request = RequestFactory().get("/admin/")
    request.user = admin
    admin.is_verified = lambda: False
    settings.OTP_REQUIRED_FOR_REVIEWERS = True
    assert not AdminSite().has_permission(request)
    admin.is_verified = lambda: True
    assert AdminSite().has_permission(request)
    settings.OTP_REQUIRED_FOR_REVIEWERS = False
    admin.is_verified = lambda: False
    assert AdminSite().has_permission(request)
