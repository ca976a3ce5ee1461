"""Writing the roster row of each coached athlete (`AthleteSummary`) when their log changes.

coaching.signals connects `refresh` to tracker.signals.log_changed (sent once per
transaction, after it commits, for any change to an athlete's log); it works only if a coach
follows the athlete, so an uncoached athlete's write costs one indexed EXISTS query.
Reading the stored rows is coaching.roster's job.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max

from advice.history import History
from advice.services import history_of, triage, voice_for
from advice.thresholds import monday
from coaching.models import AthleteSummary, CoachLink
from tracker.models import PainReport
from tracker.queries import calendar_of

VOLUME_WEEKS = 6  # this week, the four before it for the average, one spare
# The roster's "worst pain in the last 7 days", with a week's margin for a row refreshed late
# (rows are refreshed hourly once stale; a rise over weeks is an attention reason, read at
# refresh time from the whole log).
PAIN_DAYS = 14


# Every logged set asks whether a coach follows its athlete (to refresh the roster row): the
# answer is kept in the shared cache, forgotten whenever a link starts or ends
# (`forget_coached`), and for at most a minute in case a change slipped past.
COACHED_SECONDS = 60


def _coached_key(athlete_id: int) -> str:
    return f"coached:{athlete_id}"


def is_coached(athlete_id: int) -> bool:
    known = cache.get(_coached_key(athlete_id))
    if known is not None:
        return bool(known)
    coached = CoachLink.objects.filter(athlete_id=athlete_id, ended_at__isnull=True).exists()
    cache.set(_coached_key(athlete_id), int(coached), timeout=COACHED_SECONDS)
    return coached


def forget_coached(athlete_id: int) -> None:
    """A link of the athlete started or ended: ask the database next time (now, and again
    once the change commits, so a read in between cannot keep the old answer)."""
    cache.delete(_coached_key(athlete_id))
    transaction.on_commit(lambda: cache.delete(_coached_key(athlete_id)))


def open_red_flags(history: History) -> list[list[str]]:
    """[last reported day, kind] of each red-flag symptom the athlete has not marked as gone
    since, however long ago: a red flag never expires by itself (issue 16). A resolution on a
    day closes the reports up to that day, as in the advice (Timeline.open_symptoms), which
    also ignores a resolution dated after today."""
    last: dict[str, date] = {}
    for s in history.symptoms:
        last[s.symptom] = max(s.date, last.get(s.symptom, s.date))
    gone: dict[str, date] = {}
    for r in history.resolutions:
        if r.date <= history.today:
            gone[r.symptom] = max(r.date, gone.get(r.symptom, r.date))
    return sorted(
        [day.isoformat(), kind]
        for kind, day in last.items()
        if kind not in gone or day > gone[kind]
    )


def _facts(athlete: User, history: History, today: date) -> dict[str, object]:
    """The dated facts the roster needs, trimmed to the windows it can show."""
    first_week = monday(today) - timedelta(weeks=VOLUME_WEEKS - 1)
    volumes = {w.week.isoformat(): str(w.volume_kg) for w in history.loads if w.week >= first_week}
    since = today - timedelta(days=PAIN_DAYS)
    pain = (
        PainReport.objects.filter(athlete=athlete, session__date__gte=since)
        .values("session__date", "region")
        .annotate(worst=Max("score"))
        .order_by("session__date", "region")
    )
    return {
        "last_session_date": max((b.date for b in history.benches), default=None),
        "weekly_volume": volumes,
        "daily_pain": [[r["session__date"].isoformat(), r["region"], r["worst"]] for r in pain],
        "red_flags": open_red_flags(history),
    }


def refresh(athlete_id: int) -> AthleteSummary | None:
    """Recompute the athlete's roster row if a coach follows them (None when nobody does)."""
    if not is_coached(athlete_id):
        return None
    athlete = get_user_model().objects.filter(pk=athlete_id).first()
    if athlete is None:
        return None
    today, unit = calendar_of(athlete)
    history = history_of(athlete, today)  # one read of the log serves advice and the facts
    seen = triage(history, voice_for(athlete, unit, coach=True))
    items = seen.items
    top = items[0] if items else None
    summary, _ = AthleteSummary.objects.update_or_create(
        athlete=athlete,
        defaults={
            "computed_on": today,
            **_facts(athlete, history, today),
            "advice_cause": top.cause if top else "",
            "advice_severity": top.severity if top else "",
            "advice_title": top.title if top else "",
            "advice_region": (top.region or "") if top else "",
            "advice_count": min(len(items), 32767),
            "reasons": [[r.code, r.text, r.since.isoformat()] for r in seen.reasons],
            "weekly": [[w.isoformat(), pain, round(volume, 1)] for w, pain, volume in seen.weeks],
        },
    )
    return summary
