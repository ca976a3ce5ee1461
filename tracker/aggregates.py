"""Weekly aggregates of one athlete's log, computed in SQL (week truncation, group by).

The single place where the log is summed per week from its rows: the weekly roll-ups
(tracker/rollups.py) must give the same numbers, and `chart_rows`, what the dashboards read,
comes from them. Each function is one query whatever the length of the history, and returns
plain rows (dicts).
"""

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Max,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Round

from tracker import rollups
from tracker.choices import COMPARED_SETUP_FIELDS, HIP_THRUST_FAMILY, SETUP_FIELDS, PainTiming
from tracker.models import PainReport, Set, SymptomResolution, TrainingSession
from tracker.validators import history_bounds

_KG: "DecimalField[Decimal, Decimal]" = DecimalField(max_digits=12, decimal_places=2)
# Epley: load x (1 + reps / 30), trusted for sets of 10 reps or fewer. In floating point:
# SQLite would otherwise divide whole numbers as integers.
EPLEY = ExpressionWrapper(
    Cast("load_kg", FloatField()) * (Value(30.0) + F("reps")) / Value(30.0),
    output_field=FloatField(),
)

Row = dict[str, Any]


def as_date(value: date | datetime) -> date:
    """A row's week as a date: week truncation answers a datetime on some backends."""
    return value.date() if isinstance(value, datetime) else value


class WeekStart(Func):
    """The Monday of a date's week, as a date.

    Django's TruncWeek calls a Python function per row on SQLite and answers a timestamp on
    PostgreSQL; the databases' own date functions are about three times faster here.
    """

    output_field = DateField()
    template = "CAST(DATE_TRUNC('week', %(expressions)s) AS date)"  # PostgreSQL

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # 'weekday 0' moves forward to Sunday (or stays); six days back is that week's Monday.
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s, 'weekday 0', '-6 days')", **extra
        )


__all__ = ["COMPARED_SETUP_FIELDS", "SETUP_FIELDS"]  # re-exported: readers found them here


def in_bounds(queryset: QuerySet, field: str = "session__date") -> QuerySet:
    """Only entries dated where weeks can be counted: from 1900-01-01 to the day after tomorrow.

    The doors refuse other dates (tracker/validators.py), but a row stored before they did must
    not crash a page: week arithmetic near year 1 or 9999 leaves the calendar. A row dated after
    anyone's tomorrow (time zones reach 14 hours ahead) is not history yet.
    """
    return queryset.filter(**{f"{field}__range": history_bounds()})


def _since(queryset: QuerySet, since: date | None, field: str = "session__date") -> QuerySet:
    """Only entries from `since` on (None: the whole history), within the bounds."""
    queryset = in_bounds(queryset, field)
    return queryset if since is None else queryset.filter(**{f"{field}__gte": since})


# A set's load read to rollups.LOADABLE_KG, halves up (both databases round halves away from 0).
LOADABLE = Round(F("load_kg") / rollups.LOADABLE_KG) * rollups.LOADABLE_KG


def weekly_load(athlete: User, *, since: date | None = None) -> list[Row]:
    """Per week: top load, volume (load x reps), sets, sessions, best Epley estimate (float)
    and loadable volume (rollups.loadable)."""
    return list(
        _since(Set.objects.filter(athlete=athlete, exercise__in=HIP_THRUST_FAMILY), since)
        .annotate(week=WeekStart("session__date"))
        .values("week")
        .annotate(
            top_load_kg=Max("load_kg"),
            volume_kg=Sum(ExpressionWrapper(F("load_kg") * F("reps"), output_field=_KG)),
            sets=Count("id"),
            sessions=Count("session", distinct=True),
            e1rm_kg=Max(Case(When(reps__lte=10, then=EPLEY), output_field=FloatField())),
            loadable_volume_kg=Sum(ExpressionWrapper(LOADABLE * F("reps"), output_field=_KG)),
        )
        .order_by("week")
    )


def weekly_pain(athlete: User, *, since: date | None = None) -> list[Row]:
    """Per week, region, timing and character: worst score, score sum and report count."""
    return list(
        _since(PainReport.objects.filter(athlete=athlete), since)
        .annotate(week=WeekStart("session__date"))
        .values("week", "region", "timing", "character")
        .annotate(max_score=Max("score"), score_sum=Sum("score"), reports=Count("id"))
        .order_by("week", "region", "timing", "character")
    )


def weekly_setups(athlete: User) -> list[Row]:
    """Per week and setup combination: how many hip-thrust family sets used it."""
    return list(
        in_bounds(Set.objects.filter(athlete=athlete, exercise__in=HIP_THRUST_FAMILY))
        .annotate(week=WeekStart("session__date"))
        .values("week", *SETUP_FIELDS)
        .annotate(sets=Count("id"))
        .order_by("week", *SETUP_FIELDS)
    )


def weekly_setup_pain(athlete: User) -> list[Row]:
    """In-set pain per week, region and the setup of the set it was felt in."""
    return list(
        in_bounds(
            PainReport.objects.filter(athlete=athlete, timing=PainTiming.DURING, set__isnull=False)
        )
        .annotate(week=WeekStart("session__date"))
        .values("week", "region", *(f"set__{f}" for f in SETUP_FIELDS))
        .annotate(max_score=Max("score"), score_sum=Sum("score"), reports=Count("id"))
        .order_by("week", "region", *(f"set__{f}" for f in SETUP_FIELDS))
    )


def session_days(athlete: User) -> list[Row]:
    """Per session (and red flag, if any): date, bench, check-in, worst pain. One row per
    symptom."""
    return list(
        in_bounds(TrainingSession.objects.filter(athlete=athlete), "date")
        .values("id", "date", "bench_height_cm", "bench_stable", "checked_in_at", "symptoms__kind")
        .annotate(pain_max=Max("pain_reports__score"))
        .order_by("date", "id", "symptoms__kind")
    )


# For the dashboards: the same sums over a chosen range (`since`), plus what only charts need.


def weekly_sessions(athlete: User, *, since: date | None = None) -> list[Row]:
    """Per week: sessions with at least one logged set (any exercise)."""
    return list(
        _since(Set.objects.filter(athlete=athlete), since)
        .annotate(week=WeekStart("session__date"))
        .values("week")
        .annotate(sessions=Count("session", distinct=True))
        .order_by("week")
    )


def setup_sets(athlete: User, *, since: date | None = None) -> list[Row]:
    """Per combination of the compared setup fields: how many hip-thrust family sets used it."""
    return list(
        _since(Set.objects.filter(athlete=athlete, exercise__in=HIP_THRUST_FAMILY), since)
        .values(*COMPARED_SETUP_FIELDS)
        .annotate(sets=Count("id"))
        .order_by(*COMPARED_SETUP_FIELDS)
    )


def setup_pain(athlete: User, *, since: date | None = None) -> list[Row]:
    """In-set pain per region and setup combination of the set: worst, sum and report count."""
    fields = tuple(f"set__{f}" for f in COMPARED_SETUP_FIELDS)
    return list(
        _since(
            PainReport.objects.filter(
                athlete=athlete,
                timing=PainTiming.DURING,
                set__isnull=False,
                set__exercise__in=HIP_THRUST_FAMILY,
            ),
            since,
        )
        .values("region", *fields)
        .annotate(max_score=Max("score"), score_sum=Sum("score"), reports=Count("id"))
        .order_by("region", *fields)
    )


# For the advice engine: the rows it sums itself, because a pain felt after the session belongs
# to every setup value of that session's sets, which SQL grouping cannot say without counting
# each report once per set.


def pain_entries(athlete: User) -> list[Row]:
    """Every pain report: its session and date, region, timing, score, character, side, and
    the exercise and setup of the set it was felt in (None for after-session and
    next-morning)."""
    return list(
        in_bounds(PainReport.objects.filter(athlete=athlete))
        .values(
            "session_id",
            "session__date",
            "region",
            "timing",
            "score",
            "character",
            "side",
            "set__exercise",
            "set__exercise_name",
            *(f"set__{f}" for f in SETUP_FIELDS),
        )
        # The id last: reports alike in every other way come in one order on any database.
        .order_by("session__date", "session_id", "region", "timing", "score", "character", "id")
    )


def session_setups(athlete: User) -> list[Row]:
    """Per session and combination of exercise and setup: how many sets used it."""
    return list(
        in_bounds(Set.objects.filter(athlete=athlete))
        .values("session_id", "session__date", "exercise", "exercise_name", *SETUP_FIELDS)
        .annotate(sets=Count("id"))
        .order_by("session__date", "session_id", "exercise", "exercise_name", *SETUP_FIELDS)
    )


def symptom_resolutions(athlete: User) -> list[Row]:
    """When the athlete said each red-flag symptom was gone."""
    return list(
        in_bounds(SymptomResolution.objects.filter(athlete=athlete), "date")
        .values("date", "kind")
        .order_by("date", "kind")
    )


def chart_rows(
    athlete: User, *, load_since: date | None, since: date | None
) -> dict[str, list[Row]]:
    """What the dashboard's charts draw (tracker.charts.Rows), from the weekly roll-ups: one
    query, however long the history; the same rows as `chart_rows_from_log`. Loads start
    earlier (`load_since`): a jump is measured against weeks before."""
    first = None if load_since is None or since is None else min(load_since, since)
    loads, pains, sessions = [], [], []
    combos: dict[tuple, int] = defaultdict(int)
    combo_pains: dict[tuple, list[int]] = {}
    for week, charts in rollups.summaries(athlete.pk, since=first, charts=True):
        if charts["load"] is not None and (load_since is None or week >= load_since):
            top, volume, sets, count, e1rm, *loadable = charts["load"]
            loads.append(
                {
                    "week": week,
                    "top_load_kg": Decimal(top),
                    "volume_kg": Decimal(volume),
                    "sets": sets,
                    "sessions": count,
                    "e1rm_kg": e1rm,
                    # The charts mark load jumps as the advice finds them (advice.services).
                    "loadable_volume_kg": Decimal(loadable[0]) if loadable else None,
                }
            )
        if since is not None and week < since:
            continue
        pains += [
            dict(zip(_PAIN_KEYS, (week, *cell), strict=True)) for cell in charts["chart_pains"]
        ]
        if charts["set_sessions"]:
            sessions.append({"week": week, "sessions": charts["set_sessions"]})
        for *combo, n in charts["combos"]:
            combos[tuple(combo)] += n
        for region, *combo, worst, total, n in charts["combo_pains"]:
            cell = combo_pains.setdefault((region, *combo), [0, 0, 0])
            cell[:] = [max(cell[0], worst), cell[1] + total, cell[2] + n]
    return {
        "loads": loads,
        "pains": pains,
        "sessions": sessions,
        "setup_sets": [
            {**dict(zip(COMPARED_SETUP_FIELDS, combo, strict=True)), "sets": n}
            for combo, n in sorted(combos.items())
        ],
        "setup_pains": [
            dict(zip(_SETUP_PAIN_KEYS, (*key, *cell), strict=True))
            for key, cell in sorted(combo_pains.items())
        ],
    }


_PAIN_KEYS = ("week", "region", "timing", "character", "max_score", "score_sum", "reports")
_SETUP_PAIN_KEYS = (
    "region",
    *(f"set__{f}" for f in COMPARED_SETUP_FIELDS),
    "max_score",
    "score_sum",
    "reports",
)


def chart_rows_from_log(
    athlete: User, *, load_since: date | None, since: date | None
) -> dict[str, list[Row]]:
    """`chart_rows` read from the log's rows in five queries: what the roll-ups must give."""
    return {
        "loads": weekly_load(athlete, since=load_since),
        "pains": weekly_pain(athlete, since=since),
        "sessions": weekly_sessions(athlete, since=since),
        "setup_sets": setup_sets(athlete, since=since),
        "setup_pains": setup_pain(athlete, since=since),
    }
