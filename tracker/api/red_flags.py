"""Red flags over the API: which are still open, and saying one is gone.

A red-flag symptom keeps its referral in the advice until the athlete says it is gone
(POST). The date defaults to the athlete's today; a date before the last report of the
symptom would not close it, so it is refused with a message rather than silently ignored.
"""

from datetime import date, timedelta

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thrustlog.http import signed_in
from tracker import queries, services
from tracker.api.fields import StrictChoiceField, StrictDateField, StrictUUIDField
from tracker.choices import RedFlag
from tracker.models import SymptomResolution


class OpenRedFlagSerializer(serializers.Serializer):
    symptom = serializers.ChoiceField(choices=RedFlag.choices)
    last_reported = serializers.DateField()


class ResolutionSerializer(serializers.ModelSerializer):
    symptom = serializers.ChoiceField(source="kind", choices=RedFlag.choices, read_only=True)

    class Meta:
        model = SymptomResolution
        fields = ["id", "symptom", "date", "client_id", "created"]
        read_only_fields = fields


class ResolveInputSerializer(serializers.Serializer):
    symptom = StrictChoiceField(RedFlag)
    date = StrictDateField(required=False, help_text="When it was gone; default: your today.")
    client_id = StrictUUIDField(
        required=False,
        allow_null=True,
        help_text="Chosen by the client; repeating it returns the stored object (200).",
    )

    def validate(self, data: dict) -> dict:
        athlete = signed_in(self.context["request"])
        today = queries.today_for(athlete)
        on: date = data.get("date") or today
        open_flags = queries.open_red_flags(athlete)
        symptom = data["symptom"]
        # The contract's bound for any date: the athlete's today plus one day of slack.
        latest = today + timedelta(days=1)
        if on > latest:
            raise serializers.ValidationError({"date": [f"A date up to {latest.isoformat()}."]})
        if symptom in open_flags and on < open_flags[symptom]:
            last = open_flags[symptom].isoformat()
            raise serializers.ValidationError(
                {"date": [f"{symptom} was last reported on {last}: a date from then on."]}
            )
        return {**data, "date": on}


class RedFlagsView(APIView):
    @extend_schema(
        summary="Your open red flags",
        description="Red-flag symptoms reported and not yet marked as gone.",
        responses=OpenRedFlagSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        flags = queries.open_red_flags(signed_in(request))
        rows = [{"symptom": kind, "last_reported": day} for kind, day in flags.items()]
        return Response(OpenRedFlagSerializer(rows, many=True).data)

    @extend_schema(
        summary="Say a red flag is gone",
        request=ResolveInputSerializer,
        responses={201: ResolutionSerializer, 200: ResolutionSerializer},
        description="201 when stored; 200 with the stored one when its client_id was seen. "
        "The advice stops referring on it; a later report of the symptom opens it again.",
    )
    def post(self, request: Request) -> Response:
        given = ResolveInputSerializer(data=request.data, context={"request": request})
        given.is_valid(raise_exception=True)
        data = given.validated_data
        resolution, created = services.symptom_resolve(
            athlete=signed_in(request),
            kind=data["symptom"],
            on=data["date"],
            client_id=data.get("client_id"),
        )
        answer = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(ResolutionSerializer(resolution).data, status=answer)
