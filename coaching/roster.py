"""What the roster shows for a coached athlete on a given day, from the stored summary alone
(coaching.summaries writes it): arithmetic, no query, so a roster of 60 athletes costs what
a roster of 3 does. Why to look now comes from the advice engine (advice.attention), stored
with the summary: pain rising against the athlete's own level or steadily, a load change
outside the acute:chronic band, a painful session without its check-in, logging dropped; and,
the coach's own, a reply from the athlete the coach has not read yet (`Unread`, one query for
the whole roster in coaching.queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Protocol

from django.contrib.auth.models import User

from advice.services import REASON_CODES, reply_reason
from advice.thresholds import monday

PAIN_WINDOW_DAYS = 7  # "worst pain in the last 7 days"
STOPPED_DAYS = 14  # no session for this long: "stopped logging"
AVERAGE_WEEKS = 4

# Attention order of the roster, most urgent first (issue 8).
ATTENTION = ("referral", "caution", "reply", "trend", "stopped", "other")
FLAGS = (
    "referral", "caution", "red_flags", "rising_pain", "unread_reply", "load_spike",
    "check_in_missing", "logging_dropped", "stopped_logging",
)  # fmt: skip
# The attention reason (advice.attention.CODES) behind each flag it sets.
REASON_FLAGS = {
    "pain_rising": "rising_pain",
    "load_change": "load_spike",
    "check_in_missing": "check_in_missing",
    "logging_dropped": "logging_dropped",
    "unread_reply": "unread_reply",
}
TREND_FLAGS = frozenset(REASON_FLAGS.values()) - {"unread_reply"}


@dataclass(frozen=True)
class Unread:
    """Replies from the athlete that the coach has not read: how many, and the first one's day."""

    count: int = 0
    since: date | None = None


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
    # As stored: ("YYYY-MM-DD" Monday, worst pain, volume kg); read through `weekly`, which
    # only the rows drawn on a page need.
    weekly_stored: tuple[tuple[str, int, float], ...] = ()
    unread_replies: int = 0

    @property
    def weekly(self) -> tuple[tuple[date, int, float], ...]:
        """(Monday, worst pain, volume kg) for the last 8 weeks, oldest first."""
        return tuple(
            (date.fromisoformat(w), pain, volume) for w, pain, volume in self.weekly_stored
        )

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


# A roster of 500 reads these for every athlete: ISO dates are compared as text (they sort
# as dates do) rather than parsed, and only the weeks used become Decimals.
def _volumes(summary: Stored, today: date) -> tuple[Decimal, Decimal | None]:
    stored = summary.weekly_volume
    this_week = monday(today)
    weeks = [(this_week - timedelta(weeks=n)).isoformat() for n in range(1, AVERAGE_WEEKS + 1)]
    before = [Decimal(stored[w]) for w in weeks if w in stored]
    # One earlier week is too thin a base (as in the advice engine's load jumps).
    average = (
        (sum(before, Decimal(0)) / len(before)).quantize(Decimal("0.01"))
        if len(before) >= 2
        else None
    )
    return Decimal(stored.get(this_week.isoformat(), "0")), average


def _worst_pain(summary: Stored, today: date) -> tuple[int, str] | None:
    """Worst pain of the last 7 days with its region."""
    recent_from = (today - timedelta(days=PAIN_WINDOW_DAYS - 1)).isoformat()
    last = today.isoformat()
    worst: tuple[int, str] | None = None
    for day, region, score in summary.daily_pain:
        if recent_from <= day <= last and (worst is None or (score, region) > worst):
            worst = (score, region)
    return worst


_RANK = {code: n for n, code in enumerate(REASON_CODES)}


def _reasons(summary: Stored | None, unread: Unread) -> tuple[tuple[str, str], ...]:
    """The stored reasons and the unread reply, most urgent first."""
    stored = [(code, text) for code, text, _ in summary.reasons] if summary else []
    reply = reply_reason(unread.count, unread.since)
    if reply is not None:
        stored.append((reply.code, reply.text))
    if len(stored) < 2:
        return tuple(stored)
    return tuple(sorted(stored, key=lambda r: _RANK.get(r[0], len(_RANK))))


def _flags(
    summary: Stored, today: date
) -> tuple[frozenset[str], tuple[str, ...], tuple[int, str] | None]:
    # Stored are the open ones only (coaching.summaries.open_red_flags): a red flag stays on
    # the roster, whatever its age, until the athlete says it is gone.
    red = tuple(sorted({k for _, k in summary.red_flags}))
    flags = {REASON_FLAGS[code] for code, _, _ in summary.reasons if code in REASON_FLAGS}
    if summary.advice_severity == "see_professional":
        flags.add("referral")
    elif summary.advice_severity == "caution":
        flags.add("caution")
    if red:
        flags.add("red_flags")
    last = summary.last_session_date
    if last is not None and (today - last).days > STOPPED_DAYS:
        flags.add("stopped_logging")
    return frozenset(flags), red, _worst_pain(summary, today)


def _attention(flags: frozenset[str]) -> str:
    if "referral" in flags or "red_flags" in flags:
        return "referral"
    if "caution" in flags:
        return "caution"
    if "unread_reply" in flags:
        return "reply"
    if flags & TREND_FLAGS:
        return "trend"
    if "stopped_logging" in flags:
        return "stopped"
    return "other"


# The roster's orders, one tap each (issue 18): who needs a look first (the default), by
# name, or by the last session, the latest first and athletes who never logged last.
SORTS = {"attention": "Urgency", "name": "Name", "last_session": "Last session"}
DEFAULT_SORT = "attention"


def _by_name(row: RosterRow) -> tuple[str, int]:
    return (row.name.lower(), row.athlete_id)


def _by_last_session(row: RosterRow) -> tuple[bool, int, str, int]:
    last = row.last_session_date
    return (last is None, -last.toordinal() if last else 0, row.name.lower(), row.athlete_id)


def ordered(rows: list[RosterRow], sort: str) -> list[RosterRow]:
    """`rows` in the roster's order `sort` (one of SORTS; anything else: most urgent)."""
    if sort == "name":
        return sorted(rows, key=_by_name)
    if sort == "last_session":
        return sorted(rows, key=_by_last_session)
    return sorted(rows, key=RosterRow.sort_key)


class Stored(Protocol):
    """What the roster reads of a stored summary: an AthleteSummary, or the same columns read
    as plain values (coaching.queries.roster, which skips building 500 model instances)."""

    last_session_date: date | None
    weekly_volume: dict[str, str]
    daily_pain: list[list[Any]]
    red_flags: list[list[str]]
    advice_cause: str
    advice_severity: str
    advice_title: str
    advice_region: str
    reasons: list[list[str]]
    weekly: list[list[Any]]


STORED_FIELDS = tuple(Stored.__annotations__)


@dataclass
class StoredValues:
    last_session_date: date | None
    weekly_volume: dict[str, str]
    daily_pain: list[list[Any]]
    red_flags: list[list[str]]
    advice_cause: str
    advice_severity: str
    advice_title: str
    advice_region: str
    reasons: list[list[str]]
    weekly: list[list[Any]]


def roster_row(
    athlete: User, summary: Stored | None, today: date, unread: Unread | None = None
) -> RosterRow:
    """What the roster shows for `athlete` on `today`, from the stored summary and what the
    coach has not read."""
    name = athlete.get_full_name() or athlete.get_username()
    return row_of(athlete.pk, athlete.get_username(), name, summary, today, unread)


def row_of(
    athlete_id: int,
    username: str,
    name: str,
    summary: Stored | None,
    today: date,
    unread: Unread | None = None,
) -> RosterRow:
    """roster_row from the athlete's id and names (no User needed)."""
    unread = unread or Unread()
    reasons = _reasons(summary, unread)
    replied = frozenset({"unread_reply"} if unread.count else ())
    if summary is None:
        return RosterRow(athlete_id, username, name, False, None, Decimal("0"),
                         None, None, (), None, replied, _attention(replied), reasons,
                         unread_replies=unread.count)  # fmt: skip
    volume = _volumes(summary, today)
    flags, red, worst = _flags(summary, today)
    flags |= replied
    headline = None
    if summary.advice_cause:
        headline = Headline(
            summary.advice_cause,
            summary.advice_severity,
            summary.advice_title,
            summary.advice_region or None,
        )
    return RosterRow(
        athlete_id=athlete_id,
        username=username,
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
        reasons=reasons,
        weekly_stored=tuple(summary.weekly),  # type: ignore[arg-type]  # lists, read alike
        unread_replies=unread.count,
    )
