"""Notifications over the API: the server's push key (/api/v1/push/), the caller's push
subscriptions (/api/v1/push-subscriptions/) and choices (/api/v1/notification-settings/).
Another person's subscription is a 404."""

import re
from datetime import time
from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from notifications import push, queries, services
from notifications.models import NotificationPreference, PushSubscription
from thrustlog.http import signed_in
from tracker.api.fields import MAX_ID, StrictBooleanField, StrictCharField


class PushConfigSerializer(serializers.Serializer):
    enabled = serializers.BooleanField(help_text="False: the server has no VAPID keys.")
    public_key = serializers.CharField(
        allow_blank=True, help_text="applicationServerKey for PushManager.subscribe (base64url)."
    )
    message = serializers.CharField(allow_blank=True)


# What a browser's PushSubscription holds: an uncompressed P-256 point (65 bytes, 0x04 first)
# and a 16-byte secret, base64url; an https address on one of the push services' hosts.
P256DH = RegexValidator(r"^B[A-P][A-Za-z0-9_-]{85}$", "An uncompressed P-256 key, base64url.")
AUTH = RegexValidator(r"^[A-Za-z0-9_-]{21}[AQgw](==)?$", "A 16-byte secret, base64url.")


def _endpoint_pattern() -> str:
    hosts = "|".join(re.escape(h) for h in settings.PUSH_ENDPOINT_HOSTS)
    return rf"^https://([a-z0-9-]{{1,63}}\.)*({hosts})(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?$"


class KeysSerializer(serializers.Serializer):
    p256dh = StrictCharField(max_length=88, validators=[P256DH])
    auth = StrictCharField(max_length=24, validators=[AUTH])


class SubscribeSerializer(serializers.Serializer):
    """PushSubscription.toJSON() as the browser gives it."""

    endpoint = StrictCharField(
        max_length=1000,
        validators=[RegexValidator(_endpoint_pattern(), "Not a known push service's address.")],
        help_text="An https address of a push service named in PUSH_ENDPOINT_HOSTS.",
    )
    keys = KeysSerializer()
    expirationTime = serializers.IntegerField(
        required=False, allow_null=True, help_text="Ignored: an expired endpoint answers 410."
    )


class SubscriptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PushSubscription
        fields = ["id", "endpoint", "created", "last_sent_at"]
        read_only_fields = fields


CLOCK = RegexValidator(r"^([01][0-9]|2[0-3]):[0-5][0-9]$", "A clock time, HH:MM (00:00-23:59).")


class ClockField(StrictCharField):
    """A local clock time "HH:MM" (or null), as a string in and out (PreferenceSerializer
    turns it into a time once validated)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=5, validators=[CLOCK], **kwargs)

    def to_representation(self, value: Any) -> str:
        return value.strftime("%H:%M") if isinstance(value, time) else str(value)


class PreferenceSerializer(serializers.ModelSerializer):
    messages = StrictBooleanField(required=False, help_text="Tell me of a new note or reply.")
    check_in_at = ClockField(
        required=False,
        allow_null=True,
        help_text="Local time of the next-morning check-in reminder (HH:MM); null: none.",
    )
    coach_summary_at = ClockField(
        required=False,
        allow_null=True,
        help_text="Coaches: local time of the daily summary of athletes to look at; null: none.",
    )
    email_fallback = StrictBooleanField(
        required=False, help_text="E-mail what no browser of mine could receive."
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        for name in ("check_in_at", "coach_summary_at"):
            if isinstance(data.get(name), str):
                data[name] = time(int(data[name][:2]), int(data[name][3:]))
        return data

    class Meta:
        model = NotificationPreference
        fields = ["messages", "check_in_at", "coach_summary_at", "email_fallback",
                  "next_check_in_at", "next_summary_at"]  # fmt: skip
        read_only_fields = ["next_check_in_at", "next_summary_at"]


class PushConfigView(APIView):
    @extend_schema(summary="The server's Web Push key", responses=PushConfigSerializer)
    def get(self, request: Request) -> Response:
        keys = push.keys()
        data = {
            "enabled": keys is not None,
            "public_key": keys.public if keys else "",
            "message": "" if keys else push.DISABLED,
        }
        return Response(PushConfigSerializer(data).data)


class PushSubscriptionsView(APIView):
    @extend_schema(
        summary="Your browsers that get notifications", responses=SubscriptionSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        mine = queries.subscriptions_of(signed_in(request))
        return Response(SubscriptionSerializer(mine, many=True).data)

    @extend_schema(
        summary="Get notifications in this browser",
        description="Send PushSubscription.toJSON(). Only https endpoints of known push "
        "services are taken. 201 when new; 200 when the endpoint was known (its keys updated).",
        request=SubscribeSerializer,
        responses={201: SubscriptionSerializer, 200: SubscriptionSerializer},
    )
    def post(self, request: Request) -> Response:
        given = SubscribeSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            subscription, created = services.subscribe(
                user=signed_in(request),
                endpoint=data["endpoint"],
                p256dh=data["keys"]["p256dh"],
                auth=data["keys"]["auth"],
            )
        except services.SubscriptionError as error:
            raise serializers.ValidationError({error.field: [str(error)]}) from None
        answer = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(SubscriptionSerializer(subscription).data, status=answer)


SUBSCRIPTION_ID = OpenApiParameter("pk", OpenApiTypes.INT, OpenApiParameter.PATH)


class PushSubscriptionView(APIView):
    @extend_schema(
        summary="Stop notifications in one browser", parameters=[SUBSCRIPTION_ID],
        responses={204: None},
    )  # fmt: skip
    def delete(self, request: Request, pk: str) -> Response:
        if not (pk.isascii() and pk.isdigit() and len(pk) <= 19 and 1 <= int(pk) <= MAX_ID):
            raise NotFound("No such subscription.")
        if not services.unsubscribe(user=signed_in(request), pk=int(pk)):
            raise NotFound("No such subscription.")
        return Response(status=status.HTTP_204_NO_CONTENT)


class NotificationSettingsView(APIView):
    @extend_schema(summary="What you are told of, and when", responses=PreferenceSerializer)
    def get(self, request: Request) -> Response:
        user = signed_in(request)
        preference = queries.preference_or_none(user) or NotificationPreference(user=user)
        return Response(PreferenceSerializer(preference).data)

    @extend_schema(
        summary="Change what you are told of, and when",
        request=PreferenceSerializer,
        responses=PreferenceSerializer,
    )
    def patch(self, request: Request) -> Response:
        user = signed_in(request)
        given = PreferenceSerializer(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        preference = services.preference_update(user=user, **given.validated_data)
        return Response(PreferenceSerializer(preference).data)
