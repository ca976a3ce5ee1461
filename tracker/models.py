"""The training log. Loads are stored in kilograms; units are a display preference only."""

import datetime as dt
import json
import zoneinfo
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

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
    Unit,
)

MAX_LOAD_KG = Decimal("1000")
MAX_REPS = 100
TIME_ZONES = sorted(zoneinfo.available_timezones())


def _in_choices(field: str, choices: type[models.TextChoices], *, blank: bool = False) -> Q:
    values = [*choices.values, ""] if blank else choices.values
    return Q(**{f"{field}__in": values})


def _unique_client_id(model: str) -> models.UniqueConstraint:
    # A phone that retries sends the same client_id again: one row per athlete and id.
    return models.UniqueConstraint(
        fields=["athlete", "client_id"],
        condition=Q(client_id__isnull=False),
        name=f"{model}_one_client_id_per_athlete",
    )


class Profile(models.Model):
    """An athlete's preferences. Every user has one (created on sign-up or on first use)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    unit = models.CharField("display unit", max_length=2, choices=Unit, default=Unit.KG)
    bodyweight_kg = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("20")), MaxValueValidator(Decimal("400"))],
    )
    # No choices here: the list of zones changes with tzdata, forms validate against it.
    time_zone = models.CharField(max_length=64, default="UTC")
    is_coach = models.BooleanField("coaches other athletes", default=False)
    # The athlete's bar and plates, in `plates_unit` (tracker/plates.py; empty: the defaults).
    bar_weight = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    plates = models.CharField(max_length=120, blank=True)
    plates_unit = models.CharField(max_length=2, choices=Unit, blank=True)
    rest_seconds = models.PositiveSmallIntegerField(
        "rest between sets (seconds)",
        default=90,
        validators=[MinValueValidator(0), MaxValueValidator(900)],
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=_in_choices("unit", Unit), name="profile_unit_valid"),
            models.CheckConstraint(
                condition=Q(bodyweight_kg__isnull=True) | Q(bodyweight_kg__gt=0),
                name="profile_bodyweight_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_unit_display()})"


class TrainingSession(models.Model):
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_sessions"
    )
    date = models.DateField()
    bench_height_cm = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(10), MaxValueValidator(120)]
    )
    bench_stable = models.BooleanField(null=True, blank=True)
    notes = models.TextField(blank=True, max_length=2000)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set by the next-morning check-in, even one that reported no pain at all.
    checked_in_at = models.DateTimeField("next-morning check-in", null=True, blank=True)
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-created"]
        indexes = [models.Index(fields=["athlete", "-date"], name="session_athlete_date")]
        constraints = [
            _unique_client_id("session"),
            models.CheckConstraint(
                condition=Q(bench_height_cm__isnull=True) | Q(bench_height_cm__range=(10, 120)),
                name="session_bench_height_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.athlete} on {self.date:%Y-%m-%d}"

    # The date it was read with: a session moved to another week leaves its old week's
    # roll-up too (tracker/signals.py).
    _loaded_date: dt.date | None = None

    @classmethod
    def from_db(cls, db, field_names, values):
        row = super().from_db(db, field_names, values)
        row._loaded_date = row.__dict__.get("date")
        return row


class Symptom(models.Model):
    """A red-flag symptom the athlete reported with a session."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="symptoms")
    kind = models.CharField(max_length=24, choices=RedFlag)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["session", "kind"], name="symptom_once_per_session"),
            models.CheckConstraint(condition=_in_choices("kind", RedFlag), name="symptom_valid"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Set(models.Model):
    """One working set. `athlete` repeats the session's owner: client ids are unique per athlete."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sets"
    )
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="sets")
    position = models.PositiveSmallIntegerField(default=1)
    exercise = models.CharField(max_length=32, choices=Exercise, default=Exercise.HIP_THRUST)
    exercise_name = models.CharField(
        max_length=100, blank=True, help_text="The name of an 'other' exercise."
    )
    load_kg = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_LOAD_KG)],
    )
    reps = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REPS)]
    )
    rir = models.PositiveSmallIntegerField(
        "reps in reserve",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    # Blank means "not known" (imported history): advice never reasons from an unknown setup.
    foot_distance = models.CharField(max_length=16, choices=FootDistance, blank=True)
    stance_width = models.CharField(max_length=16, choices=StanceWidth, blank=True)
    padding = models.CharField(max_length=16, choices=Padding, blank=True)
    equipment = models.CharField(max_length=16, choices=Equipment, blank=True)
    # Personal records this set set when it was logged (tracker/records.py decides): a mark
    # on the set, the session and the finish summary. Imported history sets none.
    load_record = models.BooleanField("heaviest set so far", default=False)
    e1rm_record = models.BooleanField("best estimated 1RM so far", default=False)
    reps_record = models.BooleanField("most reps at this load so far", default=False)
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session", "position", "created"]
        indexes = [models.Index(fields=["athlete", "session"], name="set_athlete_session")]
        constraints = [
            _unique_client_id("set"),
            models.UniqueConstraint(fields=["session", "position"], name="set_position_unique"),
            models.CheckConstraint(
                condition=Q(load_kg__gte=0) & Q(load_kg__lte=MAX_LOAD_KG), name="set_load_range"
            ),
            models.CheckConstraint(condition=Q(reps__range=(1, MAX_REPS)), name="set_reps_range"),
            models.CheckConstraint(
                condition=Q(rir__isnull=True) | Q(rir__range=(0, 10)), name="set_rir_range"
            ),
            models.CheckConstraint(
                condition=_in_choices("exercise", Exercise), name="set_exercise_valid"
            ),
            models.CheckConstraint(
                condition=_in_choices("foot_distance", FootDistance, blank=True),
                name="set_foot_distance_valid",
            ),
            models.CheckConstraint(
                condition=_in_choices("stance_width", StanceWidth, blank=True),
                name="set_stance_width_valid",
            ),
            models.CheckConstraint(
                condition=_in_choices("padding", Padding, blank=True), name="set_padding_valid"
            ),
            models.CheckConstraint(
                condition=_in_choices("equipment", Equipment, blank=True),
                name="set_equipment_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_exercise_display()} {self.load_kg} kg x {self.reps}"

    @property
    def is_record(self) -> bool:
        return self.load_record or self.e1rm_record or self.reps_record


class PainReport(models.Model):
    """How much one region hurt: in a set (`during`), after the session, or the next morning."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pain_reports"
    )
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="pain_reports"
    )
    set = models.ForeignKey(
        Set, on_delete=models.CASCADE, null=True, blank=True, related_name="pain_reports"
    )
    region = models.CharField(max_length=16, choices=PainRegion)
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    timing = models.CharField(max_length=16, choices=PainTiming, default=PainTiming.DURING)
    character = models.CharField(max_length=16, choices=PainCharacter, blank=True)
    side = models.CharField(max_length=8, choices=PainSide, blank=True)  # blank: not said
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "timing", "region", "created"]
        indexes = [models.Index(fields=["athlete", "session"], name="pain_athlete_session")]
        constraints = [
            _unique_client_id("pain"),
            models.CheckConstraint(condition=Q(score__range=(0, 10)), name="pain_score_range"),
            models.CheckConstraint(
                condition=_in_choices("region", PainRegion), name="pain_region_valid"
            ),
            models.CheckConstraint(
                condition=_in_choices("timing", PainTiming), name="pain_timing_valid"
            ),
            models.CheckConstraint(
                condition=_in_choices("character", PainCharacter, blank=True),
                name="pain_character_valid",
            ),
            models.CheckConstraint(
                condition=_in_choices("side", PainSide, blank=True), name="pain_side_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_region_display()} {self.score}/10 ({self.get_timing_display()})"


class SymptomResolution(models.Model):
    """The athlete says a red-flag symptom is gone: reports of it up to `date` are over.

    A red flag never expires by itself; only this ends its referral. A later report of the
    same symptom opens it again.
    """

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="symptom_resolutions"
    )
    kind = models.CharField(max_length=24, choices=RedFlag)
    date = models.DateField()
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["athlete", "date", "kind"]
        constraints = [
            _unique_client_id("symptom_resolution"),
            models.CheckConstraint(
                condition=_in_choices("kind", RedFlag), name="symptom_resolution_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} gone on {self.date:%Y-%m-%d}"


class JSONText(models.TextField[Any, Any]):
    """JSON kept as plain text and parsed in Python. PostgreSQL's jsonb would turn every value
    back into text on the server at each read: a third of reading three years of weekly sums.
    Nothing queries inside these values; they are read and written whole."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else json.loads(value)

    def to_python(self, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    def get_prep_value(self, value: Any) -> Any:
        return None if value is None else json.dumps(value, separators=(",", ":"))


class WeekRollup(models.Model):
    """One athlete's week of the log, summed once when it changes (tracker/rollups.py).

    `rows` holds the week's log in compact form (what a change is applied to), `summary` the
    week's sums as the advice reads them, `charts` those only the charts read. Kept in the
    same transaction as every write; `manage.py rebuild_rollups` sums them again from the log.
    """

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="week_rollups"
    )
    week = models.DateField()  # a Monday
    last_day = models.DateField()  # the week's latest session date
    # The sums first: SQLite keeps a row's columns in order, and a read of the sums then stops
    # before the larger rows.
    summary = JSONText(default=dict)
    charts = JSONText(default=dict)
    rows = JSONText(default=dict)

    class Meta:
        ordering = ["athlete", "week"]
        constraints = [
            models.UniqueConstraint(fields=["athlete", "week"], name="rollup_one_per_week")
        ]

    def __str__(self) -> str:
        return f"{self.athlete}, week of {self.week:%Y-%m-%d}"


# Background work of the app (imports, periodic jobs), kept beside the code that uses it.
from tracker.portability.models import ExportJob, ImportJob, PeriodicRun  # noqa: E402

__all__ = [
    "ExportJob",
    "ImportJob",
    "PainReport",
    "PeriodicRun",
    "Profile",
    "Set",
    "Symptom",
    "SymptomResolution",
    "TrainingSession",
    "WeekRollup",
]
