"""Every read of the training log that a page or the API needs, filtered by owner in one place."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from tracker.models import PainReport, Set, TrainingSession


def sessions_of(athlete: AbstractBaseUser) -> QuerySet[TrainingSession]:
    return TrainingSession.objects.filter(athlete=athlete)


def history(athlete: AbstractBaseUser) -> QuerySet[TrainingSession]:
    """Sessions newest first, each with its set count, top load and worst pain (one query a page)."""
    return sessions_of(athlete).annotate(
        set_count=Count("sets", distinct=True),
        top_load_kg=Max("sets__load_kg"),
        worst_pain=Max("pain_reports__score"),
    ).order_by("-date", "-created")


def session_with_log(athlete: AbstractBaseUser, pk: int) -> TrainingSession:
    """One of the athlete's sessions with sets, pain and red flags loaded; 404 for anyone else's."""
    queryset = sessions_of(athlete).prefetch_related(
        Prefetch("sets", queryset=Set.objects.order_by("position")),
        Prefetch("pain_reports", queryset=PainReport.objects.select_related("set")),
        "symptoms",
    )
    return get_object_or_404(queryset, pk=pk)


def latest_session(athlete: AbstractBaseUser, *, on: date | None = None) -> TrainingSession | None:
    queryset = sessions_of(athlete)
    if on is not None:
        queryset = queryset.filter(date=on)
    return queryset.order_by("-date", "-created").first()
