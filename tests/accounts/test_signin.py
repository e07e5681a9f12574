"""Signing in on the pages (accounts/signin.py): the password, then the code where needed; setting the
app up at sign-in where it is required; the demo's password-only sign-in where it is not."""

import re

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import UserSession
from tests.accounts.otp import PASSWORD, code_now, enrol
from tests.pages import text


def _password(client, username, next_url=""):
    url = "/dang-nhap/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": PASSWORD})


def test_without_the_second_step_the_password_signs_in(reporter, reviewer, settings):
    settings.OTP_REQUIRED_FOR_REVIEWERS = False  # as in the demo (config/settings/dev.py)
    for username in ("ca01.reporter", "v03.reviewer"):
        client = Client()
        response = _password(client, username)
        assert response["Location"] == "/"
        assert client.get("/").status_code == 200


def test_with_the_app_the_code_is_asked_then_the_session_key_changes(reporter, clock):
    device, _ = enrol(reporter)
    clock.shift(30)
    client = Client()
    step = _password(client, "ca01.reporter", next_url="/hoat-dong/")
    assert step["Location"] == "/dang-nhap/ma-xac-thuc/"
    pending_key = client.cookies["sessionid"].value
    assert client.get("/")["Location"].startswith("/dang-nhap/")  # not signed in yet
    page = client.get("/dang-nhap/ma-xac-thuc/")
    assert "Mật khẩu của ca01.reporter đã đúng" in text(page)
    wrong = client.post("/dang-nhap/ma-xac-thuc/", {"code": "12345x"})
    assert wrong.status_code == 400
    assert "Mã không đúng hoặc đã được dùng." in text(wrong)
    clock.shift(30)
    done = client.post("/dang-nhap/ma-xac-thuc/", {"code": code_now(device)})
    assert done["Location"] == "/hoat-dong/"
    assert client.cookies["sessionid"].value != pending_key
    assert client.get("/").status_code == 200
    assert UserSession.objects.get(session_key=client.cookies["sessionid"].value).user == reporter


def test_a_recovery_code_signs_in_once_and_says_how_many_are_left(reporter, clock):
    _, codes = enrol(reporter)
    client = Client()
    _password(client, "ca01.reporter")
    done = client.post("/dang-nhap/ma-xac-thuc/", {"code": codes[0]}, follow=True)
    assert "còn lại 9 mã" in text(done)
    again = Client()
    _password(again, "ca01.reporter")
    assert again.post("/dang-nhap/ma-xac-thuc/", {"code": codes[0]}).status_code == 400


def test_the_second_step_expires_and_stops_after_five_wrong_codes(reporter, clock):
    enrol(reporter)
    client = Client()
    _password(client, "ca01.reporter")
    clock.shift(301)
    late = client.get("/dang-nhap/ma-xac-thuc/", follow=True)
    assert "Lượt đăng nhập đã hết hạn" in text(late)
    _password(client, "ca01.reporter")
    for _ in range(4):
        clock.shift(60)
        assert client.post("/dang-nhap/ma-xac-thuc/", {"code": "000000x"}).status_code == 400
    clock.shift(60)
    last = client.post("/dang-nhap/ma-xac-thuc/", {"code": "000000x"}, follow=True)
    assert "Nhập sai mã quá nhiều lần: hãy nhập lại mật khẩu." in text(last)
    assert last.redirect_chain[-1][0] == "/dang-nhap/"


def test_where_required_a_reviewer_sets_the_app_up_before_being_let_in(reviewer, settings, clock):
    settings.OTP_REQUIRED_FOR_REVIEWERS = True
    client = Client()
    assert _password(client, "v03.reviewer")["Location"] == "/dang-nhap/ma-xac-thuc/"
    page = text(client.get("/dang-nhap/ma-xac-thuc/"))
    assert "Cài đặt đăng nhập hai bước" in page and '<svg class="qr"' in page
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1)
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    from base64 import b32encode

    assert secret.replace(" ", "") == b32encode(device.bin_key).decode()
    assert client.get("/")["Location"].startswith("/dang-nhap/")
    done = client.post("/dang-nhap/ma-xac-thuc/", {"action": "confirm", "code": code_now(device)}, follow=True)
    assert done.redirect_chain[-1][0] == "/bao-mat/"
    assert "Mã khôi phục của bạn" in text(done)
    assert len(re.findall(r"<li><code>[a-z2-7]{8}</code></li>", text(done))) == 10
    assert client.get("/").status_code == 200
    assert "Mã khôi phục của bạn" not in text(client.get("/bao-mat/"))  # shown once


def test_a_session_without_the_required_step_is_ended(reviewer, settings, client_as):
    client = client_as(reviewer)  # signed in with the password only, before the setting was on
    assert client.get("/").status_code == 200
    settings.OTP_REQUIRED_FOR_REVIEWERS = True
    assert client.get("/")["Location"].startswith("/dang-nhap/")
    assert not UserSession.objects.filter(user=reviewer).exists()
