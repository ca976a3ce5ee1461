"""What the roster shows for a coached athlete on a given day, from the stored summary alone
(coaching.summaries writes it): arithmetic, no query, so a roster of 60 athletes costs what
a roster of 3 does. Why to look now comes from the advice engine (advice.attention), stored
with the summary: pain rising against the athlete's own level or steadily, a load change
outside the acute:chronic band, a painful session without its check-in, logging dropped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User

from advice.thresholds import RECENT_WEEKS, monday
from coaching.models import AthleteSummary

PAIN_WINDOW_DAYS = 7  # "worst pain in the last 7 days"
FLAG_DAYS = RECENT_WEEKS * 7  # red flags count as long as the referral rule counts them
STOPPED_DAYS = 14  # no session for this long: "stopped logging"
AVERAGE_WEEKS = 4

# Attention order of the roster, most urgent first (issue 8).
ATTENTION = ("referral", "caution", "trend", "stopped", "other")
FLAGS = (
    "referral", "caution", "red_flags", "rising_pain", "load_spike", "check_in_missing",
    "logging_dropped", "stopped_logging",
)  # fmt: skip
# The attention reason (advice.attention.CODES) behind each flag it sets.
REASON_FLAGS = {
    "pain_rising": "rising_pain",
    "load_change": "load_spike",
    "check_in_missing": "check_in_missing",
    "logging_dropped": "logging_dropped",
}
TREND_FLAGS = frozenset(REASON_FLAGS.values())


@dataclass(frozen=True)
class Headline:
    cause: str
    severity: str
    title: str
    region: str | None


@dataclass(frozen=True)
class RosterRow:
    """One athlete on the coach's roster, as of `today`."""

    athlete_id: int
    username: str
    name: str
    computed: bool  # False until the first refresh (a link accepted a moment ago)
    last_session_date: date | None
    volume_week_kg: Decimal
    volume_average_kg: Decimal | None  # mean of the logged weeks among the 4 before
    worst_pain: tuple[int, str] | None  # (score, region), last 7 days
    red_flags: tuple[str, ...]
    headline: Headline | None
    flags: frozenset[str]
    attention: str
    reasons: tuple[tuple[str, str], ...] = ()  # (code, short text), most urgent first
    weekly: tuple[tuple[date, int, float], ...] = ()  # (Monday, worst pain, volume kg)

    @property
    def badge(self) -> str:
        """The one most urgent reason, in a few words."""
        if self.reasons:
            return self.reasons[0][1]
        return self.headline.title if self.headline else ""

    @property
    def volume_ratio(self) -> float | None:
        if not self.volume_average_kg:
            return None
        return float(self.volume_week_kg / self.volume_average_kg)

    @property
    def volume_percent(self) -> int | None:
        ratio = self.volume_ratio
        return None if ratio is None else round(ratio * 100)

    @property
    def flags_in_order(self) -> list[str]:
        return [flag for flag in FLAGS if flag in self.flags]

    def sort_key(self) -> tuple[int, int, str, int]:
        """Attention group, then worst recent pain, then name."""
        pain = self.worst_pain[0] if self.worst_pain else 0
        return (ATTENTION.index(self.attention), -pain, self.name.lower(), self.athlete_id)


def _volumes(summary: AthleteSummary, today: date) -> tuple[Decimal, Decimal | None]:
    by_week = {date.fromisoformat(w): Decimal(v) for w, v in summary.weekly_volume.items()}
    this_week = monday(today)
    before = [
        by_week[w]
        for w in (this_week - timedelta(weeks=n) for n in range(1, AVERAGE_WEEKS + 1))
        if w in by_week
    ]
    # One earlier week is too thin a base (as in the advice engine's load jumps).
    average = (
        (sum(before, Decimal(0)) / len(before)).quantize(Decimal("0.01"))
        if len(before) >= 2
        else None
    )
    return by_week.get(this_week, Decimal("0")), average


def _worst_pain(summary: AthleteSummary, today: date) -> tuple[int, str] | None:
    """Worst pain of the last 7 days with its region."""
    recent_from = today - timedelta(days=PAIN_WINDOW_DAYS - 1)
    worst: tuple[int, str] | None = None
    for day, region, score in summary.daily_pain:
        recent = recent_from <= date.fromisoformat(day) <= today
        if recent and (worst is None or (score, region) > worst):
            worst = (score, region)
    return worst


def _flags(
    summary: AthleteSummary, today: date
) -> tuple[frozenset[str], tuple[str, ...], tuple[int, str] | None]:
    since = today - timedelta(days=FLAG_DAYS)
    red = tuple(sorted({k for d, k in summary.red_flags if date.fromisoformat(d) > since}))
    flags = {
        "referral": summary.advice_severity == "see_professional",
        "caution": summary.advice_severity == "caution",
        "red_flags": bool(red),
        "stopped_logging": summary.last_session_date is not None
        and (today - summary.last_session_date).days > STOPPED_DAYS,
    }
    flags |= {REASON_FLAGS[code]: True for code, _, _ in summary.reasons if code in REASON_FLAGS}
    return frozenset(f for f, on in flags.items() if on), red, _worst_pain(summary, today)


def _attention(flags: frozenset[str]) -> str:
    if "referral" in flags or "red_flags" in flags:
        return "referral"
    if "caution" in flags:
        return "caution"
    if flags & TREND_FLAGS:
        return "trend"
    if "stopped_logging" in flags:
        return "stopped"
    return "other"


def roster_row(athlete: User, summary: AthleteSummary | None, today: date) -> RosterRow:
    """What the roster shows for `athlete` on `today`, from the stored summary alone."""
    name = athlete.get_full_name() or athlete.get_username()
    if summary is None:
        return RosterRow(athlete.pk, athlete.get_username(), name, False, None, Decimal("0"),
                         None, None, (), None, frozenset(), "other")  # fmt: skip
    volume = _volumes(summary, today)
    flags, red, worst = _flags(summary, today)
    headline = None
    if summary.advice_cause:
        headline = Headline(
            summary.advice_cause,
            summary.advice_severity,
            summary.advice_title,
            summary.advice_region or None,
        )
    return RosterRow(
        athlete_id=athlete.pk,
        username=athlete.get_username(),
        name=name,
        computed=True,
        last_session_date=summary.last_session_date,
        volume_week_kg=volume[0],
        volume_average_kg=volume[1],
        worst_pain=worst,
        red_flags=red,
        headline=headline,
        flags=flags,
        attention=_attention(flags),
        reasons=tuple((code, text) for code, text, _ in summary.reasons),
        weekly=tuple((date.fromisoformat(w), pain, volume) for w, pain, volume in summary.weekly),
    )
