"""The Content-Security-Policy in a real browser (Debian's Chromium through Playwright, against a live
server): the dashboards, the security page with its QR code, the admin (lists, forms, the calendar
widget), the API docs (Swagger UI, served locally) and the browsable API load and work with no CSP violation and no
script error in the console, and ask for nothing outside the live server.

Screenshots go to var/screenshots/csp-*.png."""

import pytest
from playwright.sync_api import expect

from accounts.models import Unit, User
from tests.browser.session import PASSWORD, Session

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


class Console:
    """Every console message and page error of a session's page."""

    def __init__(self, page):
        self.problems: list[str] = []
        page.on("console", self._message)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _message(self, message):
        text = message.text
        if message.type == "error" or "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.problems.append(f"{message.type}: {text}")


def _watched(browser, base, blocked):
    session = Session(browser, base, blocked)
    return session, Console(session.page)


def test_pages_admin_and_docs_run_under_the_policy(browser, live_server, people):
    blocked: list[str] = []
    base = live_server.url

    # A unit's dashboard, a form, and the security page with the QR code of a set-up in progress.
    reporter, console = _watched(browser, base, blocked)
    page = reporter.login("ca01.reporter")
    assert page.get_by_role("heading", level=1).inner_text() == "Công an thành phố Hà Nội"
    reporter.shot("csp-01-dashboard")
    reporter.go("/hoat-dong/them/")
    page.locator("form").first.wait_for()
    page.locator("header").get_by_role("link", name="Bảo mật đăng nhập").click()
    page.get_by_role("button", name="Cài đặt đăng nhập hai bước").click()
    # Sized by the stylesheet, not by qrcode's own width in mm (57mm ≈ 215px): wait for the stylesheet to apply.
    expect(page.locator("svg.qr")).to_have_css("width", "220px")
    assert page.locator("svg.qr").bounding_box()["width"] == 220
    reporter.shot("csp-02-security-qr")
    reporter.close()

    # V03's overview.
    reviewer, reviewer_console = _watched(browser, base, blocked)
    reviewer.login("v03.reviewer")
    reviewer.shot("csp-03-overview")
    reviewer.close()

    # The admin, signed into through the site's sign-in page.
    User.objects.create_superuser("admin", password=PASSWORD, role=User.Role.ADMIN)
    admin, admin_console = _watched(browser, base, blocked)
    page = admin.go("/admin/")
    assert "/dang-nhap/?next=/admin/" in page.url
    page.get_by_label("Tên đăng nhập").fill("admin")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(base + "/admin/")
    admin.shot("csp-04-admin")
    admin.go("/admin/accounts/user/")
    page.locator("#result_list").wait_for()
    admin.go(f"/admin/accounts/unit/{Unit.objects.get(key='ca01').pk}/change/")
    page.locator("#calendarlink0").click()  # the calendar widget opens
    page.locator("#calendarbox0").wait_for(state="visible")
    admin.shot("csp-05-admin-calendar")

    # The API docs: Swagger UI renders the operations from the schema.
    page = admin.go("/api/v1/docs/")
    page.locator(".opblock").first.wait_for(timeout=30_000)
    assert page.locator(".opblock").count() > 20
    page.locator(".opblock-summary").first.click()
    page.locator(".opblock-body").first.wait_for()
    admin.shot("csp-06-docs")

    # The browsable API, with its filters.
    page = admin.go("/api/v1/obligations/?page_size=5")
    page.get_by_role("button", name="Filters").or_(page.get_by_role("button", name="Bộ lọc")).first.click()
    page.locator("#filtersModal").wait_for(state="visible")
    admin.shot("csp-07-browsable-api")
    admin.close()

    problems = console.problems + reviewer_console.problems + admin_console.problems
    assert problems == [], "\n".join(problems)
    assert blocked == [], f"requests off the live server: {blocked}"
