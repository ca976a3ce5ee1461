"""The roster's background tasks: a coached athlete's row recomputed after their log changed,
every row recomputed once a day (advice counts recent weeks from today), and each coach's
daily summary of who needs a look, at the clock time the coach picked."""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from coaching import queries, summaries
from coaching.models import AthleteSummary, CoachLink
from coaching.roster import RosterRow
from notifications import queries as notices
from notifications import services as notify
from notifications.schedule import zone_of


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


SUMMARY_NAMES = 3  # athletes named in the notification; the roster has the rest


def summary_notice(rows: list[RosterRow]) -> notify.Notice | None:
    """Who needs a look (a reason or advice to act on), most urgent first; None if nobody."""
    needing = [r for r in rows if r.reasons or r.attention in ("referral", "caution")]
    if not needing:
        return None
    lines = [f"{r.name}: {r.badge}" for r in needing[:SUMMARY_NAMES]]
    if len(needing) > SUMMARY_NAMES:
        lines.append(f"and {len(needing) - SUMMARY_NAMES} more")
    count = len(needing)
    return notify.Notice(
        kind="coach_summary",
        title=f"{count} athlete{'s' * (count != 1)} to look at",
        body="; ".join(lines),
        url=reverse("coaching:roster"),
        tag="coach-summary",
    )


@task()
def send_coach_summaries(now_iso: str = "") -> int:
    """Periodic: each coach whose summary time has come hears who needs a look today (their
    own today); nothing is sent on a day when nobody does."""
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    sent = 0
    for preference in notices.due("coach_summary", now):
        if not notify.take_due(preference, "coach_summary", now=now):
            continue
        coach = preference.user
        today = now.astimezone(zone_of(notify.zone_name_of(coach))).date()
        notice = summary_notice(queries.roster(coach, today=today))
        if notice is not None:
            notify.notify_later(user_id=coach.pk, notice=notice)
            sent += 1
    return sent
