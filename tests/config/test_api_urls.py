"""The API's routes (config/api_urls.py, config/urls.py): behind authentication, and the docs served
without any outside asset."""

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
