"""What the rules measure over a `Timeline`: load jumps and the pain that followed them,
pain that comes with one setup value more than with others, and bench facts.

Pure functions returning frozen dataclasses; nothing here names a cause.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from statistics import median

from advice.history import SessionBench
from advice.items import Evidence
from advice.timeline import PAIN_FLOOR, WEEK, RegionWeek, Timeline, monday

BASELINE_WEEKS = 4  # a week is compared with the four calendar weeks before it
TOP_SET_JUMP = 1.10  # top set more than 10% above the best of the previous four weeks
VOLUME_JUMP = 1.30  # acute:chronic volume; weekly volume swings more than the top set
PAIN_RISE = 2.0  # points above the earlier level that count as "pain rose"
RISE_WINDOW_WEEKS = 2  # pain must rise in the jump's week or the two after it


@dataclass(frozen=True)
class Jump:
    """A week whose top set or volume rose sharply over the weeks before it."""

    week: date
    top_kg: float
    top_base_kg: float  # best top set of the previous BASELINE_WEEKS weeks
    volume_kg: float
    volume_base_kg: float  # mean weekly volume of those weeks (0: too few to say)

    @property
    def top_ratio(self) -> float:
        return self.top_kg / self.top_base_kg if self.top_base_kg > 0 else 1.0

    @property
    def volume_ratio(self) -> float:
        """Acute:chronic: this week's volume over the mean of the weeks before."""
        return self.volume_kg / self.volume_base_kg if self.volume_base_kg > 0 else 1.0

    def describe(self) -> str:
        parts = []
        if self.top_ratio > TOP_SET_JUMP:
            parts.append(
                f"your top set went from {self.top_base_kg:g} kg to {self.top_kg:g} kg "
                f"(+{self.top_ratio - 1:.0%})"
            )
        if self.volume_ratio >= VOLUME_JUMP:
            parts.append(
                f"your weekly volume reached {self.volume_ratio:.1f} times the average of the "
                f"weeks before ({self.volume_base_kg:.0f} -> {self.volume_kg:.0f} kg)"
            )
        return f"In the week of {self.week.isoformat()} " + " and ".join(parts)

    def evidence(self) -> tuple[Evidence, ...]:
        found = []
        if self.top_ratio > TOP_SET_JUMP:
            found.append(Evidence(self.week, "top-set load (kg)", self.top_kg))
        if self.volume_ratio >= VOLUME_JUMP:
            found.append(
                Evidence(self.week, "volume acute:chronic ratio", round(self.volume_ratio, 2))
            )
        return tuple(found)


@dataclass(frozen=True)
class Rise:
    """Pain in a region that rose soon after a load jump."""

    jump: Jump
    before: float  # worst weighted pain of the BASELINE_WEEKS weeks before the jump
    pain: RegionWeek  # the worst week of the rise window


def jumps(timeline: Timeline) -> list[Jump]:
    """Weeks, oldest first, whose top set beat the best of the previous BASELINE_WEEKS weeks
    by more than TOP_SET_JUMP, or whose volume reached VOLUME_JUMP times their mean.
    Weeks with no training in the previous BASELINE_WEEKS weeks have no baseline."""
    found = []
    for week, (top, volume) in sorted(timeline.loads.items()):
        # Weeks are keyed by their Monday: look the baseline weeks up instead of scanning
        # every week for every week (quadratic in the length of the history).
        earlier = (timeline.loads.get(week - k * WEEK) for k in range(1, BASELINE_WEEKS + 1))
        before = [load for load in earlier if load is not None]
        if not before:
            continue
        top_base = max(t for t, _ in before)
        # One earlier week is too thin a base for a volume ratio. fsum: order-independent.
        volume_base = math.fsum(v for _, v in before) / len(before) if len(before) >= 2 else 0.0
        jump = Jump(week, top, top_base, volume, volume_base)
        if jump.top_ratio > TOP_SET_JUMP or jump.volume_ratio >= VOLUME_JUMP:
            found.append(jump)
    return found


def rise_after(timeline: Timeline, region: str, jump: Jump) -> Rise | None:
    """The worst week of `region` within RISE_WINDOW_WEEKS of `jump`, if it reached
    PAIN_FLOOR and stood PAIN_RISE or more above every week of the BASELINE_WEEKS before."""
    before = [
        timeline.region_week(region, w).weighted
        for w in timeline.weeks_between(jump.week - BASELINE_WEEKS * WEEK, jump.week - WEEK)
    ]
    level = max(before, default=0.0)
    window = timeline.weeks_between(jump.week, jump.week + RISE_WINDOW_WEEKS * WEEK)
    cells = [timeline.region_week(region, w) for w in window]
    if not cells:
        return None
    worst = max(cells, key=lambda cell: (cell.weighted, -cell.week.toordinal()))
    if worst.weighted >= PAIN_FLOOR and worst.weighted - level >= PAIN_RISE:
        return Rise(jump, level, worst)
    return None


@dataclass(frozen=True)
class SetupStats:
    sets: int = 0
    reports: int = 0
    max_score: int = 0
    mean_score: float = 0.0

    @property
    def rate(self) -> float:
        return self.reports / self.sets if self.sets else 0.0


@dataclass(frozen=True)
class SetupLink:
    """In-set pain in a region that came with some values of a setup field, not others."""

    field: str
    values: tuple[str, ...]
    region: str
    with_values: SetupStats
    without: SetupStats
    painful: tuple[Evidence, ...]  # one per week and value with pain, oldest first
    last_use: date  # last week a suspect value was used (or had pain reported with it)


def _stats(timeline: Timeline, field: str, values: set[str], region: str) -> SetupStats:
    sets = sum(
        sum(by_week.values())
        for (fld, value), by_week in timeline.setups.items()
        if fld == field and value in values
    )
    rows = [
        row
        for (fld, value, reg), by_week in timeline.setup_pains.items()
        if fld == field and value in values and reg == region
        for row in by_week.values()
    ]
    reports = sum(n for n, _, _ in rows)
    mean = sum(total for _, _, total in rows) / reports if reports else 0.0
    # A pain row without a matching setup row still means at least that many sets.
    return SetupStats(
        max(sets, reports), reports, max((top for _, top, _ in rows), default=0), mean
    )


def setup_link(
    timeline: Timeline, field: str, values: tuple[str, ...], region: str
) -> SetupLink | None:
    """In-set pain in `region` on sets with `values` of `field`: at least two reports, one at
    PAIN_FLOOR or more, and clearly worse than with the field's other values (twice the
    report rate or PAIN_RISE points higher on average), or no other value was used."""
    others = {v for f, v in timeline.setups if f == field} | {
        v for f, v, _ in timeline.setup_pains if f == field
    }
    others -= set(values)
    inside = _stats(timeline, field, set(values), region)
    outside = _stats(timeline, field, others, region)
    if inside.reports < 2 or inside.max_score < PAIN_FLOOR:
        return None
    if not (
        outside.sets == 0
        or inside.rate >= 2 * outside.rate
        or inside.mean_score >= outside.mean_score + PAIN_RISE
    ):
        return None
    painful = sorted(
        (
            Evidence(week, f"{region} pain during sets with {field} {value}", top)
            for value in values
            for week, (_, top, _) in timeline.setup_pains.get((field, value, region), {}).items()
            if top > 0
        ),
        key=lambda entry: (entry.date, entry.metric),
    )
    used = [w for value in values for w in timeline.setups.get((field, value), {})]
    last_use = max([*used, *(e.date for e in painful)])
    return SetupLink(field, values, region, inside, outside, tuple(painful), last_use)


def usual_bench_height(timeline: Timeline) -> float | None:
    """The median bench height, once at least three sessions say."""
    heights = [b.bench_height_cm for b in timeline.benches if b.bench_height_cm is not None]
    return float(median(heights)) if len(heights) >= 3 else None


def session_pain(timeline: Timeline, bench: SessionBench) -> int:
    """The session's worst pain, or its week's worst when the session's is not known."""
    if bench.pain_max is not None:
        return bench.pain_max
    week = monday(bench.date)
    return max((timeline.region_week(r, week).peak for r in timeline.regions()), default=0)
