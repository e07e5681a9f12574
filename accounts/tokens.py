"""API tokens: one new token at each sign-in, valid API_TOKEN_LIFETIME_HOURS, stored as a SHA-256 hash
of its key (the key is 256 random bits, so a fast hash is enough: nothing to guess from the hash);
revoked at sign-out, by its user, and all at once when the password changes or the user is deactivated.

Why our own model rather than django-rest-knox: knox deletes a token when it is revoked (no record of
who signed out when), keeps no time of last use, and has no per-user listing with ids a user can revoke;
the model here is fifty lines and has exactly the fields the project needs."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, User
from accounts.sessions import sessions_end

# How often "last used" is written: at most once a minute per token, not at every request.
LAST_USED_PRECISION = timedelta(minutes=1)
# Expired and revoked tokens are kept this long (the user's list, the admin), then deleted at the user's
# next sign-in.
KEPT_AFTER_END = timedelta(days=30)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_issue(*, user: User, user_agent: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with its key, which is never stored and can't be shown again."""
    now = timezone.now()
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        key_hash=key_hash(key),
        prefix=key[:8],
        created_at=now,
        expires_at=now + timedelta(hours=settings.API_TOKEN_LIFETIME_HOURS),
        user_agent=(user_agent or "")[:200],
    )
    ApiToken.objects.filter(user=user, expires_at__lt=now - KEPT_AFTER_END).delete()
    ApiToken.objects.filter(user=user, revoked_at__lt=now - KEPT_AFTER_END).delete()
    return token, key


def token_for_key(key: str) -> ApiToken | None:
    """The token whose key is ``key``, with its user and the user's unit (most requests ask for it);
    None if there is none. Expired and revoked tokens are returned too: the caller says why they are
    refused."""
    return ApiToken.objects.select_related("user", "user__unit").filter(key_hash=key_hash(key)).first()


def token_touch(*, token: ApiToken) -> None:
    """Record that the token was used now (at most once a minute)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=token.revoked_at)


def tokens_active(*, user: User):
    """The user's tokens that still work, newest first."""
    return ApiToken.objects.filter(user=user, revoked_at=None, expires_at__gt=timezone.now()).order_by("-created_at")


def sign_ins_end(*, user: User) -> None:
    """End everything ``user`` is signed in with: revoke every token and end every web session (a
    password change, a deactivation)."""
    with transaction.atomic():
        ApiToken.objects.filter(user=user, revoked_at=None).update(revoked_at=timezone.now())
        sessions_end(user=user)
