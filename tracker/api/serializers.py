"""The log's JSON: input serializers validate what a client sends, output serializers describe
what it gets back. Writing is the services' job (tracker.services); nothing here saves.

Inputs are strict (tracker.api.fields): wrong JSON types, unknown vocabulary values and another
athlete's ids are 400s naming the field. Fields an input does not know are ignored.
"""

import datetime
from typing import Any

from django.db.models import TextChoices
from rest_framework import serializers

from tracker import queries
from tracker.api.fields import (
    OwnIdField,
    OwnPrimaryKeyField,
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
    StrictDateField,
    StrictDecimalField,
    StrictIntegerField,
    StrictUUIDField,
)
from tracker.choices import (
    Equipment,
    Exercise,
    FootDistance,
    Padding,
    PainCharacter,
    PainRegion,
    PainSide,
    PainTiming,
    RedFlag,
    StanceWidth,
)
from tracker.models import MAX_LOAD_KG, MAX_REPS, PainReport, Set, TrainingSession
from tracker.validators import session_date_problem

MAX_PAIN_PER_SET = 20
SIDE_HELP = "left, right or both (an extension of the contract); blank or absent: not said."


def _optional_client_id() -> StrictUUIDField:
    return StrictUUIDField(
        required=False,
        allow_null=True,
        help_text="Chosen by the client; repeating it returns the stored object (200).",
    )


# --- input ----------------------------------------------------------------------------------


class SessionChangeSerializer(serializers.Serializer):
    """The fields of a session a client may change (PATCH)."""

    date = StrictDateField(
        help_text="The day trained: from 1900-01-01 to one day after the athlete's today."
    )
    bench_height_cm = StrictIntegerField(
        min_value=10, max_value=120, required=False, allow_null=True
    )
    bench_stable = StrictBooleanField(required=False, allow_null=True)
    notes = StrictCharField(required=False, allow_blank=True, max_length=2000)
    symptoms = serializers.ListField(
        child=StrictChoiceField(RedFlag),
        required=False,
        max_length=len(RedFlag.values),
        help_text="Red-flag symptoms; on a change, the full new list.",
    )

    def validate_date(self, value: datetime.date) -> datetime.date:
        today = queries.today_for(self.context["request"].user)
        problem = session_date_problem(value, today=today)
        if problem is not None:
            raise serializers.ValidationError(problem)
        return value


class SessionInputSerializer(SessionChangeSerializer):
    """A new session (POST)."""

    client_id = _optional_client_id()


class PainEntrySerializer(serializers.Serializer):
    """Pain felt in one region during a set."""

    region = StrictChoiceField(PainRegion)
    score = StrictIntegerField(min_value=0, max_value=10, help_text="0 none .. 10 worst.")
    character = StrictChoiceField(PainCharacter, required=False, allow_blank=True)
    side = StrictChoiceField(PainSide, required=False, allow_blank=True, help_text=SIDE_HELP)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # A PATCH validates partially, and DRF passes that on to nested entries; an entry of
        # a set's new pain list must still be whole.
        missing = [name for name, f in self.fields.items() if f.required and name not in attrs]
        if missing:
            message = serializers.Field.default_error_messages["required"]
            raise serializers.ValidationError({name: [message] for name in missing})
        return attrs


class SetChangeSerializer(serializers.Serializer):
    """The fields of a set a client may change (PATCH). `pain` replaces the set's pain."""

    exercise = StrictChoiceField(Exercise, required=False)
    exercise_name = StrictCharField(
        required=False, allow_blank=True, max_length=100, help_text="Names an 'other' exercise."
    )
    load_kg = StrictDecimalField(
        max_digits=6,
        decimal_places=2,
        min_value=0,
        max_value=MAX_LOAD_KG,
        help_text="Kilograms, at most 2 decimals.",
    )
    reps = StrictIntegerField(min_value=1, max_value=MAX_REPS)
    rir = StrictIntegerField(min_value=0, max_value=10, required=False, allow_null=True)
    foot_distance = StrictChoiceField(FootDistance)
    stance_width = StrictChoiceField(StanceWidth)
    padding = StrictChoiceField(Padding)
    equipment = StrictChoiceField(Equipment)
    # A ListField rather than many=True: the schema generator documents its maxItems.
    pain = serializers.ListField(
        child=PainEntrySerializer(),
        required=False,
        max_length=MAX_PAIN_PER_SET,
        help_text="Pain felt in the set, stored as pain reports with timing `during`.",
    )


class SetInputSerializer(SetChangeSerializer):
    """A new set (POST): the set and its pain are stored together or not at all. The session
    is checked by the insert itself (tracker.services.set_log), not read first."""

    session = OwnIdField(model=TrainingSession, owned=queries.sessions_of)
    client_id = _optional_client_id()


class PainReportChangeSerializer(serializers.Serializer):
    """The fields of a pain report a client may change (PATCH)."""

    region = StrictChoiceField(PainRegion)
    score = StrictIntegerField(min_value=0, max_value=10, help_text="0 none .. 10 worst.")
    timing = StrictChoiceField(PainTiming)
    character = StrictChoiceField(PainCharacter, required=False, allow_blank=True)
    side = StrictChoiceField(PainSide, required=False, allow_blank=True, help_text=SIDE_HELP)


class PainReportInputSerializer(PainReportChangeSerializer):
    """A new pain report (POST), optionally tied to one of the session's sets."""

    session = OwnPrimaryKeyField(model=TrainingSession, owned=queries.sessions_of)
    set = OwnPrimaryKeyField(model=Set, owned=queries.sets_of, required=False, allow_null=True)
    client_id = _optional_client_id()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        logged_set = attrs.get("set")
        if logged_set is not None and logged_set.session_id != attrs["session"].pk:
            raise serializers.ValidationError({"set": ["That set is not part of this session."]})
        return attrs


# --- output ---------------------------------------------------------------------------------


def _maybe_blank(choices: type[TextChoices]) -> serializers.ChoiceField:
    # Blank means "not said" (a pain without a character, a set imported without its setup).
    # Read-only model fields lose allow_blank, and the schema must still allow "" in answers.
    return serializers.ChoiceField(choices=choices.choices, allow_blank=True, read_only=True)


class PainReportSerializer(serializers.ModelSerializer):
    character = _maybe_blank(PainCharacter)
    side = _maybe_blank(PainSide)

    class Meta:
        model = PainReport
        fields = ["id", "session", "set", "region", "score", "timing", "character", "side"]
        fields += ["client_id", "created"]
        read_only_fields = fields


class SetPainSerializer(serializers.ModelSerializer):
    """A pain report as part of its set."""

    character = _maybe_blank(PainCharacter)
    side = _maybe_blank(PainSide)

    class Meta:
        model = PainReport
        fields = ["id", "region", "score", "timing", "character", "side"]
        read_only_fields = fields


class SetSerializer(serializers.ModelSerializer):
    foot_distance = _maybe_blank(FootDistance)
    stance_width = _maybe_blank(StanceWidth)
    padding = _maybe_blank(Padding)
    equipment = _maybe_blank(Equipment)
    pain = SetPainSerializer(source="pain_reports", many=True, read_only=True)

    class Meta:
        model = Set
        fields = ["id", "session", "position", "exercise", "exercise_name", "load_kg", "reps"]
        fields += ["rir", "foot_distance", "stance_width", "padding", "equipment", "pain"]
        fields += ["client_id", "created", "updated"]
        read_only_fields = fields


class SessionSerializer(serializers.ModelSerializer):
    """A session with everything logged in it: the shape of the detail, list and export."""

    symptoms: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="kind"
    )
    sets = SetSerializer(many=True, read_only=True)
    pain_reports = PainReportSerializer(many=True, read_only=True)

    class Meta:
        model = TrainingSession
        fields = ["id", "date", "bench_height_cm", "bench_stable", "notes", "symptoms"]
        fields += ["finished_at", "client_id", "sets", "pain_reports", "created", "updated"]
        read_only_fields = fields


class SessionFilterSerializer(serializers.Serializer):
    """`?from=` and `?to=` on the session list, both days included."""

    def get_fields(self) -> dict[str, serializers.Field]:
        # "from" is a Python keyword, so the fields cannot be class attributes.
        return {"from": StrictDateField(required=False), "to": StrictDateField(required=False)}
