"""Why a coach should look at an athlete now: short, dated reasons read from the same
timeline and thresholds as the advice, most urgent first.

Pure: a `Timeline` and the athlete's advice items in, `Reason`s out. The roster shows the
first as a badge and filters on their codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from advice.items import AdviceItem
from advice.thresholds import PAIN_FLOOR, PAIN_RISE, VOLUME_JUMP
from advice.timeline import Timeline
from advice.trends import VOLUME_LOW, load_weeks, theil_sen
from advice.wording import SHORT_REGION_NAMES, day_text, pain_text

# Most urgent first; the roster sorts by this order. All but the unread reply are read from
# the athlete's log; that one is the coach's own (coaching reads it for each coach).
CODES = (
    "referral", "pain_rising", "unread_reply", "check_in_missing", "load_change",
    "logging_dropped",
)  # fmt: skip
RAMP_WEEKS = 6  # a steady rise is read over the last six logged weeks
RAMP_SLOPE = 0.5  # points per logged week
PAINFUL_SESSION = 5  # a session this painful asks for its next-morning check-in
CHECK_IN_DAYS = 7  # ...and a missing one counts for a week
LOGGING_WEEKS = 4  # sessions in the last 7 days against the weekly mean of 4 weeks before
MIN_SESSIONS_PER_WEEK = 1.0  # below this there was no habit to drop


# The referral causes (contract section 1) in a few words for a badge.
REFERRAL_WORDS = {
    "persistent_pain": "lasting pain",
    "sharp_acute_pain": "sharp pain",
    "neurological_symptoms": "nerve symptoms",
    "daily_life_or_sleep": "pain in daily life or at night",
    "structural_injury_signs": "popping or swelling",
}


@dataclass(frozen=True)
class Reason:
    code: str  # one of CODES
    text: str  # a short badge: "Lower back pain rising: 3 to 7/10"
    since: date  # the day (or week) it is about

    @property
    def rank(self) -> int:
        return CODES.index(self.code)


def _region(region: str) -> str:
    return SHORT_REGION_NAMES.get(region, region.replace("_", " ")).capitalize()


def _referral(items: list[AdviceItem], today: date) -> list[Reason]:
    urgent = [item for item in items if item.severity == "see_professional"]
    if not urgent:
        return []
    first = urgent[0]
    about = REFERRAL_WORDS.get(first.cause, first.title)
    if first.region:
        about += f", {SHORT_REGION_NAMES.get(first.region, first.region).lower()}"
    dates = [e.date for e in first.evidence]
    return [Reason("referral", f"See a professional: {about}", max(dates, default=today))]


def _pain_rising(timeline: Timeline) -> list[Reason]:
    """A region that hurt at PAIN_FLOOR or more in at least two of the last logged weeks
    (one bad week is not a trend), the latest of them recent, and either climbed steadily (a
    robust slope of RAMP_SLOPE a week or more, PAIN_RISE points in all) or stands clearly
    above the athlete's own level (the advice's baseline rise)."""
    found: list[tuple[int, Reason]] = []
    for region in timeline.regions():
        latest = max(timeline.pain[region])
        peak = timeline.region_week(region, latest).peak
        window = timeline.weeks_between(latest - timedelta(weeks=52), latest)[-RAMP_WEEKS:]
        scores = [timeline.region_week(region, w).peak for w in window]
        repeated = sum(score >= PAIN_FLOOR for score in scores) >= 2
        if not timeline.is_recent(latest) or peak < PAIN_FLOOR or not repeated:
            continue
        felt = [score for score in scores if score > 0]
        ramp = theil_sen(scores) >= RAMP_SLOPE and peak - min(felt) >= PAIN_RISE
        baseline = timeline.baseline(region, latest)
        if ramp or (baseline is not None and baseline.rise(peak)):
            start = min(felt) if ramp or baseline is None else round(baseline.mean)
            text = f"{_region(region)} pain rising: {start} to {pain_text(peak)}"
            found.append((peak, Reason("pain_rising", text, latest)))
    return [reason for _, reason in sorted(found, key=lambda f: (-f[0], f[1].text))]


def _check_in_missing(timeline: Timeline) -> list[Reason]:
    sessions = [b for b in timeline.benches if b.date <= timeline.today]
    if not sessions:
        return []
    last = sessions[-1]
    overdue = timeline.today - last.date
    if (
        last.checked_in is False
        and (last.pain_max or 0) >= PAINFUL_SESSION
        and timedelta(days=2) <= overdue <= timedelta(days=CHECK_IN_DAYS)
    ):
        text = f"No check-in after {pain_text(last.pain_max or 0)} on {day_text(last.date)}"
        return [Reason("check_in_missing", text, last.date)]
    return []


def _load_change(timeline: Timeline) -> list[Reason]:
    """A week's acute:chronic volume ratio outside VOLUME_LOW..VOLUME_JUMP, as the advice
    engine measures it (`Jump.acwr` of trends.load_weeks: against the last CHRONIC_WEEKS
    training weeks that were not light, so a deload neither drags the usual week down nor
    makes the week after it look like a jump): this week if it is already above, else last
    week (a week in progress is not yet low)."""
    measured = {jump.week: jump for jump, _ in load_weeks(timeline)}
    for week in (timeline.this_week, timeline.this_week - timedelta(weeks=1)):
        jump = measured.get(week)
        if jump is None:  # no training that week, or too little log before it
            continue
        ratio = jump.acwr
        if ratio > VOLUME_JUMP:
            return [Reason("load_change", f"Volume up: ×{ratio:.1f} the usual week", week)]
        if week < timeline.this_week and ratio < VOLUME_LOW:
            return [Reason("load_change", f"Volume down: ×{ratio:.1f} the usual week", week)]
    return []


def _logging_dropped(timeline: Timeline) -> list[Reason]:
    """Sessions in the last 7 days at most half the weekly mean of the four weeks before."""
    today = timeline.today
    recent_from = today - timedelta(days=6)
    base_from = recent_from - timedelta(weeks=LOGGING_WEEKS)
    days = [b.date for b in timeline.benches]
    recent = sum(recent_from <= d <= today for d in days)
    usual = sum(base_from <= d < recent_from for d in days) / LOGGING_WEEKS
    if usual >= MIN_SESSIONS_PER_WEEK and recent <= usual / 2:
        sessions = f"{recent} session{'s' * (recent != 1)}"
        text = f"Logging dropped: {sessions} in the last 7 days, usually {usual:.2g} a week"
        return [Reason("logging_dropped", text, recent_from)]
    return []


def unread_reply(count: int, since: date | None) -> Reason | None:
    """The athlete replied (`count` messages the coach has not read, the first on `since`)."""
    if count <= 0 or since is None:
        return None
    text = "Unread reply" if count == 1 else f"{count} unread replies"
    return Reason("unread_reply", text, since)


def reasons(timeline: Timeline, items: list[AdviceItem]) -> list[Reason]:
    """Every reason that holds today, most urgent first (one per kind, pain per region)."""
    found = [
        *_referral(items, timeline.today),
        *_pain_rising(timeline),
        *_check_in_missing(timeline),
        *_load_change(timeline),
        *_logging_dropped(timeline),
    ]
    return sorted(found, key=lambda r: r.rank)
