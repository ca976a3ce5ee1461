"""One athlete's history indexed by week, and whether a region's pain is still going on.

Built once per advice run from `advice.history.History` and read-only afterwards.
Anything dated after `history.today` or before MIN_DATE (input refuses such dates; an
old row must still not break the engine) is ignored, so advice for a day never depends
on later entries, and inputs are read in a canonical order, so shuffling the history's
tuples cannot change a single number. Weeks are Mondays; a "logged week" is any week
with an entry of any kind (a week without one is rest: it neither breaks nor extends a
trend).

Every timing counts at its score: 5/10 in a set is 5/10.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, TypeVar

from advice.history import History, OtherPain, Resolution, SessionBench, Symptom
from advice.items import Evidence
from advice.thresholds import AHEAD, PAIN_FLOOR, RECENT_WEEKS, WEEK, monday
from advice.wording import TIMING_WORDS, Voice, pain_text, region_text, week_text

MIN_DATE = date(1900, 1, 1)  # the contract's earliest session date
SETTLED_WEEKS = 2  # logged weeks below PAIN_FLOOR before a pain counts as gone
BASELINE_MIN_WEEKS = 4  # the athlete's own level needs this many logged weeks...
BASELINE_MAX_WEEKS = 8  # ...of at most this many before the week in question
BASELINE_SDS = 2.0  # a rise: this many standard deviations above the own level...
BASELINE_MIN_RISE = 2.0  # ...and at least this many points

# Ties between timings: pain that lasted says more than pain in a set.
TIMING_ORDER = ("after", "next_day", "during")

T = TypeVar("T")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind))
    return _FIELD_NAMES[kind]


def _sort_key(row: Any) -> tuple[tuple[bool, Any], ...]:
    # None sorts after any value of its field, and is never compared with one.
    return tuple(
        (getattr(row, name) is None, getattr(row, name)) for name in _field_names(type(row))
    )


def _canonical(rows: Iterable[T]) -> list[T]:
    """Rows in one order whatever order they came in, so that sums come out the same."""
    return sorted(rows, key=_sort_key)


@dataclass(frozen=True)
class RegionWeek:
    """The worst pain in one region in one week, per timing (0 when not reported)."""

    region: str
    week: date
    during: int = 0
    after: int = 0
    next_day: int = 0

    @property
    def peak(self) -> int:
        return max(self.during, self.after, self.next_day)

    @property
    def timing(self) -> str:
        """The timing of the worst score (after, then next_day, then during on ties)."""
        return max(TIMING_ORDER, key=lambda t: (getattr(self, t), -TIMING_ORDER.index(t)))

    @property
    def raw(self) -> int:
        return self.peak

    @property
    def only_next_day(self) -> bool:
        return self.next_day > 0 and not self.during and not self.after

    def describe(self) -> str:
        """E.g. "5/10 after the session in the week of 2 Mar 2026"."""
        return f"{pain_text(self.peak)} {TIMING_WORDS[self.timing]} in {week_text(self.week)}"

    def evidence(self) -> Evidence:
        metric = f"{region_text(self.region)} pain {TIMING_WORDS[self.timing]}"
        return Evidence(self.week, metric, self.peak)


@dataclass(frozen=True)
class Status:
    """Whether a region's pain is still going on.

    active: at PAIN_FLOOR or more in a recent week, and not yet settled;
    resolved: SETTLED_WEEKS or more logged weeks since the last painful one, all below it;
    stale: painful once, before the recent weeks, with too few weeks logged since;
    quiet: never at PAIN_FLOOR.
    """

    state: str
    last_painful: date | None = None
    settled: tuple[date, ...] = ()  # logged weeks after the last painful one


@dataclass(frozen=True)
class Baseline:
    """A region's own level over the logged weeks before one week."""

    mean: float
    sd: float
    weeks: int

    def rise(self, score: float) -> bool:
        """`score` stands clearly above this level (BASELINE_SDS and BASELINE_MIN_RISE)."""
        return score >= self.mean + max(BASELINE_SDS * self.sd, BASELINE_MIN_RISE)

    def text(self) -> str:
        return f"about {pain_text(round(self.mean, 1))} over the {self.weeks} logged weeks before"


class Timeline:
    """A history indexed by week."""

    def __init__(self, history: History, voice: Voice | None = None) -> None:
        self.voice = voice or Voice()
        self.today = history.today
        self.this_week = monday(history.today)
        self.horizon = history.today + AHEAD  # the latest date a session may carry
        self.recent_start = self.this_week - (RECENT_WEEKS - 1) * WEEK
        self._weeks: set[date] = set()
        self._kept: dict[date, date | None] = {}
        # week -> (top kg, volume kg, loadable volume kg: what ratios are taken of)
        self.loads: dict[date, tuple[float, float, float]] = {}
        for load in _canonical(history.loads):
            if week := self._keep(load.week):
                top, volume, loadable = self.loads.get(week, (0.0, 0.0, 0.0))
                self.loads[week] = (
                    max(top, float(load.top_load_kg)),
                    volume + float(load.volume_kg),
                    loadable + float(load.volume_kg if load.loadable_volume_kg is None
                                     else load.loadable_volume_kg),
                )  # fmt: skip
        scores: dict[tuple[str, date], dict[str, int]] = defaultdict(dict)
        for pain in history.pains:
            if (week := self._keep(pain.week)) and pain.timing in TIMING_WORDS:
                cell = scores[pain.region, week]
                cell[pain.timing] = max(cell.get(pain.timing, 0), pain.max_score)
        self.pain: dict[str, dict[date, RegionWeek]] = defaultdict(dict)
        for (region, week), cell in sorted(scores.items()):
            self.pain[region][week] = RegionWeek(region, week, **cell)
        # Pain felt on other exercises: read by the referral rules only.
        self.other_pains: tuple[OtherPain, ...] = tuple(
            p for p in _canonical(history.other_pains) if self._keep(p.date)
        )
        any_scores: dict[tuple[str, date], dict[str, int]] = defaultdict(dict)
        for (region, week), cell in scores.items():
            any_scores[region, week].update(cell)
        for other in self.other_pains:
            if other.timing in TIMING_WORDS:
                cell = any_scores[other.region, monday(other.date)]
                cell[other.timing] = max(cell.get(other.timing, 0), other.score)
        self.any_pain: dict[str, dict[date, RegionWeek]] = defaultdict(dict)
        for (region, week), cell in sorted(any_scores.items()):
            self.any_pain[region][week] = RegionWeek(region, week, **cell)
        # (region, character) -> week -> (reports, max score); `sharp_in_set` only in-set.
        self.characters: dict[tuple[str, str], dict[date, tuple[int, int]]] = defaultdict(dict)
        self.sharp_in_set: dict[str, dict[date, int]] = defaultdict(dict)
        for char in history.characters:
            if week := self._keep(char.week):
                described = self.characters[char.region, char.character]
                reports, top = described.get(week, (0, 0))
                described[week] = (reports + char.reports, max(top, char.max_score))
                if char.character == "sharp" and char.timing == "during":
                    sharp = self.sharp_in_set[char.region]
                    sharp[week] = max(sharp.get(week, 0), char.max_score)
        # (field, value) -> week -> sets
        self.setups: dict[tuple[str, str], dict[date, int]] = defaultdict(dict)
        for setup in history.setups:
            if week := self._keep(setup.week):
                by_value = self.setups[setup.field, setup.value]
                by_value[week] = by_value.get(week, 0) + setup.sets
        # (field, value, region) -> week -> (reports, max score, sum of scores)
        self.setup_pains: dict[tuple[str, str, str], dict[date, tuple[int, int, int]]] = (
            defaultdict(dict)
        )
        # Scores are whole numbers, so each row's total is too: summed as integers, the
        # totals come out the same in any row order, and the many rows need no sorting.
        for row in history.setup_pains:
            if week := self._keep(row.week):
                by_week = self.setup_pains[row.field, row.value, row.region]
                reports, top, total = by_week.get(week, (0, 0, 0))
                by_week[week] = (
                    reports + row.reports,
                    max(top, row.max_score),
                    total + round(row.mean_score * row.reports),
                )
        # (region, side, exercise) -> week -> (reports, max score): pain placed on one side.
        self.sided: dict[tuple[str, str, str], dict[date, tuple[int, int]]] = defaultdict(dict)
        for sided in history.sided_pains:
            if week := self._keep(sided.week):
                on_side = self.sided[sided.region, sided.side, sided.exercise]
                reports, top = on_side.get(week, (0, 0))
                on_side[week] = (reports + sided.reports, max(top, sided.max_score))
        # Oldest first; rows of the same day keep their canonical order (sorted is stable).
        self.benches: tuple[SessionBench, ...] = tuple(
            sorted((b for b in _canonical(history.benches) if self._keep(b.date)), key=_date)
        )
        self.symptoms: tuple[Symptom, ...] = tuple(
            sorted((s for s in _canonical(history.symptoms) if self._keep(s.date)), key=_date)
        )
        self.resolutions: tuple[Resolution, ...] = tuple(
            sorted((r for r in _canonical(history.resolutions) if r.date <= self.today), key=_date)
        )
        self.weeks: tuple[date, ...] = tuple(sorted(self._weeks))
        # Every session has a bench row (its height may be unknown); a history built
        # without them still has its logged weeks.
        days = [b.date for b in self.benches] + list(self.weeks[-1:])
        self.last_entry: date | None = max(days, default=None)

    def _keep(self, day: date) -> date | None:
        """The week of `day` (a week's rows are dated to its Monday), recorded as logged; None
        before MIN_DATE or after the horizon. Tomorrow's session belongs to this week, even
        when tomorrow is a Monday."""
        if day in self._kept:  # thousands of rows share a few hundred days
            return self._kept[day]
        week = None
        if MIN_DATE <= day <= self.horizon:
            week = min(monday(day), self.this_week)
            self._weeks.add(week)
        self._kept[day] = week
        return week

    def regions(self) -> list[str]:
        return sorted(region for region, weeks in self.pain.items() if weeks)

    def region_week(self, region: str, week: date) -> RegionWeek:
        return self.pain.get(region, {}).get(week) or RegionWeek(region, week)

    def any_region_week(self, region: str, week: date) -> RegionWeek:
        """Like region_week, counting pain felt on other exercises too."""
        return self.any_pain.get(region, {}).get(week) or RegionWeek(region, week)

    def is_recent(self, day: date) -> bool:
        return self.recent_start <= monday(day) <= self.this_week

    def weeks_between(self, start: date, end: date) -> list[date]:
        """Logged weeks from `start` to `end`, both included."""
        return [week for week in self.weeks if start <= week <= end]

    def weeks_before(self, week: date, count: int) -> list[date]:
        """Up to `count` logged weeks before `week`, oldest first."""
        earlier = [w for w in self.weeks if w < week]
        return earlier[-count:]

    def baseline(self, region: str, week: date) -> Baseline | None:
        """The region's own weekly level over the 4-8 logged weeks before `week` (0 for a
        logged week without pain there), or None with fewer than four such weeks."""
        before = self.weeks_before(week, BASELINE_MAX_WEEKS)
        if len(before) < BASELINE_MIN_WEEKS:
            return None
        scores = [self.region_week(region, w).peak for w in before]
        return Baseline(statistics.fmean(scores), statistics.pstdev(scores), len(scores))

    def status(self, region: str) -> Status:
        painful = [w for w, cell in self.pain.get(region, {}).items() if cell.peak >= PAIN_FLOOR]
        if not painful:
            return Status("quiet")
        last = max(painful)
        settled = tuple(week for week in self.weeks if week > last)
        if len(settled) >= SETTLED_WEEKS:
            return Status("resolved", last, settled)
        if self.is_recent(last):
            return Status("active", last, settled)
        return Status("stale", last, settled)

    def recent_pain(self, region: str) -> list[RegionWeek]:
        """Recent weeks at PAIN_FLOOR or more, worst first, while the pain is active."""
        if self.status(region).state != "active":
            return []
        cells = [
            cell
            for week, cell in self.pain[region].items()
            if self.is_recent(week) and cell.peak >= PAIN_FLOOR
        ]
        return sorted(cells, key=lambda cell: (-cell.peak, -cell.week.toordinal()))

    def painful_weeks(self, region: str) -> list[RegionWeek]:
        """Every week at PAIN_FLOOR or more in the region, oldest first."""
        cells = self.pain.get(region, {}).values()
        return sorted((c for c in cells if c.peak >= PAIN_FLOOR), key=lambda c: c.week)

    def is_noise(self, region: str) -> bool:
        """One painful week at 4/10 or less in the whole log: too little to act on."""
        painful = self.painful_weeks(region)
        return len(painful) == 1 and painful[0].peak <= 4

    def character_weeks(self, region: str, character: str) -> dict[date, tuple[int, int]]:
        """week -> (reports, max score) for one pain character in one region."""
        return self.characters.get((region, character), {})

    def top_load(self, week: date) -> float | None:
        load = self.loads.get(week)
        return load[0] if load else None

    def setup_used(self, field: str, value: str, week: date) -> int:
        return self.setups.get((field, value), {}).get(week, 0)

    def open_symptoms(self, kinds: tuple[str, ...]) -> list[Symptom]:
        """Symptoms of these kinds that no later resolution has closed, oldest first.

        A red flag never expires by itself: only the athlete saying it is gone ends it.
        """
        closed = {}
        for resolution in self.resolutions:
            closed[resolution.symptom] = resolution.date  # the latest, resolutions are sorted
        return [
            s
            for s in self.symptoms
            if s.symptom in kinds and (s.symptom not in closed or s.date > closed[s.symptom])
        ]

    def pain_free_top(self, region: str, before: date) -> tuple[float, date] | None:
        """The heaviest top set of a training week before `before` in which the region
        stayed below PAIN_FLOOR, with its week: a load the athlete handled without pain."""
        found = [
            (top, week)
            for week, (top, *_) in self.loads.items()
            if week < before and top > 0 and self.region_week(region, week).peak < PAIN_FLOOR
        ]
        return max(found) if found else None


def _date(row: SessionBench | Symptom | Resolution) -> date:
    return row.date
