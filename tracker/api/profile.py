"""The caller's own profile over the API (contract v1.1): display unit, time zone, bodyweight.

Loads stay in kilograms in the API whatever the unit; the unit only tells clients how to show
them. A PATCH writes only the fields sent. A browser signed in by its session also keeps the
new unit and zone for its pages (tracker.preferences keeps them in the session).
"""

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thrustlog.http import signed_in
from tracker import services, zones
from tracker.api.fields import (
    StrictChoiceField,
    StrictDecimalField,
    StrictIntegerField,
)
from tracker.choices import Unit
from tracker.models import Profile
from tracker.preferences import remember


class ProfileSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.get_username", read_only=True)
    bodyweight_kg = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)

    class Meta:
        model = Profile
        fields = ["username", "unit", "time_zone", "bodyweight_kg", "rest_seconds", "is_coach"]
        read_only_fields = fields


class ProfileChangeSerializer(serializers.Serializer):
    unit = StrictChoiceField(Unit, required=False)
    # An enum in the schema: the zones named for a place (tracker.zones), exactly spelt.
    time_zone = serializers.ChoiceField(
        choices=zones.choices(),
        required=False,
        help_text="An IANA zone named for a place (Europe/Berlin), or UTC.",
        error_messages={
            "invalid_choice": "Not a time zone: a region and a city, e.g. Europe/Berlin, or UTC."
        },
    )
    bodyweight_kg = StrictDecimalField(
        required=False,
        allow_null=True,
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("20"),
        max_value=Decimal("400"),
        help_text="null forgets it.",
    )
    rest_seconds = StrictIntegerField(
        required=False, min_value=0, max_value=900, help_text="The rest timer; 0 turns it off."
    )


class ProfileView(APIView):
    @extend_schema(summary="Your profile", responses=ProfileSerializer)
    def get(self, request: Request) -> Response:
        return Response(ProfileSerializer(services.profile_for(signed_in(request))).data)

    @extend_schema(
        summary="Change your profile",
        request=ProfileChangeSerializer,
        responses=ProfileSerializer,
        description="Only the fields sent change. Loads in the API stay in kilograms.",
    )
    def patch(self, request: Request) -> Response:
        changes = ProfileChangeSerializer(data=request.data)
        changes.is_valid(raise_exception=True)
        profile = services.profile_update(athlete=signed_in(request), **changes.validated_data)
        if isinstance(request.successful_authenticator, SessionAuthentication):
            remember(request._request, profile)
        return Response(ProfileSerializer(profile).data)
