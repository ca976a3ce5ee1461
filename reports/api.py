"""The report, share links and experiments over the API (/api/v1/report/, /share-links/,
/experiments/). Loads are kilograms, as everywhere in the API; another athlete's link or
experiment is a 404."""

import datetime as dt
import re
import uuid
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from advice.api import AdviceItemSerializer
from advice.causes import CAUSES
from advice.experiments import VERDICTS, Outcome, outcome_text
from advice.services import voice_for
from reports import queries, services
from reports.forms import VALUES
from reports.models import ChangeField, Experiment, ShareLink
from reports.report import DEFAULT_WEEKS, MAX_WEEKS, Period, Report
from reports.services import LINK_DAYS
from thrustlog.http import signed_in
from tracker import queries as log
from tracker.api.fields import (
    MAX_ID,
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
    StrictDateField,
    StrictIntegerField,
    StrictUUIDField,
)
from tracker.api.pagination import single
from tracker.api.schema import ErrorSerializer
from tracker.choices import PainRegion
from tracker.validators import EARLIEST_SESSION_DATE

_DIGITS = re.compile(r"[0-9]{1,2}")

# --- the report ------------------------------------------------------------------------------


class PainWeekSerializer(serializers.Serializer):
    week = serializers.DateField(help_text="The Monday of the week.")
    during = serializers.IntegerField(allow_null=True, help_text="Worst score in a set.")
    after = serializers.IntegerField(allow_null=True, help_text="Worst after the session.")
    next_day = serializers.IntegerField(allow_null=True, help_text="Worst the next morning.")
    reports = serializers.IntegerField()


class RegionPainSerializer(serializers.Serializer):
    region = serializers.ChoiceField(choices=PainRegion.choices)
    reports = serializers.IntegerField()
    worst = serializers.IntegerField()
    weeks = PainWeekSerializer(many=True)


class LoadWeekSerializer(serializers.Serializer):
    week = serializers.DateField()
    top_kg = serializers.DecimalField(max_digits=8, decimal_places=2)
    volume_kg = serializers.DecimalField(max_digits=12, decimal_places=2)
    sets = serializers.IntegerField()
    sessions = serializers.IntegerField()
    change = serializers.CharField(help_text='"load jump: ...", "lighter: ..." or empty.')


class SetupSpanSerializer(serializers.Serializer):
    first = serializers.DateField()
    last = serializers.DateField()
    sessions = serializers.IntegerField()
    setup = serializers.DictField(child=serializers.CharField(), source="values")
    text = serializers.CharField()
    changed = serializers.ListField(child=serializers.CharField(), source="changed_fields")


class FlagSerializer(serializers.Serializer):
    symptom = serializers.CharField()
    reported = serializers.ListField(child=serializers.DateField())
    resolved_on = serializers.DateField(allow_null=True)


class NoteSerializer(serializers.Serializer):
    date = serializers.DateField()
    author = serializers.CharField()
    about = serializers.CharField()
    text = serializers.CharField()


class SideSerializer(serializers.Serializer):
    first = serializers.DateField()
    last = serializers.DateField()
    sessions = serializers.IntegerField()
    reports = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True, help_text="Mean of the sessions' worst.")


class RegionOutcomeSerializer(serializers.Serializer):
    region = serializers.ChoiceField(choices=PainRegion.choices)
    verdict = serializers.ChoiceField(choices=VERDICTS)
    before = SideSerializer()
    after = SideSerializer()


class OutcomeSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=VERDICTS)
    text = serializers.CharField()
    days_after = serializers.IntegerField()
    result_from = serializers.DateField()
    regions = RegionOutcomeSerializer(many=True)


class ExperimentSerializer(serializers.ModelSerializer):
    change = serializers.SerializerMethodField()
    regions = serializers.ListField(child=serializers.ChoiceField(choices=PainRegion.choices))
    result = serializers.SerializerMethodField()

    class Meta:
        model = Experiment
        fields = [
            "id",
            "started_on",
            "change",
            "field",
            "value",
            "description",
            "regions",
            "cause",
            "source",
            "client_id",
            "created",
            "result",
        ]
        read_only_fields = fields

    def get_change(self, experiment: Experiment) -> str:
        """As it is recorded: "padding:thick", "load:lighter", "other"."""
        if experiment.field == ChangeField.OTHER:
            return ChangeField.OTHER
        return f"{experiment.field}:{experiment.value}"

    @extend_schema_field(OutcomeSerializer(allow_null=True))
    def get_result(self, experiment: Experiment) -> dict[str, Any] | None:
        outcome: Outcome | None = self.context.get("outcomes", {}).get(experiment.pk)
        if outcome is None:
            return None
        return outcome_dict(outcome, self.context.get("texts", {}).get(experiment.pk, ""))


def outcome_dict(outcome: Outcome, text: str) -> dict[str, Any]:
    def side(s: Any) -> dict[str, Any]:
        mean = None if s.mean is None else round(s.mean, 2)
        return {**vars(s), "mean": mean}

    return {
        "verdict": outcome.verdict,
        "text": text,
        "days_after": outcome.days_after,
        "result_from": outcome.result_from,
        "regions": [
            {
                "region": r.region,
                "verdict": r.verdict,
                "before": side(r.before),
                "after": side(r.after),
            }
            for r in outcome.regions
        ],
    }


class ReportExperimentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    started_on = serializers.DateField()
    change = serializers.CharField()
    # A field named like a Field attribute: DRF's metaclass takes it; the stubs cannot know.
    source = serializers.CharField()  # type: ignore[assignment]
    result = OutcomeSerializer()


class ReportSerializer(serializers.Serializer):
    athlete = serializers.CharField()
    unit = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    generated_on = serializers.DateField()
    regions = RegionPainSerializer(many=True)
    loads = LoadWeekSerializer(many=True)
    setups = SetupSpanSerializer(many=True)
    red_flags = FlagSerializer(many=True)
    advice = AdviceItemSerializer(many=True)
    experiments = ReportExperimentSerializer(many=True)
    notes = NoteSerializer(many=True)


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "athlete": report.athlete,
        "unit": report.unit,
        "start": report.period.start,
        "end": report.period.end,
        "generated_on": report.generated_on,
        "regions": [
            {
                "region": r.region,
                "reports": r.reports,
                "worst": r.worst,
                "weeks": [{"week": w.week, **w.worst, "reports": w.reports} for w in r.weeks],
            }
            for r in report.regions
        ],
        "loads": report.loads,
        "setups": report.setups,
        "red_flags": report.flags,
        "advice": [item.as_dict() for item in report.advice],
        "experiments": [
            {
                "id": e.id,
                "started_on": e.started_on,
                "change": e.change,
                "source": e.source,
                "result": outcome_dict(e.outcome, e.text),
            }
            for e in report.experiments
        ],
        "notes": report.notes,
    }


class ReportQuery(serializers.Serializer):
    weeks = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_WEEKS,
        help_text=f"The last weeks up to your today (default {DEFAULT_WEEKS}).",
    )


def _period(request: Request, today: date) -> Period:
    raw = single(request, "weeks")
    # Plain digits only: DRF's IntegerField would also take "8.0" and "+8".
    if raw is not None and not _DIGITS.fullmatch(raw):
        raise ValidationError({"weeks": [f"A whole number of weeks from 1 to {MAX_WEEKS}."]})
    query = ReportQuery(data={} if raw is None else {"weeks": raw})
    query.is_valid(raise_exception=True)
    return Period.last_weeks(query.validated_data.get("weeks", DEFAULT_WEEKS), today)


class ReportView(APIView):
    @extend_schema(
        summary="Your report for a clinician",
        description="The data of the report page and PDF for the last `weeks` weeks (default "
        "8) up to your today (the page also takes any start and end). Loads in kilograms.",
        parameters=[ReportQuery],
        responses=ReportSerializer,
    )
    def get(self, request: Request) -> Response:
        period = _period(request, log.today_for(signed_in(request)))
        report = queries.report_for(signed_in(request), period)
        return Response(ReportSerializer(report_dict(report)).data)


# --- share links -----------------------------------------------------------------------------


class ShareLinkSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    state = serializers.SerializerMethodField()
    openings = serializers.SerializerMethodField()

    class Meta:
        model = ShareLink
        fields = [
            "id",
            "label",
            "weeks",
            "include_charts",
            "include_notes",
            "created",
            "expires_at",
            "revoked_at",
            "state",
            "openings",
        ]
        read_only_fields = fields

    def get_state(self, link: ShareLink) -> str:
        if link.revoked_at:
            return "revoked"
        return "expired" if link.expires_at <= timezone.now() else "live"

    @extend_schema(responses=serializers.ListField(child=serializers.DateTimeField()))
    def get_openings(self, link: ShareLink) -> list[str]:
        field = serializers.DateTimeField()
        return [field.to_representation(o.record.at) for o in link.openings.all()]


class NewShareLinkSerializer(ShareLinkSerializer):
    token = serializers.CharField(read_only=True, help_text="Shown once; only its hash is kept.")
    url = serializers.CharField(read_only=True, help_text="The link to send.")

    class Meta(ShareLinkSerializer.Meta):
        fields = [*ShareLinkSerializer.Meta.fields, "token", "url"]
        read_only_fields = fields


class StrictNumberChoiceField(serializers.ChoiceField):
    """One of a few whole numbers, sent as a JSON number ("7" is refused)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid_choice", input=data)
        return super().to_internal_value(data)


class ShareLinkInputSerializer(serializers.Serializer):
    # A field, as `source` above.
    label = StrictCharField(  # type: ignore[assignment]
        max_length=80, trim_whitespace=False, help_text="Who it is for (shown to you only)."
    )
    days = StrictNumberChoiceField(choices=LINK_DAYS, help_text="How long it works: 7 or 30.")
    weeks = StrictIntegerField(min_value=1, max_value=MAX_WEEKS, required=False)
    include_charts = StrictBooleanField(required=False)
    include_notes = StrictBooleanField(required=False)


class ShareLinksView(APIView):
    @extend_schema(summary="Your share links", responses=ShareLinkSerializer(many=True))
    def get(self, request: Request) -> Response:
        links = queries.share_links_of(signed_in(request))
        return Response(ShareLinkSerializer(links, many=True).data)

    @extend_schema(
        summary="Make a share link",
        request=ShareLinkInputSerializer,
        responses={201: NewShareLinkSerializer, 409: ErrorSerializer},
        description="201 with the link's URL and token: shown this once, only a hash is kept. "
        "409 when 10 links still work: revoke one first.",
    )
    def post(self, request: Request) -> Response:
        given = ShareLinkInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            new = services.share_link_create(
                athlete=signed_in(request),
                label=data["label"],
                days=data["days"],
                weeks=data.get("weeks", DEFAULT_WEEKS),
                include_charts=data.get("include_charts", False),
                include_notes=data.get("include_notes", True),
            )
        except services.ShareLinkError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        answer = NewShareLinkSerializer(new.link).data
        answer["token"] = new.token
        answer["url"] = request.build_absolute_uri(
            reverse("reports:shared_report", args=[new.token])
        )
        return Response(answer, status=status.HTTP_201_CREATED)


def _link_id(public_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(public_id)
    except ValueError:
        raise NotFound("No such link.") from None


LINK_ID = OpenApiParameter("public_id", OpenApiTypes.UUID, OpenApiParameter.PATH)


class ShareLinkView(APIView):
    @extend_schema(
        summary="One of your share links", parameters=[LINK_ID], responses=ShareLinkSerializer
    )
    def get(self, request: Request, public_id: str) -> Response:
        link = (
            queries.share_links_of(signed_in(request)).filter(public_id=_link_id(public_id)).first()
        )
        if link is None:
            raise NotFound("No such link.")
        return Response(ShareLinkSerializer(link).data)

    @extend_schema(summary="Revoke a share link", parameters=[LINK_ID], responses={204: None})
    def delete(self, request: Request, public_id: str) -> Response:
        if not services.share_link_revoke(
            athlete=signed_in(request), public_id=_link_id(public_id)
        ):
            raise NotFound("No such live link.")
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- experiments -----------------------------------------------------------------------------


# Every change the API takes, as one value: "padding:thick", "load:lighter", "other". One
# field rather than a field and a value, so that every value the schema allows is valid.
CHANGES = [f"{field}:{value}" for field, values in VALUES.items() for value in values.values]
CHANGES.append(ChangeField.OTHER)


class ExperimentInputSerializer(serializers.Serializer):
    date = StrictDateField(help_text="The day of the change, up to your tomorrow.")
    change = serializers.ChoiceField(
        choices=CHANGES,
        help_text='What changed to what: "padding:thick", "foot_distance:shins_vertical", '
        '"load:lighter", ... or "other" (then say what in `description`).',
    )
    regions = serializers.ListField(
        child=StrictChoiceField(PainRegion),
        min_length=1,
        max_length=len(PainRegion),
        help_text="The pain it is meant to help.",
    )
    description = StrictCharField(max_length=200, required=False, allow_blank=True)
    cause = serializers.ChoiceField(
        choices=["", *sorted(CAUSES)],
        required=False,
        allow_blank=True,
        help_text="The advice cause it answers, if any.",
    )
    client_id = StrictUUIDField(
        required=False,
        allow_null=True,
        help_text="Chosen by the client; repeating it returns the stored object (200).",
    )

    def validate_date(self, value: dt.date) -> dt.date:
        # The bound of every date the athlete gives: 1900-01-01 to their today plus one day.
        latest = log.today_for(self.context["request"].user) + timedelta(days=1)
        if not EARLIEST_SESSION_DATE <= value <= latest:
            raise ValidationError(f"A date from 1900-01-01 to {latest.isoformat()}.")
        return value

    def validate_change(self, value: Any) -> str:
        if not isinstance(value, str):
            raise ValidationError("One of the listed changes.")
        return value


def _experiments_answer(request: Request, experiments: list[Experiment], many: bool) -> Any:
    today, unit = log.calendar_of(signed_in(request))
    voice = voice_for(signed_in(request), unit)
    outcomes = {e.pk: o for e, o in queries.outcomes_for(signed_in(request), experiments, today)}
    context = {
        "outcomes": outcomes,
        "texts": {pk: outcome_text(o, voice) for pk, o in outcomes.items()},
    }
    data = ExperimentSerializer(experiments, many=True, context=context).data
    return data if many else data[0]


class ExperimentsView(APIView):
    @extend_schema(
        summary="Your experiments and their results",
        description="Changes you recorded or the log showed, newest first, each compared: the "
        "regions' pain in the four weeks before against the first four weeks from it.",
        responses=ExperimentSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        services.experiments_sync(
            athlete=signed_in(request), today=log.today_for(signed_in(request))
        )
        experiments = list(queries.experiments_of(signed_in(request)))
        return Response(_experiments_answer(request, experiments, many=True))

    @extend_schema(
        summary="Record an experiment",
        request=ExperimentInputSerializer,
        responses={201: ExperimentSerializer, 200: ExperimentSerializer},
        description="201 when stored; 200 with the stored one when its client_id, or the same "
        "change on the same day, was recorded before.",
    )
    def post(self, request: Request) -> Response:
        given = ExperimentInputSerializer(data=request.data, context={"request": request})
        given.is_valid(raise_exception=True)
        data = given.validated_data
        field, _, value = data["change"].partition(":")
        experiment, created = services.experiment_record(
            athlete=signed_in(request),
            started_on=data["date"],
            field=field,
            value=value,
            regions=data["regions"],
            description=data.get("description", ""),
            cause=data.get("cause", ""),
            client_id=data.get("client_id"),
        )
        answer = _experiments_answer(request, [experiment], many=False)
        return Response(answer, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


EXPERIMENT_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


def _own_experiment(request: Request, pk: str) -> Experiment:
    experiment = None
    if pk.isascii() and pk.isdigit() and len(pk) <= 19 and 1 <= int(pk) <= MAX_ID:
        experiment = queries.experiments_of(signed_in(request)).filter(pk=int(pk)).first()
    if experiment is None:
        raise NotFound("No such experiment.")
    return experiment


class ExperimentView(APIView):
    @extend_schema(
        summary="One experiment and its result",
        parameters=[EXPERIMENT_ID],
        responses=ExperimentSerializer,
    )
    def get(self, request: Request, pk: str) -> Response:
        experiment = _own_experiment(request, pk)
        return Response(_experiments_answer(request, [experiment], many=False))

    @extend_schema(
        summary="Remove an experiment",
        description="Yours is deleted; one the log showed is dismissed (not found again).",
        parameters=[EXPERIMENT_ID],
        responses={204: None},
    )
    def delete(self, request: Request, pk: str) -> Response:
        services.experiment_remove(
            athlete=signed_in(request), experiment=_own_experiment(request, pk)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
