"""GET /api/v1/athletes/: the coach's roster, the same rows as the roster page.

Anyone signed in may ask; the answer holds only athletes linked to the caller as their coach
(an athlete who coaches nobody gets an empty list), most in need of attention first.
"""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.services import access_record
from advice.causes import CAUSES
from advice.items import SEVERITIES
from advice.services import REASON_CODES
from coaching import queries
from coaching.roster import ATTENTION, FLAGS, RosterRow
from thrustlog.http import signed_in
from tracker.api.fields import StrictCharField
from tracker.api.pagination import PagePagination, single
from tracker.choices import PainRegion, RedFlag

_KG: dict[str, Any] = {"max_digits": 12, "decimal_places": 2}


class RosterQuery(serializers.Serializer):
    q = StrictCharField(
        required=False, max_length=queries.SEARCH_MAX, help_text="Part of a username or name."
    )
    flag = serializers.ChoiceField(
        choices=FLAGS, required=False, help_text="Only the athletes carrying this flag."
    )


class PainSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=0, max_value=10)
    region = serializers.ChoiceField(choices=PainRegion.choices)


class HeadlineSerializer(serializers.Serializer):
    cause = serializers.ChoiceField(choices=sorted(CAUSES))
    severity = serializers.ChoiceField(choices=SEVERITIES)
    title = serializers.CharField()
    region = serializers.ChoiceField(choices=PainRegion.choices, allow_null=True)


class ReasonSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=REASON_CODES)
    text = serializers.CharField()


class RosterRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="athlete_id")
    username = serializers.CharField()
    name = serializers.CharField()
    last_session_date = serializers.DateField(allow_null=True)
    volume_this_week_kg = serializers.DecimalField(source="volume_week_kg", **_KG)
    volume_4_week_average_kg = serializers.DecimalField(
        source="volume_average_kg",
        allow_null=True,
        help_text="Mean weekly volume of the logged weeks among the 4 before this one "
        "(null with fewer than 2).",
        **_KG,
    )
    worst_pain_7_days = serializers.SerializerMethodField()
    red_flags = serializers.ListField(
        child=serializers.ChoiceField(choices=RedFlag.choices),
        help_text="Red-flag symptoms reported and not marked as gone since, however long ago.",
    )
    advice_headline = HeadlineSerializer(source="headline", allow_null=True)
    flags = serializers.ListField(
        source="flags_in_order", child=serializers.ChoiceField(choices=FLAGS)
    )
    attention = serializers.ChoiceField(
        choices=ATTENTION,
        help_text="The roster's order: referral, caution, trend (rising pain, a load change, "
        "a missing check-in, logging dropped), stopped (no session for 14 days), other.",
    )
    reasons = serializers.SerializerMethodField(
        help_text="Why to look now, most urgent first (the roster's badge is the first)."
    )

    @extend_schema_field(ReasonSerializer(many=True))
    def get_reasons(self, row: RosterRow) -> list[dict[str, str]]:
        return [{"code": code, "text": text} for code, text in row.reasons]

    @extend_schema_field(PainSerializer(allow_null=True))
    def get_worst_pain_7_days(self, row: RosterRow) -> dict | None:
        if row.worst_pain is None:
            return None
        score, region = row.worst_pain
        return {"score": score, "region": region}


class AthletesView(GenericAPIView):
    serializer_class = RosterRowSerializer
    pagination_class = PagePagination

    @extend_schema(
        summary="Your athletes (coaches)",
        parameters=[RosterQuery],
        responses=RosterRowSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        given = {name: single(request, name) for name in ("q", "flag")}
        query = RosterQuery(data={k: v for k, v in given.items() if v is not None})
        query.is_valid(raise_exception=True)
        rows = queries.roster(
            signed_in(request),
            today=timezone.localdate(),
            search=query.validated_data.get("q", ""),
            flag=query.validated_data.get("flag", ""),
        )
        page: list[RosterRow] = self.paginate_queryset(rows) or []  # type: ignore[arg-type]
        athlete_ids = [row.athlete_id for row in page]
        access_record(
            viewer=signed_in(request), athlete_ids=athlete_ids, what="roster summary (API)"
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
