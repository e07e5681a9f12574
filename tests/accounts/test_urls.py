"""The sign-in and sign-out pages (accounts/urls.py)."""

import pytest
from django.test import Client

from tests.pages import text


@pytest.mark.django_db
def test_login_page_and_logging_in_and_out(reporter):
    client = Client()
    page = client.get("/dang-nhap/")
    assert page.status_code == 200
    assert "Đăng nhập" in text(page)
    assert 'for="id_username"' in text(page)

    bad = client.post("/dang-nhap/", {"username": "ca01.reporter", "password": "wrong"})
    assert bad.status_code == 200
    assert "Đăng nhập" in text(bad)
    assert "_auth_user_id" not in client.session

    good = client.post("/dang-nhap/", {"username": "ca01.reporter", "password": "pw-Test-123"})
    assert good.status_code == 302
    assert good["Location"] == "/"
    home = client.get("/")
    assert "Theo dõi Kế hoạch PBGDPL" in text(home)
    assert "Công an thành phố Hà Nội" in text(home)

    out = client.post("/dang-xuat/")
    assert out.status_code == 302
    assert client.get("/").status_code == 302
