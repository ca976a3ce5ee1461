"""The report, share links and experiments over the API (/api/v1/report/, /share-links/,
/experiments/). Loads are kilograms, as everywhere in the API; another athlete's link or
experiment is a 404."""

import re
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
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
from tracker.choices import PainRegion
from tracker.validators import EARLIEST_SESSION_DATE

_DIGITS = re.compile(r"[0-9]{1,2}")
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

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
    result = serializers.SerializerMethodField()

    class Meta:
        model = Experiment
        fields = [
            "id",
            "started_on",
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

    @extend_schema(responses=OutcomeSerializer)  # type: ignore[misc]
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
    source = serializers.CharField()
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


def _period(request: Request, today: date) -> Period:
    raw = {name: single(request, name) for name in ("weeks", "start", "end")}
    errors: dict[str, list[str]] = {}
    weeks = DEFAULT_WEEKS
    if raw["weeks"] is not None:
        if not _DIGITS.fullmatch(raw["weeks"]) or not 1 <= int(raw["weeks"]) <= MAX_WEEKS:
            errors["weeks"] = [f"A whole number of weeks from 1 to {MAX_WEEKS}."]
        else:
            weeks = int(raw["weeks"])
    days: dict[str, date | None] = {}
    for name in ("start", "end"):
        days[name] = None
        if raw[name] is not None:
            try:
                if not _ISO.fullmatch(raw[name] or ""):
                    raise ValueError
                days[name] = date.fromisoformat(raw[name] or "")
            except ValueError:
                errors[name] = ["A date, YYYY-MM-DD."]
    end, start = days["end"] or today, days["start"]
    if "end" not in errors and not EARLIEST_SESSION_DATE <= end <= today:
        errors["end"] = [f"A date from 1900-01-01 to {today.isoformat()}."]
    if start is not None and not errors and not EARLIEST_SESSION_DATE <= start <= end:
        errors["start"] = ["A date from 1900-01-01 to the end of the period."]
    if start is not None and not errors and (end - start).days > MAX_WEEKS * 7:
        errors["start"] = ["A period of at most a year."]
    if errors:
        raise ValidationError(errors)
    return Period(start, end) if start else Period.last_weeks(weeks, end)


class ReportView(APIView):
    @extend_schema(
        summary="Your report for a clinician",
        description="The data of the report page and PDF for a period: the last `weeks` weeks "
        "(default 8), or `start` to `end` (default: today). Loads in kilograms.",
        parameters=[
            OpenApiParameter("weeks", int, description="1 to 52 (default 8)."),
            OpenApiParameter("start", date, description="First day (overrides weeks)."),
            OpenApiParameter("end", date, description="Last day (default: your today)."),
        ],
        responses=ReportSerializer,
    )
    def get(self, request: Request) -> Response:
        period = _period(request, log.today_for(request.user))
        report = queries.report_for(request.user, period)
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

    @extend_schema(  # type: ignore[misc]
        responses=serializers.ListField(child=serializers.DateTimeField())
    )
    def get_openings(self, link: ShareLink) -> list[str]:
        field = serializers.DateTimeField()
        return [field.to_representation(o.record.at) for o in link.openings.all()]


class NewShareLinkSerializer(ShareLinkSerializer):
    token = serializers.CharField(read_only=True, help_text="Shown once; only its hash is kept.")
    url = serializers.CharField(read_only=True, help_text="The link to send.")

    class Meta(ShareLinkSerializer.Meta):
        fields = [*ShareLinkSerializer.Meta.fields, "token", "url"]
        read_only_fields = fields


class ShareLinkInputSerializer(serializers.Serializer):
    label = StrictCharField(max_length=80, help_text="Who it is for (shown to you only).")
    days = serializers.ChoiceField(choices=LINK_DAYS, help_text="How long it works: 7 or 30.")
    weeks = StrictIntegerField(min_value=1, max_value=MAX_WEEKS, required=False)
    include_charts = StrictBooleanField(required=False)
    include_notes = StrictBooleanField(required=False)

    def validate_days(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError("7 or 30.")
        return value

    def validate_label(self, value: str) -> str:
        if not value.strip():
            raise ValidationError("Say who the link is for.")
        return value


class ShareLinksView(APIView):
    @extend_schema(summary="Your share links", responses=ShareLinkSerializer(many=True))
    def get(self, request: Request) -> Response:
        links = queries.share_links_of(request.user)
        return Response(ShareLinkSerializer(links, many=True).data)

    @extend_schema(
        summary="Make a share link",
        request=ShareLinkInputSerializer,
        responses={201: NewShareLinkSerializer},
        description="201 with the link's URL and token: shown this once, only a hash is kept.",
    )
    def post(self, request: Request) -> Response:
        given = ShareLinkInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            new = services.share_link_create(
                athlete=request.user,
                label=data["label"],
                days=data["days"],
                weeks=data.get("weeks", DEFAULT_WEEKS),
                include_charts=data.get("include_charts", False),
                include_notes=data.get("include_notes", True),
            )
        except services.ShareLinkError as error:
            raise ValidationError({"non_field_errors": [str(error)]}) from error
        answer = NewShareLinkSerializer(new.link).data
        answer["token"] = new.token
        answer["url"] = request.build_absolute_uri(
            reverse("reports:shared_report", args=[new.token])
        )
        return Response(answer, status=status.HTTP_201_CREATED)


class ShareLinkView(APIView):
    @extend_schema(summary="One of your share links", responses=ShareLinkSerializer)
    def get(self, request: Request, public_id: Any) -> Response:
        link = queries.share_links_of(request.user).filter(public_id=public_id).first()
        if link is None:
            raise NotFound("No such link.")
        return Response(ShareLinkSerializer(link).data)

    @extend_schema(summary="Revoke a share link", responses={204: None})
    def delete(self, request: Request, public_id: Any) -> Response:
        if not services.share_link_revoke(athlete=request.user, public_id=public_id):
            raise NotFound("No such live link.")
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- experiments -----------------------------------------------------------------------------


class ExperimentInputSerializer(serializers.Serializer):
    started_on = StrictDateField(help_text="The day of the change (default: your today).")
    field = StrictChoiceField(ChangeField)
    value = StrictCharField(
        max_length=16,
        required=False,
        allow_blank=True,
        help_text="The new setting: a padding, foot_distance, stance_width or equipment value, "
        '"lighter" or "heavier" for load; empty for other.',
    )
    regions = serializers.ListField(
        child=StrictChoiceField(PainRegion), min_length=1, max_length=len(PainRegion)
    )
    description = StrictCharField(max_length=200, required=False, allow_blank=True)
    cause = StrictCharField(max_length=40, required=False, allow_blank=True)
    client_id = StrictUUIDField(required=False, allow_null=True)

    def validate_started_on(self, value: date) -> date:
        today = log.today_for(self.context["request"].user)
        if not EARLIEST_SESSION_DATE <= value <= today:
            raise ValidationError(f"A date from 1900-01-01 to {today.isoformat()}.")
        return value

    def validate_cause(self, value: str) -> str:
        if value and value not in CAUSES:
            raise ValidationError("A cause id of the advice.")
        return value

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        field, value = data["field"], data.get("value", "")
        if field in VALUES and value not in VALUES[field].values:
            choices = ", ".join(VALUES[field].values)
            raise ValidationError({"value": [f"For {field}: one of {choices}."]})
        if field == ChangeField.OTHER:
            if value:
                raise ValidationError({"value": ["Leave it empty for other."]})
            if not data.get("description", "").strip():
                raise ValidationError({"description": ["Say what you changed."]})
        return data


def _experiments_answer(request: Request, experiments: list[Experiment], many: bool) -> Any:
    today, unit = log.calendar_of(request.user)
    voice = voice_for(request.user, unit)
    outcomes = {e.pk: o for e, o in queries.outcomes_for(request.user, experiments, today)}
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
        services.experiments_sync(athlete=request.user, today=log.today_for(request.user))
        experiments = list(queries.experiments_of(request.user))
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
        experiment, created = services.experiment_record(
            athlete=request.user,
            started_on=data["started_on"],
            field=data["field"],
            value=data.get("value", ""),
            regions=data["regions"],
            description=data.get("description", ""),
            cause=data.get("cause", ""),
            client_id=data.get("client_id"),
        )
        answer = _experiments_answer(request, [experiment], many=False)
        return Response(answer, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def _own_experiment(request: Request, pk: int) -> Experiment:
    experiment = None
    if 1 <= pk <= MAX_ID:
        experiment = queries.experiments_of(request.user).filter(pk=pk).first()
    if experiment is None:
        raise NotFound("No such experiment.")
    return experiment


class ExperimentView(APIView):
    @extend_schema(summary="One experiment and its result", responses=ExperimentSerializer)
    def get(self, request: Request, pk: int) -> Response:
        experiment = _own_experiment(request, pk)
        return Response(_experiments_answer(request, [experiment], many=False))

    @extend_schema(
        summary="Remove an experiment",
        description="Yours is deleted; one the log showed is dismissed (not found again).",
        responses={204: None},
    )
    def delete(self, request: Request, pk: int) -> Response:
        services.experiment_remove(athlete=request.user, experiment=_own_experiment(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
