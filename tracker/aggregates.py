"""Weekly aggregates of one athlete's log, computed in SQL (week truncation, group by).

The single place where the log is summed per week: the advice engine and the dashboards
both read these, so "weekly pain" means the same thing everywhere. Each function is one
query whatever the length of the history, and returns plain rows (dicts).
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, TruncWeek

from tracker.choices import HIP_THRUST_FAMILY, PainTiming
from tracker.models import PainReport, Set, TrainingSession

SETUP_FIELDS = ("padding", "foot_distance", "stance_width", "equipment")
_KG = DecimalField(max_digits=12, decimal_places=2)
# Epley: load x (1 + reps / 30), trusted for sets of 10 reps or fewer. In floating point:
# SQLite would otherwise divide whole numbers as integers.
_EPLEY = ExpressionWrapper(
    Cast("load_kg", FloatField()) * (Value(30.0) + F("reps")) / Value(30.0),
    output_field=FloatField(),
)

Row = dict[str, Any]


def weekly_load(athlete: AbstractBaseUser) -> list[Row]:
    """Per week: top load, volume (load x reps), sets, sessions and best Epley estimate (float)."""
    return list(
        Set.objects.filter(athlete=athlete, exercise__in=HIP_THRUST_FAMILY)
        .annotate(week=TruncWeek("session__date"))
        .values("week")
        .annotate(
            top_load_kg=Max("load_kg"),
            volume_kg=Sum(ExpressionWrapper(F("load_kg") * F("reps"), output_field=_KG)),
            sets=Count("id"),
            sessions=Count("session", distinct=True),
            e1rm_kg=Max(Case(When(reps__lte=10, then=_EPLEY), output_field=FloatField())),
        )
        .order_by("week")
    )


def weekly_pain(athlete: AbstractBaseUser) -> list[Row]:
    """Per week, region, timing and character: worst score, score sum and report count."""
    return list(
        PainReport.objects.filter(athlete=athlete)
        .annotate(week=TruncWeek("session__date"))
        .values("week", "region", "timing", "character")
        .annotate(max_score=Max("score"), score_sum=Sum("score"), reports=Count("id"))
        .order_by("week", "region", "timing", "character")
    )


def weekly_setups(athlete: AbstractBaseUser) -> list[Row]:
    """Per week and setup combination: how many hip-thrust family sets used it."""
    return list(
        Set.objects.filter(athlete=athlete, exercise__in=HIP_THRUST_FAMILY)
        .annotate(week=TruncWeek("session__date"))
        .values("week", *SETUP_FIELDS)
        .annotate(sets=Count("id"))
        .order_by("week", *SETUP_FIELDS)
    )


def weekly_setup_pain(athlete: AbstractBaseUser) -> list[Row]:
    """In-set pain per week, region and the setup of the set it was felt in."""
    return list(
        PainReport.objects.filter(athlete=athlete, timing=PainTiming.DURING, set__isnull=False)
        .annotate(week=TruncWeek("session__date"))
        .values("week", "region", *(f"set__{f}" for f in SETUP_FIELDS))
        .annotate(max_score=Max("score"), score_sum=Sum("score"), reports=Count("id"))
        .order_by("week", "region", *(f"set__{f}" for f in SETUP_FIELDS))
    )


def session_days(athlete: AbstractBaseUser) -> list[Row]:
    """Per session (and red flag, if any): date, bench, worst pain. One row per symptom."""
    return list(
        TrainingSession.objects.filter(athlete=athlete)
        .values("id", "date", "bench_height_cm", "bench_stable", "symptoms__kind")
        .annotate(pain_max=Max("pain_reports__score"))
        .order_by("date", "id", "symptoms__kind")
    )
