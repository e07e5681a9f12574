"""The API's routes (config/api_urls.py, config/urls.py): behind authentication, and the docs served
without any outside asset."""

from urllib.parse import quote

import pytest

from accounts.models import User


@pytest.mark.parametrize("url", ["/api/v1/plans/", "/api/v1/units/", "/api/v1/obligations/", "/api/v1/schema/"])
def test_anonymous_requests_are_refused(api, db, url):
    assert api.get(url).status_code == 401


def test_docs_and_schema_are_served_without_any_outside_asset(client, db):
    client.force_login(User.objects.create_user("docs", password="x-Pass-123"))
    html = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/plans/" in schema.content


BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/schema/", "/api/v1/docs/?script="])
def test_a_browser_not_signed_in_is_sent_to_sign_in_and_back(client, db, url):
    """It was shown DRF's bare English "401 Unauthorized" page."""
    response = client.get(url, HTTP_ACCEPT=BROWSER_ACCEPT)
    assert response.status_code == 302
    assert response["Location"] == "/dang-nhap/?next=" + quote(url)


@pytest.mark.parametrize(
    ("url", "accept"),
    [
        ("/api/v1/docs/", "*/*"),
        ("/api/v1/docs/?script=", "*/*"),
        ("/api/v1/schema/", "*/*"),
        ("/api/v1/schema/", "application/json"),
        ("/api/v1/schema/", "text/html;q=0, application/json"),
    ],
)
def test_a_client_that_asks_for_no_page_still_gets_a_401_in_json(client, db, url, accept):
    """(The docs' page, HTML only, answers 406 to a client that takes JSON only, signed in or not.)"""
    response = client.get(url, HTTP_ACCEPT=accept)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Chưa cung cấp thông tin xác thực."}


def test_after_signing_in_the_browser_is_back_on_the_docs(client, reporter):
    sign_in = client.get("/api/v1/docs/", HTTP_ACCEPT=BROWSER_ACCEPT)["Location"]
    response = client.post(sign_in, {"username": "ca01.reporter", "password": "pw-Test-123"})
    assert response.status_code == 302 and response["Location"] == "/api/v1/docs/"
    assert client.get("/api/v1/docs/", HTTP_ACCEPT=BROWSER_ACCEPT).status_code == 200
