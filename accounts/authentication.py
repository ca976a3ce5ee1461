"""`Authorization: Token <key>` (shared/contract.md section 2), answered by knox's tokens.

A phone logging sets presents its token with every request, so the token (with its user) is
kept in the shared cache, under the hash knox stores, and the database is asked only on a miss.
What must end a token at once still does:

- a revoked, expired or deleted token (revoke, sign out everywhere, a password change, the
  account deleted) leaves a tombstone in the cache (`forget`, accounts/signals.py): a request
  that read the row just before cannot put it back, and every later one asks the database;
- a change to the user (deactivated, renamed, a new password) tombstones all their tokens;
- expiry is checked against the clock on every request, cached or not.

Any other change to a token (its expiry renewed) drops it from the cache. The cache must be
shared by every process (Redis in production, as the advice cache already requires).
"""

import binascii
from hmac import compare_digest
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.settings import CONSTANTS, knox_settings
from rest_framework import exceptions

from accounts import services
from accounts.models import ApiToken

CACHE_SECONDS = 10 * 60  # also how long a tombstone stays: longer than any cached copy
REVOKED = "revoked"


def _key(digest: str) -> str:
    return f"apitoken:{digest}"


def forget(digest: str) -> None:
    """The token is gone (or its user changed): no cached copy may be used or put back."""
    cache.set(_key(digest), REVOKED, timeout=CACHE_SECONDS)


def refetch(digest: str) -> None:
    """The token changed: the next request reads it from the database again."""
    cache.delete(_key(digest))


class DeviceTokenAuthentication(TokenAuthentication):
    """Knox's authentication, from the cache when it can, recording the token's last use for
    the Settings page.

    Knox loads every token of the user on each request to delete the expired ones; here only
    the presented token is checked (expired tokens are dropped when a new one is issued).
    """

    def authenticate_credentials(self, token: bytes) -> tuple[Any, ApiToken]:
        key = token.decode("utf-8")
        try:
            digest = hash_token(key)
        except (TypeError, binascii.Error, ValueError):
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        cached = cache.get(_key(digest))
        if (
            isinstance(cached, ApiToken)
            and compare_digest(cached.digest, digest)
            and cached.token_key == key[: CONSTANTS.TOKEN_KEY_LENGTH]
        ):
            if self._cleanup_token(cached):
                raise exceptions.AuthenticationFailed(_("Invalid token."))
            if knox_settings.AUTO_REFRESH and cached.expiry:
                self.renew_token(cached)
            return self.validate_user(cached)
        user, auth_token = super().authenticate_credentials(token)
        if cached is None:  # never over a tombstone
            cache.add(_key(digest), auth_token, timeout=CACHE_SECONDS)
        return user, auth_token

    def _cleanup_token(self, auth_token: ApiToken) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False

    def validate_user(self, auth_token: ApiToken) -> tuple[Any, ApiToken]:
        user, token = super().validate_user(auth_token)
        if services.token_touch(token=token):
            refetch(token.digest)  # the cached copy's last use is old now
        return user, token


class DeviceTokenScheme(OpenApiAuthenticationExtension):
    """The API schema's name for it, as before knox: `tokenAuth`, "Authorization: Token <key>"."""

    target_class = DeviceTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: object) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Token-based authentication with the prefix "Token", e.g. '
            '"Authorization: Token <key>" (from POST /api/v1/auth/token/).',
        }
