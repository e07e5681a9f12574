"""Web sessions (accounts/sessions.py, SESSION_* settings): stored with their user, a new key at
sign-in, ended when idle, and all ended by a password change or a deactivation."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.test import Client

from accounts.models import UserSession
from accounts.sessions import SessionStore, sessions_end
from accounts.tokens import token_issue

PASSWORD = "pw-Test-123"


def _signed_in(username="ca01.reporter") -> Client:
    client = Client()
    response = client.post("/dang-nhap/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def test_the_session_key_changes_at_sign_in(reporter):
    client = Client()
    session = client.session
    session["chosen"] = "before"
    session.save()
    before = client.cookies["sessionid"].value
    client.post("/dang-nhap/", {"username": "ca01.reporter", "password": PASSWORD})
    after = client.cookies["sessionid"].value
    assert after != before
    assert not UserSession.objects.filter(session_key=before).exists()
    assert UserSession.objects.get(session_key=after).user == reporter


def test_a_session_ends_after_being_idle_and_lasts_while_used(reporter, settings, clock):
    settings.SESSION_COOKIE_AGE = 30 * 60
    client = _signed_in()
    for _ in range(4):  # used every 20 minutes: still signed in after 80
        clock.shift(timedelta(minutes=20))
        assert client.get("/").status_code == 200
    clock.shift(timedelta(minutes=31))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_an_unchanged_session_is_written_again_once_a_minute_not_at_every_page(reporter, clock):
    client = _signed_in()
    stored = UserSession.objects.get(user=reporter).expire_date
    clock.shift(timedelta(seconds=30))
    assert client.get("/").status_code == 200
    assert UserSession.objects.get(user=reporter).expire_date == stored  # not written for 30 s
    clock.shift(timedelta(seconds=31))
    assert client.get("/").status_code == 200
    assert UserSession.objects.get(user=reporter).expire_date == stored + timedelta(seconds=61)


def test_a_changed_session_is_written_at_once(reporter, clock):
    client = _signed_in()
    key = client.cookies["sessionid"].value
    clock.shift(timedelta(seconds=5))
    session = SessionStore(session_key=key)
    session["chosen"] = "now"
    session.save()
    assert SessionStore(session_key=key)["chosen"] == "now"


def test_a_password_change_ends_every_session_and_token(reporter, api):
    first, second = _signed_in(), _signed_in()
    token = api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": PASSWORD}).json()["token"]
    reporter.set_password("a-New-pass-456")
    reporter.save()
    assert UserSession.objects.filter(user=reporter).count() == 0
    for client in (first, second):
        assert client.get("/")["Location"].startswith("/dang-nhap/")
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/").status_code == 401


def test_deactivation_ends_sessions_and_tokens_and_other_users_keep_theirs(reporter, leader, api):
    mine, theirs = _signed_in(), _signed_in("ca01.leader")
    token = api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": PASSWORD}).json()["token"]
    reporter.is_active = False
    reporter.save()
    reporter.is_active = True  # reactivated: the old sign-ins stay ended
    reporter.save()
    assert mine.get("/")["Location"].startswith("/dang-nhap/")
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/").status_code == 401
    assert theirs.get("/").status_code == 200


def test_saving_a_user_otherwise_keeps_sign_ins(reporter):
    client = _signed_in()
    reporter.first_name = "Lan"
    reporter.save()
    reporter.save(update_fields=["last_login"])
    assert client.get("/").status_code == 200


def test_a_password_hash_upgraded_at_sign_in_keeps_the_tokens(reporter, api):
    reporter.password = make_password(PASSWORD, salt="ab", hasher="md5")  # a salt too short: upgraded at sign-in
    reporter.save(update_fields=["password"])
    _, earlier = token_issue(user=reporter)
    assert api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": PASSWORD}).status_code == 200
    reporter.refresh_from_db()
    assert not reporter.password.startswith("md5$ab$")
    api.credentials(HTTP_AUTHORIZATION=f"Token {earlier}")
    assert api.get("/api/v1/me/").status_code == 200


def test_sessions_end_ends_only_that_users_sessions(reporter, leader):
    _signed_in(), _signed_in("ca01.leader")
    assert sessions_end(user=reporter) == 1
    assert list(UserSession.objects.values_list("user__username", flat=True)) == ["ca01.leader"]
