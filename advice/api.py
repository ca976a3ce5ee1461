"""GET /api/v1/advice/: the contract's advice items (section 3), most urgent first."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.services import access_record
from advice.causes import CAUSES
from advice.items import SEVERITIES
from advice.services import advice_for
from coaching.queries import coached_athlete_or_none
from thrustlog.http import signed_in
from tracker.api.pagination import single
from tracker.choices import PainRegion


class EvidenceSerializer(serializers.Serializer):
    date = serializers.DateField()
    metric = serializers.CharField()
    value = serializers.FloatField()


class AdviceItemSerializer(serializers.Serializer):
    cause = serializers.ChoiceField(choices=sorted(CAUSES))
    severity = serializers.ChoiceField(choices=SEVERITIES)
    title = serializers.CharField()
    detail = serializers.CharField()
    region = serializers.ChoiceField(choices=PainRegion.choices, allow_null=True)
    evidence = EvidenceSerializer(many=True)
    source_section = serializers.CharField()


class AthleteQuery(serializers.Serializer):
    athlete = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text="A linked athlete's id (a coach asking); default: yourself.",
    )


class AdviceView(APIView):
    @extend_schema(parameters=[AthleteQuery], responses=AdviceItemSerializer(many=True))
    def get(self, request: Request) -> Response:
        raw = single(request, "athlete")
        # Plain digits only: DRF's IntegerField would also take "", "1.0" and "+1".
        if raw is not None and not (raw.isascii() and raw.isdigit()):
            raise ValidationError({"athlete": ["A user id: a whole number from 1."]})
        query = AthleteQuery(data={} if raw is None else {"athlete": raw})
        query.is_valid(raise_exception=True)
        wanted = query.validated_data.get("athlete")
        me = signed_in(request)
        if wanted is None or wanted == me.pk:
            items = advice_for(me)
            return Response([item.as_dict() for item in items])
        # A coach with an active link sees the athlete's advice (for the athlete's own date,
        # as the athlete does), worded about them; anyone else, an ended link, or an unknown
        # id: the same 404.
        athlete = coached_athlete_or_none(me, wanted)
        if athlete is None:
            raise NotFound("No such athlete.")
        access_record(viewer=me, athlete_ids=[athlete.pk], what="advice (API)")
        items = advice_for(athlete, coach=True)
        return Response([item.as_dict() for item in items])
