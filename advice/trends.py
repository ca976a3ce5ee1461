"""What the rules measure over a `Timeline` (trends, not causes): load jumps and the pain
that followed them, pain that comes with one setup value more than with others, and bench
facts.

Pure functions returning frozen dataclasses; nothing here names a cause.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from advice.history import SessionBench
from advice.items import Evidence
from advice.thresholds import PAIN_FLOOR, PAIN_RISE, TOP_SET_JUMP, VOLUME_JUMP, WEEK, monday
from advice.timeline import Baseline, RegionWeek, Timeline
from advice.wording import Voice, region_text, setup_text, week_text

BASELINE_WEEKS = 4  # pain before a jump: the last four training weeks it was measured against
JUMP_BASE_WEEKS = 8  # what the athlete has handled: their last eight training weeks...
JUMP_BASE_MAX_AGE = 26  # ...not older than half a year, deload weeks not counted
MIN_BASE_WEEKS = 4  # fewer training weeks before (a new athlete): no baseline, no jump
CHRONIC_WEEKS = 4  # the chronic half of the acute:chronic volume ratio
# Jumps (TOP_SET_JUMP, VOLUME_JUMP in advice.thresholds) read loads to the nearest 2.5 kg,
# what a pair of small plates changes. A load entered in pounds (to the nearest 5 lb) lands
# within 1.14 kg of its kilogram twin, so both read the same: a kg and an lb user with the
# same change get the same advice.
LOADABLE_KG = 2.5
VOLUME_LOW = 0.80  # below this share of the usual volume: a load change down
DELOAD_TOP = 0.90  # a week under 90% of the best top set, or under VOLUME_LOW volume, is light
RISE_WINDOW_WEEKS = 2  # pain must rise in the jump's week or the two after it


@dataclass(frozen=True)
class Jump:
    """A training week whose top set or volume rose sharply over what the athlete had
    already handled (their recent training weeks, light weeks left out)."""

    week: date
    top_kg: float
    top_base_kg: float  # best top set of the base weeks
    # Volumes as loadable (WeekLoad.loadable_volume_kg): what the ratios are taken of.
    volume_kg: float
    volume_base_kg: float  # mean weekly volume of the last CHRONIC_WEEKS base weeks
    volume_best_kg: float = 0.0  # the biggest weekly volume of the base weeks
    base_weeks: tuple[date, ...] = ()  # the training weeks it was measured against
    # This week's and that biggest week's volume as logged, for the words (0: as loadable).
    logged_volume_kg: float = 0.0
    logged_best_kg: float = 0.0

    @property
    def top_ratio(self) -> float:
        return self.top_kg / self.top_base_kg if self.top_base_kg > 0 else 1.0

    @property
    def volume_ratio(self) -> float:
        """This week's volume over the biggest the athlete had handled in the base weeks."""
        best = self.volume_best_kg or self.volume_base_kg
        return self.volume_kg / best if best > 0 else 1.0

    @property
    def acwr(self) -> float:
        """Acute:chronic: this week's volume over the mean of the last base weeks."""
        return self.volume_kg / self.volume_base_kg if self.volume_base_kg > 0 else 1.0

    @property
    def top_jumped(self) -> bool:
        return loadable(self.top_kg) > loadable(self.top_base_kg) * TOP_SET_JUMP

    @property
    def volume_jumped(self) -> bool:
        return self.volume_ratio >= VOLUME_JUMP

    def describe(self, voice: Voice) -> str:
        parts = []
        if self.top_jumped:
            parts.append(
                f"{voice.your} top set went from {voice.load(self.top_base_kg)} "
                f"(the best of the weeks before) to {voice.load(self.top_kg)} "
                f"(+{self.top_ratio - 1:.0%})"
            )
        if self.volume_jumped:
            best = self.logged_best_kg or self.volume_best_kg or self.volume_base_kg
            parts.append(
                f"{voice.your} weekly volume reached {self.volume_ratio:.1f} times the most "
                f"{voice.you} had done in a week before ({voice.volume(best)} -> "
                f"{voice.volume(self.logged_volume_kg or self.volume_kg)})"
            )
        return f"In {week_text(self.week)} " + " and ".join(parts)

    def evidence(self) -> tuple[Evidence, ...]:
        found = []
        if self.top_jumped:
            found.append(Evidence(self.week, "top set", self.top_kg, "kg"))
            found.append(
                Evidence(self.week, "best top set of the weeks before", self.top_base_kg, "kg")
            )
        if self.volume_jumped:
            found.append(
                Evidence(
                    self.week,
                    "weekly volume against the most handled before",
                    round(self.volume_ratio, 2),
                    "ratio",
                )
            )
        if self.load_changed:
            found.append(self.acwr_evidence())
        return tuple(found)

    @property
    def load_changed(self) -> bool:
        """Volume outside the acute:chronic band (VOLUME_LOW to VOLUME_JUMP of the usual)."""
        return not VOLUME_LOW <= self.acwr <= VOLUME_JUMP

    def acwr_evidence(self) -> Evidence:
        return Evidence(
            self.week,
            "weekly volume against the usual (acute:chronic)",
            round(self.acwr, 2),
            "ratio",
        )


@dataclass(frozen=True)
class Rise:
    """Pain in a region that rose soon after a load jump."""

    jump: Jump
    before: float  # worst pain of the BASELINE_WEEKS weeks before the jump
    pain: RegionWeek  # the worst week of the rise window
    baseline: Baseline | None = None  # the region's own level, when there is enough log

    def evidence(self) -> tuple[Evidence, ...]:
        found = [self.pain.evidence()]
        if self.baseline is not None and self.baseline.rise(self.pain.peak):
            found.append(_own_level(self.pain, self.baseline))
        return tuple(found)


def _own_level(pain: RegionWeek, baseline: Baseline) -> Evidence:
    return Evidence(
        pain.week,
        f"{region_text(pain.region)} pain against its own level ({baseline.text()})",
        round(baseline.mean, 1),
    )


def above_own_level(timeline: Timeline, pain: RegionWeek) -> tuple[str, Evidence] | None:
    """When a week's pain stands clearly above the region's own level (Baseline.rise): a
    clause for the item's words and its evidence line; None otherwise or without enough log."""
    baseline = timeline.baseline(pain.region, pain.week)
    if baseline is None or not baseline.rise(pain.peak):
        return None
    return f"well above its own level ({baseline.text()})", _own_level(pain, baseline)


def load_changes(timeline: Timeline, weeks: Iterable[date]) -> list[Evidence]:
    """Of `weeks`, those whose weekly volume left the acute:chronic band (VOLUME_LOW to
    VOLUME_JUMP against the usual), as evidence lines: a load change beside the pain."""
    wanted = set(weeks)
    return [
        jump.acwr_evidence()
        for jump, _ in load_weeks(timeline)
        if jump.week in wanted and jump.load_changed
    ]


def loadable(kg: float) -> float:
    """A load read to the nearest LOADABLE_KG (halves up), as a bar is loaded."""
    steps = (Decimal(str(kg)) / Decimal(str(LOADABLE_KG))).quantize(Decimal(1), ROUND_HALF_UP)
    return float(steps) * LOADABLE_KG


def _base_weeks(
    history: list[tuple[date, float, float, bool]], week: date
) -> list[tuple[date, float, float, bool]]:
    """The training weeks before `week` that set what the athlete has handled: the last
    JUMP_BASE_WEEKS that were not light, none older than JUMP_BASE_MAX_AGE weeks."""
    oldest = week - JUMP_BASE_MAX_AGE * WEEK
    kept = [row for row in history if row[0] >= oldest and not row[3]]
    return kept[-JUMP_BASE_WEEKS:]


def load_weeks(timeline: Timeline) -> list[tuple[Jump, bool]]:
    """Every training week, oldest first, measured against its base weeks (a `Jump` whose
    ratios may be ordinary), and whether it was a light week (deload or break-in). Weeks
    with fewer than MIN_BASE_WEEKS base weeks are left out: nothing to compare with."""
    return timeline.once("load_weeks", _measure_load_weeks)


def _measure_load_weeks(timeline: Timeline) -> list[tuple[Jump, bool]]:
    seen: list[tuple[date, float, float, bool]] = []
    logged: dict[date, float] = {}
    measured = []
    for week, (top, as_logged, volume) in sorted(timeline.loads.items()):
        logged[week] = as_logged
        base = _base_weeks(seen, week)
        light = False
        if base:
            top_base = max(t for _, t, _, _ in base)
            chronic = base[-CHRONIC_WEEKS:]
            volume_base = math.fsum(v for _, _, v, _ in chronic) / len(chronic)
            best_week, volume_best = max(((w, v) for w, _, v, _ in base), key=lambda b: b[1])
            weeks = tuple(w for w, _, _, _ in base)
            jump = Jump(
                week, top, top_base, volume, volume_base, volume_best, weeks,
                logged_volume_kg=logged[week], logged_best_kg=logged[best_week],
            )  # fmt: skip
            # Light even in the first weeks, so a deload never makes a later week's base.
            light = loadable(top) < loadable(top_base) * DELOAD_TOP or (
                len(base) > 1 and jump.acwr < VOLUME_LOW
            )
            if len(base) >= MIN_BASE_WEEKS:
                measured.append((jump, light))
        seen.append((week, top, volume, light))
    return measured


def jumps(timeline: Timeline) -> list[Jump]:
    """Weeks, oldest first, whose top set beat the best the athlete had handled by more
    than TOP_SET_JUMP (both read to LOADABLE_KG), or whose volume beat the biggest week
    handled by VOLUME_JUMP (the acute:chronic ratio goes into the evidence). Returning to a
    load already handled, after a deload or a break, is not a jump; neither is anything in a
    new athlete's first MIN_BASE_WEEKS training weeks."""
    return [jump for jump, _ in load_weeks(timeline) if jump.top_jumped or jump.volume_jumped]


def rise_after(timeline: Timeline, region: str, jump: Jump) -> Rise | None:
    """The worst week of `region` within RISE_WINDOW_WEEKS of `jump`, if it reached
    PAIN_FLOOR and stood PAIN_RISE or more above every one of the last BASELINE_WEEKS
    training weeks the jump was measured against (light weeks are not among them)."""
    before = [timeline.region_week(region, w).peak for w in jump.base_weeks[-BASELINE_WEEKS:]]
    level = max(before, default=0)
    window = timeline.weeks_between(jump.week, jump.week + RISE_WINDOW_WEEKS * WEEK)
    cells = [timeline.region_week(region, w) for w in window]
    if not cells:
        return None
    worst = max(cells, key=lambda cell: (cell.peak, -cell.week.toordinal()))
    if worst.peak >= PAIN_FLOOR and worst.peak - level >= PAIN_RISE:
        return Rise(jump, level, worst, timeline.baseline(region, worst.week))
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
    timeline: Timeline, field: str, values: tuple[str, ...], region: str, *, min_reports: int = 2
) -> SetupLink | None:
    """Pain in `region` that came with `values` of `field` (in the set, after the session or
    the next morning): at least `min_reports` reports, one at PAIN_FLOOR or more, and
    clearly worse than with the field's other values (twice the report rate or PAIN_RISE
    points higher on average), or no other value was used."""
    others = {v for f, v in timeline.setups if f == field} | {
        v for f, v, _ in timeline.setup_pains if f == field
    }
    others -= set(values)
    inside = _stats(timeline, field, set(values), region)
    outside = _stats(timeline, field, others, region)
    if inside.reports < min_reports or inside.max_score < PAIN_FLOOR:
        return None
    if not (
        outside.sets == 0
        or inside.rate >= 2 * outside.rate
        or inside.mean_score >= outside.mean_score + PAIN_RISE
    ):
        return None
    painful = sorted(
        (
            Evidence(week, f"{region_text(region)} pain with {setup_text(field, value)}", top)
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


def theil_sen(scores: list[int]) -> float:
    """A slope per step robust to one odd week: the median of every pairwise slope."""
    slopes = [
        (scores[j] - scores[i]) / (j - i)
        for i in range(len(scores))
        for j in range(i + 1, len(scores))
    ]
    return statistics.median(slopes) if slopes else 0.0
