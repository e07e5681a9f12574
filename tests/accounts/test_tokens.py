"""API tokens (accounts/tokens.py): a new one per sign-in, stored hashed, expiring, revocable."""

from datetime import timedelta

from django.conf import settings as django_settings
from django.test import Client

from accounts.models import ApiToken, UserSession
from accounts.tokens import key_hash, sign_ins_end, token_for_key, token_issue, token_revoke, tokens_active
from tests.accounts.otp import PASSWORD


def test_each_token_is_new_and_only_its_hash_is_stored(reporter, settings):
    settings.API_TOKEN_LIFETIME_HOURS = 12
    first, first_key = token_issue(user=reporter, user_agent="curl/8.5")
    second, second_key = token_issue(user=reporter)
    assert first_key != second_key and first.pk != second.pk
    stored = ApiToken.objects.get(pk=first.pk)
    assert stored.key_hash == key_hash(first_key) != first_key
    assert first_key not in str(ApiToken.objects.filter(pk=first.pk).values().get())
    assert stored.prefix == first_key[:8]
    assert stored.expires_at - stored.created_at == timedelta(hours=12)
    assert token_for_key(first_key) == first
    assert token_for_key("not-a-key") is None


def test_revoked_and_expired_tokens_are_not_active(reporter, clock):
    kept, _ = token_issue(user=reporter)
    revoked, _ = token_issue(user=reporter)
    token_revoke(token=revoked)
    assert list(tokens_active(user=reporter)) == [kept]
    clock.shift(timedelta(hours=13))
    assert list(tokens_active(user=reporter)) == []


def test_old_ended_tokens_are_deleted_at_the_next_sign_in(reporter, clock):
    old, _ = token_issue(user=reporter)
    clock.shift(timedelta(days=31, hours=12))
    token_issue(user=reporter)
    assert not ApiToken.objects.filter(pk=old.pk).exists()
    assert ApiToken.objects.filter(user=reporter).count() == 1


def test_sign_ins_end_revokes_every_token_of_the_user_only(reporter, leader):
    token_issue(user=reporter)
    token_issue(user=reporter)
    theirs, _ = token_issue(user=leader)
    sign_ins_end(user=reporter)
    assert list(tokens_active(user=reporter)) == []
    assert list(tokens_active(user=leader)) == [theirs]


def test_signing_in_for_a_token_leaves_no_web_session(reporter):
    """A token client gets its token and no session cookie: nothing is written per API request for a
    session it doesn't use."""
    client = Client()
    answer = client.post("/api/v1/auth/token/", {"username": reporter.username, "password": PASSWORD})
    assert answer.status_code == 200 and answer.json()["token"]
    assert django_settings.SESSION_COOKIE_NAME not in client.cookies or not client.cookies["sessionid"].value
    assert not UserSession.objects.exists()
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
    assert me.status_code == 200 and not UserSession.objects.exists()


def test_a_web_session_stays_signed_in_when_it_asks_for_a_token(reporter):
    client = Client()
    assert client.post("/dang-nhap/", {"username": reporter.username, "password": PASSWORD}).status_code == 302
    assert client.post("/api/v1/auth/token/", {"username": reporter.username, "password": PASSWORD}).status_code == 200
    assert client.get("/").status_code == 200  # still signed in on the pages
    assert UserSession.objects.filter(user=reporter).count() == 1
