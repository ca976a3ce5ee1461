"""Accounts over the API: register, and trade a username and password for a token.

Neither endpoint authenticates the caller (so neither needs a CSRF token): registering and
signing in are what a client does before it has credentials.
"""

from typing import Any

from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services as account_services
from accounts import two_step
from accounts.models import DEVICE_MAX_LENGTH
from tracker import services
from tracker.api.fields import StrictCharField, is_encodable
from tracker.api.schema import ErrorSerializer
from tracker.api.throttles import RegistrationThrottle

User = get_user_model()
TAKEN = "A user with that username already exists."
BAD_CREDENTIALS = "Unable to log in with provided credentials."
TWO_STEP_NEEDED = "This account signs in in two steps: send the app's code (or a recovery code)."
# ASCII on purpose: the schema's regex dialect reads \w as ASCII, Python's as Unicode.
USERNAME = RegexValidator(
    r"^[A-Za-z0-9_.@+-]+\Z", "Letters, digits and @ . + - _ only (at most 150 characters)."
)


class StrictEmailField(serializers.EmailField):
    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str) or not is_encodable(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class RegistrationSerializer(serializers.Serializer):
    username = StrictCharField(max_length=150, validators=[USERNAME])
    password = StrictCharField(
        max_length=4096,
        trim_whitespace=False,
        help_text="Checked by the site's password rules (length, not common, not all digits...).",
    )
    email = StrictEmailField(required=False, allow_blank=True, max_length=254)

    def validate_username(self, value: str) -> str:
        if User._default_manager.filter(username__iexact=value).exists():
            raise serializers.ValidationError(TAKEN)
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        candidate = User(username=attrs["username"], email=attrs.get("email", ""))
        try:
            validate_password(attrs["password"], user=candidate)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"password": list(exc.messages)}) from None
        return attrs


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username"]
        read_only_fields = fields


class TokenRequestSerializer(serializers.Serializer):
    username = StrictCharField(max_length=150)
    password = StrictCharField(max_length=4096, trim_whitespace=False)
    device = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=DEVICE_MAX_LENGTH,
        help_text="A name for this device in the athlete's token list (default: the User-Agent).",
    )
    otp = StrictCharField(
        required=False,
        max_length=20,
        help_text="Accounts with two-step sign-in: the app's code, or a recovery code.",
    )

    def validate_username(self, value: str) -> str:
        # As Django's log-in form reads it (stripped, NFKC), so both sign in the same names.
        return User.normalize_username(value)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        read_only=True, help_text='Send it as the header "Authorization: Token <token>".'
    )
    expiry = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When the token stops working unless used before (each use extends it).",
    )


class RegisterView(APIView):
    """Create an account (with its profile). Throttled per address, generously."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [RegistrationThrottle]

    @extend_schema(
        request=RegistrationSerializer,
        responses={
            201: AccountSerializer,
            429: OpenApiResponse(ErrorSerializer, "Too many registrations from this address."),
        },
        summary="Register an account",
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        incoming = RegistrationSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            user = services.athlete_register(**incoming.validated_data)
        except IntegrityError:  # the same name registered a moment ago
            raise serializers.ValidationError({"username": [TAKEN]}) from None
        return Response(AccountSerializer(user).data, status=status.HTTP_201_CREATED)


class TokenView(APIView):
    """A token for a username and password; repeated failures lock the name and the address."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            429: OpenApiResponse(
                ErrorSerializer, "Too many failed sign-ins for this username or address."
            ),
        },
        summary="Get a new API token for this device",
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        incoming = TokenRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        # authenticate() is where django-axes counts a failure and refuses a locked name or
        # address (its middleware then answers 429): the same path as the web and admin log-in.
        credentials = incoming.validated_data
        user = authenticate(
            request._request, username=credentials["username"], password=credentials["password"]
        )
        if user is None:
            raise serializers.ValidationError({"non_field_errors": [BAD_CREDENTIALS]})
        if (
            two_step.is_on(user)
            and two_step.verify(user=user, code=credentials.get("otp", "")) is None
        ):
            raise serializers.ValidationError({"otp": [TWO_STEP_NEEDED]})
        device = account_services.device_name(
            given=credentials.get("device"), user_agent=request.META.get("HTTP_USER_AGENT", "")
        )
        token, key = account_services.token_issue(user=user, device=device)
        return Response(TokenSerializer({"token": key, "expiry": token.expiry}).data)
