"""Security headers on every response (config/settings/base.py: django-csp, SecurityMiddleware,
XFrameOptionsMiddleware): a Content-Security-Policy without anything inline or from elsewhere, frame
denial, nosniff, a Referrer-Policy; and the pages, the admin and the API docs carry no inline script
or style for the policy to refuse."""

import re

import pytest

from accounts.models import User

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style|\sstyle=|\son[a-z]+=", re.I)


def _check_headers(response):
    directives = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert directives == POLICY
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.fixture
def admin_client(db, client):
    client.force_login(User.objects.create_superuser("admin", password="x-Pass-123"))
    return client


@pytest.mark.parametrize(
    "url",
    ["/", "/hoat-dong/", "/hoat-dong/them/", "/ke-hoach-don-vi/", "/bao-cao/", "/bao-mat/", "/api/v1/docs/"],
)
def test_pages_and_docs_have_the_headers_and_nothing_inline(client_as, reporter, url):
    response = client_as(reporter).get(url)
    assert response.status_code == 200
    _check_headers(response)
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html)


def test_the_docs_script_is_a_file_of_its_own(client_as, reporter):
    client = client_as(reporter)
    html = client.get("/api/v1/docs/").content.decode()
    script = re.search(r'<script src="(/api/v1/docs/\?[^"]*script=[^"]*)"', html).group(1)
    response = client.get(script.replace("&amp;", "&"))
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()
    assert '"validatorUrl": null' in response.content.decode()


def test_sign_in_page_and_anonymous_answers_have_the_headers(client, api, db):
    _check_headers(client.get("/dang-nhap/"))
    _check_headers(api.get("/api/v1/plans/"))


@pytest.mark.parametrize("url", ["/admin/", "/admin/accounts/user/", "/admin/accounts/user/add/", "/admin/login/"])
def test_the_admin_has_the_headers_and_no_inline_script(admin_client, url):
    response = admin_client.get(url)
    _check_headers(response)
    assert not INLINE_SCRIPT.search(response.content.decode())


def test_api_answers_have_the_headers(api_as, reporter):
    _check_headers(api_as(reporter).get("/api/v1/plans/"))


@pytest.mark.parametrize("url", ["/api/v1/", "/api/v1/obligations/", "/api/v1/activities/"])
def test_the_browsable_api_has_nothing_inline(client_as, reporter, url):
    response = client_as(reporter).get(url, HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    _check_headers(response)
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html)
