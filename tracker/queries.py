"""Every read of the training log that a page or the API needs, filtered by owner in one place."""

import zoneinfo
from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

from django.contrib.auth.models import User
from django.db.models import (
    Aggregate,
    Case,
    Count,
    FloatField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tracker.aggregates import EPLEY
from tracker.choices import Exercise, PainTiming
from tracker.models import PainReport, Profile, Set, Symptom, SymptomResolution, TrainingSession
from tracker.records import EPLEY_MAX_REPS, Baseline

RECORD = Q(load_record=True) | Q(e1rm_record=True) | Q(reps_record=True)


def sessions_of(athlete: User) -> QuerySet[TrainingSession]:
    return TrainingSession.objects.filter(athlete=athlete)


def _per_session(model: type[Set] | type[PainReport], aggregate: Aggregate) -> Subquery:
    return Subquery(
        model.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(value=aggregate)
        .values("value")
    )


def history(athlete: User) -> QuerySet[TrainingSession]:
    """Sessions newest first, with set count, top load and worst pain (one query a page).

    Correlated subqueries, not joins: the database reads the sets of the sessions shown, where
    a GROUP BY over joins would aggregate the whole history (every set times every pain
    report) before it could keep the first five.
    """
    return (
        sessions_of(athlete)
        .annotate(
            set_count=Coalesce(_per_session(Set, Count("pk")), 0),
            top_load_kg=_per_session(Set, Max("load_kg")),
            worst_pain=_per_session(PainReport, Max("score")),
            record_count=Coalesce(_per_session(Set, Count("pk", filter=RECORD)), 0),
        )
        .order_by("-date", "-created")
    )


def session_with_log(athlete: User, pk: int) -> TrainingSession:
    """One of the athlete's sessions with sets, pain and red flags loaded; 404 for anyone else's."""
    queryset = sessions_of(athlete).prefetch_related(
        Prefetch("sets", queryset=Set.objects.order_by("position")),
        Prefetch("pain_reports", queryset=PainReport.objects.select_related("set")),
        "symptoms",
    )
    return get_object_or_404(queryset, pk=pk)


def latest_session(athlete: User, *, on: date | None = None) -> TrainingSession | None:
    queryset = sessions_of(athlete)
    if on is not None:
        queryset = queryset.filter(date=on)
    return queryset.order_by("-date", "-created").first()


def previous_set(athlete: User, session: TrainingSession) -> Set | None:
    """The set a new one starts from: the last of this session, else the athlete's last."""
    own = Set.objects.filter(athlete=athlete)
    return (
        own.filter(session=session).order_by("-position").first()
        or own.order_by("-session__date", "-created").first()
    )


def logged_set(session: TrainingSession, client_id: UUID | None) -> Set | None:
    """The set of `session` (sets prefetched, no query) the phone logged with `client_id`."""
    if client_id is None:
        return None
    return next((s for s in session.sets.all() if s.client_id == client_id), None)


def set_of(athlete: User, pk: int) -> Set:
    """One of the athlete's sets, with its session and pain; 404 for anyone else's."""
    return get_object_or_404(sets_of(athlete), pk=pk)


def pain_report_of(athlete: User, pk: int) -> PainReport:
    """One of the athlete's pain reports, with its session and set; 404 for anyone else's."""
    return get_object_or_404(pain_reports_of(athlete).select_related("session", "set"), pk=pk)


def check_in_due(athlete: User, today: date) -> TrainingSession | None:
    """Yesterday's (or the day before's) session still waiting for its next-morning check-in."""
    return (
        sessions_of(athlete)
        .filter(date__range=(today - timedelta(days=2), today - timedelta(days=1)))
        .filter(checked_in_at__isnull=True)
        .exclude(pain_reports__timing=PainTiming.NEXT_DAY)
        .order_by("-date", "-created")
        .first()
    )


def regions_that_hurt(session: TrainingSession) -> list[str]:
    """Regions with any pain above 0 in a session, to ask about first at a check-in."""
    return list(
        session.pain_reports.filter(score__gt=0)
        .values_list("region", flat=True)
        .distinct()
        .order_by("region")
    )


# --- REST API (tracker/api) -----------------------------------------------------------------


def sessions_with_log(athlete: User) -> QuerySet[TrainingSession]:
    """The athlete's sessions newest first, with sets (and their pain), pain and red flags loaded.

    A page of sessions costs a fixed number of queries, however many sets each holds.
    """
    return (
        sessions_of(athlete)
        .prefetch_related(
            Prefetch(
                "sets",
                queryset=Set.objects.order_by("position", "created").prefetch_related(
                    "pain_reports"
                ),
            ),
            "pain_reports",
            "symptoms",
        )
        .order_by("-date", "-created", "-pk")
    )


def sets_of(athlete: User) -> QuerySet[Set]:
    """The athlete's sets, newest session first, with their pain loaded."""
    return (
        Set.objects.filter(athlete=athlete)
        .select_related("session")
        .prefetch_related("pain_reports")
        .order_by("-session__date", "-session__created", "position", "pk")
    )


def pain_reports_of(athlete: User) -> QuerySet[PainReport]:
    """The athlete's pain reports, newest session first."""
    return PainReport.objects.filter(athlete=athlete).order_by(
        "-session__date", "-session__created", "timing", "region", "pk"
    )


def _local_date(zone_name: str | None) -> date:
    try:
        zone = zoneinfo.ZoneInfo(zone_name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return timezone.localdate(timezone=zone)


def today_for(athlete: User) -> date:
    """The athlete's calendar date now, in the time zone of their profile (UTC without one)."""
    zone_name = Profile.objects.filter(user=athlete).values_list("time_zone", flat=True).first()
    return _local_date(zone_name)


def calendar_of(athlete: User) -> tuple[date, str]:
    """The athlete's today (their time zone) and display unit, in one query."""
    row = Profile.objects.filter(user=athlete).values_list("time_zone", "unit").first()
    zone_name, unit = row or ("UTC", "kg")
    return _local_date(zone_name), unit


def open_red_flags(athlete: User) -> dict[str, date]:
    """Each red-flag symptom the athlete reported and has not marked as gone since, with the
    date it was last reported (two queries, whatever the length of the log)."""
    reported = dict(
        Symptom.objects.filter(session__athlete=athlete)
        .values("kind")
        .annotate(last=Max("session__date"))
        .values_list("kind", "last")
    )
    gone = dict(
        SymptomResolution.objects.filter(athlete=athlete)
        .values("kind")
        .annotate(last=Max("date"))
        .values_list("kind", "last")
    )
    return {
        kind: last
        for kind, last in sorted(reported.items())
        if kind not in gone or gone[kind] < last
    }


# --- last time and records -------------------------------------------------------------------


def _same_exercise(athlete: User, exercise: str, exercise_name: str) -> QuerySet[Set]:
    own = Set.objects.filter(athlete=athlete, exercise=exercise)
    return own.filter(exercise_name=exercise_name) if exercise == Exercise.OTHER else own


def record_baseline(
    athlete: User,
    *,
    exercise: str,
    exercise_name: str,
    load_kg: Decimal,
    other_than: int | None = None,
) -> Baseline:
    """The athlete's bests for an exercise (but set `other_than`), in one query."""
    row = (
        _same_exercise(athlete, exercise, exercise_name)
        .exclude(pk=other_than or 0)
        .aggregate(
            sets=Count("pk"),
            top=Max("load_kg"),
            e1rm=Max(Case(When(reps__lte=EPLEY_MAX_REPS, then=EPLEY), output_field=FloatField())),
            reps_here=Max("reps", filter=Q(load_kg=load_kg)),
        )
    )
    return Baseline(
        sets=row["sets"],
        top_load_kg=row["top"],
        best_e1rm_kg=row["e1rm"],
        most_reps_here=row["reps_here"],
    )


def last_time(
    athlete: User, session: TrainingSession, *, exercise: str, exercise_name: str = ""
) -> list[Set]:
    """The sets of this exercise in the athlete's session before `session` (one query)."""
    same = _same_exercise(athlete, exercise, exercise_name)
    earlier = same.exclude(session_id=session.pk).filter(
        Q(session__date__lt=session.date)
        | Q(session__date=session.date, session__created__lt=session.created or timezone.now())
    )
    previous = earlier.order_by("-session__date", "-session__created").values("session_id")[:1]
    return list(
        same.filter(session_id=Subquery(previous)).select_related("session").order_by("position")
    )


def best_set(athlete: User, *, exercise: str, exercise_name: str = "") -> Set | None:
    """The athlete's set of this exercise with the best estimated 1RM (one query)."""
    return (
        _same_exercise(athlete, exercise, exercise_name)
        .filter(reps__lte=EPLEY_MAX_REPS)
        .annotate(e1rm=EPLEY)
        .select_related("session")
        .order_by("-e1rm", "-load_kg", "session__date")
        .first()
    )


def records_of(athlete: User) -> QuerySet[Set]:
    """Every set that set a record, newest first."""
    return (
        Set.objects.filter(athlete=athlete)
        .filter(RECORD)
        .select_related("session")
        .order_by("-session__date", "-session__created", "-position")
    )


def previous_session_sets(athlete: User, session: TrainingSession) -> list[Set]:
    """Every set of the athlete's session before `session` (one query), for the comparison."""
    own = Set.objects.filter(athlete=athlete).exclude(session_id=session.pk)
    earlier = own.filter(
        Q(session__date__lt=session.date)
        | Q(session__date=session.date, session__created__lt=session.created or timezone.now())
    )
    previous = earlier.order_by("-session__date", "-session__created").values("session_id")[:1]
    return list(Set.objects.filter(session_id=Subquery(previous)).order_by("position"))
