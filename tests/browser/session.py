"""One user's browser session for the browser tests (Debian's Chromium through Playwright, against a
live server): every request off the live server is blocked and recorded; screenshots go to
var/screenshots/."""

from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


PASSWORD = "Demo@2024-browser"


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Session:
    """One user's browser context; every request off the live server is aborted and recorded."""

    def __init__(self, browser, base_url: str, blocked: list[str]):
        self.base_url = base_url
        self.context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 860})
        self.context.route("**/*", self._guard)
        self.blocked = blocked
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)

    def _guard(self, route):
        url = route.request.url
        if url.startswith(self.base_url + "/") or url == self.base_url:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def go(self, path: str):
        self.page.goto(self.base_url + path)
        return self.page

    def login(self, username: str):
        page = self.go("/")
        assert "/dang-nhap/" in page.url  # anonymous: sent to the login page
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.locator("main").get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(self.base_url + "/")
        return page

    def shot(self, name: str):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def close(self):
        self.context.close()
