"""DRF authentication with our API tokens (accounts/tokens.py): ``Authorization: Token <key>``.

It parses the header as DRF's TokenAuthentication does (same messages, same ``WWW-Authenticate``, and
drf-spectacular documents it as the same scheme); the key is looked up by its hash, and an expired or
revoked token, or one whose user is inactive, is refused with 401."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from accounts.tokens import token_for_key, token_touch


class ApiTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        token = token_for_key(key)
        if token is None or token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.is_active():
            raise exceptions.AuthenticationFailed(_("This token has expired: sign in again for a new one."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token_touch(token=token)
        return token.user, token
