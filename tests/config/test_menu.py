"""The menu (config/templates/pages/base.html) holds only what its user may open, and every page
carries the app's own script, stylesheet and icon."""

import pytest

from accounts.models import User
from tests.conftest import make_user
from tests.pages import text

pytestmark = pytest.mark.django_db


def test_the_administration_link_only_for_who_may_see_something_there(client_as, reviewer, unit):
    assert "/admin/" not in text(client_as(reviewer).get("/"))
    reviewer.is_staff = True  # staff, but without a single permission: the admin would show nothing
    reviewer.save()
    assert "/admin/" not in text(client_as(reviewer).get("/"))
    admin = make_user("admin", role=User.Role.ADMIN, unit=None)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    assert 'href="/admin/"' in text(client_as(admin).get("/"))


def test_the_reviewer_and_the_unit_see_their_own_menus(client_as, reviewer, reporter, plan):
    review = text(client_as(reviewer).get("/"))
    for href in ("/xet-duyet/", "/bao-cao-tong-hop/", "/bao-cao/danh-sach/", "/nhac-han/"):
        assert f'href="{href}"' in review
    assert 'href="/hoat-dong/them/"' not in review
    unit = text(client_as(reporter).get("/"))
    assert 'href="/hoat-dong/them/"' in unit and 'href="/xet-duyet/"' not in unit


def test_every_page_has_the_apps_script_stylesheet_and_icon(client_as, reporter, plan):
    page = text(client_as(reporter).get("/"))
    assert '<script src="/static/pages/app.js" defer></script>' in page
    assert 'rel="icon" href="/static/pages/favicon.svg"' in page
    assert "<script>" not in page and " style=" not in page  # nothing inline (Content-Security-Policy)
