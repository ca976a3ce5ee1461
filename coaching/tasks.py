"""The roster's background tasks: a coached athlete's row recomputed after their log changed,
and every row recomputed once a day (advice counts recent weeks from today)."""

from django.utils import timezone
from django_tasks import task

from coaching import summaries
from coaching.models import AthleteSummary, CoachLink


@task()
def refresh_roster_row(athlete_id: int) -> bool:
    """Recompute one athlete's roster row (and the advice it shows); False if uncoached."""
    return summaries.refresh(athlete_id) is not None


def stale_athletes(*, everyone: bool = False) -> list[int]:
    """Coached athletes whose row was computed before today (or all of them)."""
    coached = set(
        CoachLink.objects.filter(ended_at__isnull=True).values_list("athlete_id", flat=True)
    )
    if not everyone:
        # computed_on is the athlete's date: one far west of the server may be refreshed
        # twice in a day, which costs a little and is never wrong.
        fresh = AthleteSummary.objects.filter(computed_on__gte=timezone.localdate())
        coached -= set(fresh.values_list("athlete_id", flat=True))
    return sorted(coached)


@task()
def refresh_stale_roster_rows() -> int:
    """Periodic: recompute the rows (and their advice) computed on an earlier day."""
    athletes = stale_athletes()
    for athlete_id in athletes:
        summaries.refresh(athlete_id)
    return len(athletes)
