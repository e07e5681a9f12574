"""Fixtures of the browser tests: Chromium, and the users of a walk on a live server."""

import pytest
from django.core.management import call_command

from accounts.models import Unit, User
from tests.browser.session import CHROMIUM_ARGS, PASSWORD
from tests.conftest import PLAN_FILE
from tests.services import chromium_path


@pytest.fixture(autouse=True)
def orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in the test's thread; Django would then refuse the
    test's own (synchronous, safe) ORM calls."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    executable = chromium_path()  # fails on CI, skips elsewhere, when Chromium is missing
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def people(live_server):
    """live_server tests are transactional: the session's plan and units are gone, load them here."""
    call_command("load_units", verbosity=0)
    call_command("load_plan", PLAN_FILE, verbosity=0)
    users = {}
    for username, role, key, first, last in [
        ("ca01.reporter", User.Role.REPORTER, "ca01", "Nguyễn Thị", "Lan"),
        ("ca01.leader", User.Role.LEADER, "ca01", "Trần Văn", "Minh"),
        ("ca79.reporter", User.Role.REPORTER, "ca79", "Lê Văn", "Nam"),
        ("v03.reviewer", User.Role.REVIEWER, "v03", "Phạm Thu", "Hà"),
    ]:
        users[username] = User.objects.create_user(
            username=username,
            password=PASSWORD,
            role=role,
            unit=Unit.objects.get(key=key),
            first_name=first,
            last_name=last,
        )
    return users
