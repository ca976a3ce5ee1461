"""`Authorization: Token <key>` (shared/contract.md section 2), answered by knox's tokens."""

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication

from accounts import services
from accounts.models import ApiToken


class DeviceTokenAuthentication(TokenAuthentication):
    """Knox's authentication, recording the token's last use for the Settings page.

    Knox loads every token of the user on each request to delete the expired ones; here only
    the presented token is checked (expired tokens are dropped when a new one is issued).
    """

    def _cleanup_token(self, auth_token: ApiToken) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False

    def validate_user(self, auth_token: ApiToken):
        user, token = super().validate_user(auth_token)
        services.token_touch(token=token)
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
