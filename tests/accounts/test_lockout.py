"""The sign-in lockout behind a reverse proxy (django-axes with config/client_ip.py; the message from
accounts/lockout.py): failures lock the client's address, read from the trusted proxy's header, and
only it, for the cool-off; the message says in Vietnamese how long is left."""

from datetime import timedelta

import pytest

from tests.pages import text

PROXY = "127.0.0.1"  # every request arrives from the proxy
ATTACKER = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
USER = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def _token(api, client_meta, username="ca01.reporter", password="pw-Test-123"):
    return api.post("/api/v1/auth/token/", {"username": username, "password": password}, **client_meta)


def test_one_address_is_locked_and_the_other_is_not(api, reporter, leader, behind_proxy, clock):
    for _ in range(2):
        assert _token(api, ATTACKER, password="doan-mo").status_code == 400
    assert _token(api, ATTACKER, password="doan-mo").status_code == 429  # the third failure locks
    locked = _token(api, ATTACKER)
    assert locked.status_code == 429
    assert locked.json()["detail"] == (
        "Đăng nhập sai quá nhiều lần từ địa chỉ này. Việc đăng nhập từ địa chỉ này tạm bị khoá: "
        "hãy thử lại sau 15 phút."
    )
    assert locked["Retry-After"] == "900"
    assert _token(api, ATTACKER, username="ca01.leader").status_code == 429  # the address, for every account
    spoofed = {**ATTACKER, "HTTP_X_FORWARDED_FOR": "198.51.100.7, 203.0.113.9"}  # what the client wrote
    assert _token(api, spoofed).status_code == 429
    assert _token(api, USER).status_code == 200  # the user, from their own address, is not locked out


def test_the_page_says_how_long_is_left_and_the_lock_ends(client, reporter, behind_proxy, clock):
    for _ in range(3):
        client.post("/dang-nhap/", {"username": "ca01.reporter", "password": "doan-mo"}, **ATTACKER)
    clock.shift(timedelta(minutes=5))
    page = client.post("/dang-nhap/", {"username": "ca01.reporter", "password": "pw-Test-123"}, **ATTACKER)
    assert page.status_code == 429
    assert "hãy thử lại sau 15 phút" in text(page)  # each try while locked starts the cool-off again
    clock.shift(timedelta(minutes=16))
    after = client.post("/dang-nhap/", {"username": "ca01.reporter", "password": "pw-Test-123"}, **ATTACKER)
    assert after.status_code == 302


def test_without_a_proxy_the_forwarded_header_is_ignored(api, reporter, settings, clock):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.AXES_FAILURE_LIMIT = 2
    for fake in ("203.0.113.1", "203.0.113.2"):
        _token(api, {"REMOTE_ADDR": "192.0.2.5", "HTTP_X_FORWARDED_FOR": fake}, password="sai")
    assert _token(api, {"REMOTE_ADDR": "192.0.2.5", "HTTP_X_FORWARDED_FOR": "203.0.113.3"}).status_code == 429
