"""One athlete's history indexed by week, and whether a region's pain is still going on.

Built once per advice run from `advice.history.History` and read-only afterwards.
Anything dated after `history.today` is ignored, so advice for a day never depends on
later entries, and inputs are read in a canonical order, so shuffling the history's
tuples cannot change a single number. Weeks are Mondays; a "logged week" is any week
with an entry of any kind (a week without one is rest: it neither breaks nor extends
a trend).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import cache
from typing import Any, TypeVar

from advice.history import History, SessionBench, Symptom
from advice.items import Evidence

WEEK = timedelta(days=7)
RECENT_WEEKS = 4  # "recent" = the current week and the three before it
DURING_WEIGHT = 0.75  # in-set pain counts less than pain that lasts: a 4 in a set = 3
PAIN_FLOOR = 3.0  # weighted weekly pain worth acting on
SETTLED_WEEKS = 2  # logged weeks below PAIN_FLOOR before a pain counts as gone

TIMING_LABEL = {"after": "after session", "next_day": "next day", "during": "during sets"}
TIMING_PHRASE = {"after": "after the session", "next_day": "the next day", "during": "in a set"}

T = TypeVar("T")


def monday(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _sort_key(row: Any) -> tuple[tuple[bool, Any], ...]:
    # None sorts after any value of its field, and is never compared with one.
    return tuple(
        (getattr(row, name) is None, getattr(row, name)) for name in _field_names(type(row))
    )


def _canonical(rows: Iterable[T]) -> list[T]:
    """Rows in one order whatever order they came in, so that sums come out the same.

    Field by field, not by repr(), which costs more for thousands of rows.
    """
    return sorted(rows, key=_sort_key)


@dataclass(frozen=True)
class RegionWeek:
    """The worst pain in one region in one week, per timing (0 when not reported)."""

    region: str
    week: date
    during: int = 0
    after: int = 0
    next_day: int = 0

    def score(self, timing: str) -> float:
        weight = DURING_WEIGHT if timing == "during" else 1.0
        return getattr(self, timing) * weight

    @property
    def weighted(self) -> float:
        """Pain that lasted counts in full, in-set pain at DURING_WEIGHT."""
        return max(self.score(timing) for timing in TIMING_LABEL)

    @property
    def peak(self) -> int:
        return max(self.during, self.after, self.next_day)

    @property
    def timing(self) -> str:
        """The timing behind `weighted` (after, then next_day, then during on ties)."""
        return max(TIMING_LABEL, key=lambda timing: (self.score(timing), timing != "during"))

    @property
    def raw(self) -> int:
        """The reported score behind `weighted`."""
        return int(getattr(self, self.timing))

    def describe(self) -> str:
        """E.g. "5 after the session in the week of 2026-03-02"."""
        return f"{self.raw} {TIMING_PHRASE[self.timing]} in the week of {self.week.isoformat()}"

    def evidence(self) -> Evidence:
        return Evidence(self.week, f"{self.region} pain {TIMING_LABEL[self.timing]}", self.raw)


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


class Timeline:
    """A history indexed by week."""

    def __init__(self, history: History) -> None:
        self.today = history.today
        self.this_week = monday(history.today)
        self.recent_start = self.this_week - (RECENT_WEEKS - 1) * WEEK
        self._weeks: set[date] = set()
        # week -> (top kg, volume kg)
        self.loads: dict[date, tuple[float, float]] = {}
        for load in _canonical(history.loads):
            if week := self._keep(load.week):
                top, volume = self.loads.get(week, (0.0, 0.0))
                self.loads[week] = (
                    max(top, float(load.top_load_kg)),
                    volume + float(load.volume_kg),
                )
        scores: dict[tuple[str, date], dict[str, int]] = defaultdict(dict)
        # Maxima and whole-number sums come out the same in any order: only rows that feed
        # float sums or same-day ties are put in canonical order (sorting is not free).
        for pain in history.pains:
            if (week := self._keep(pain.week)) and pain.timing in TIMING_LABEL:
                cell = scores[pain.region, week]
                cell[pain.timing] = max(cell.get(pain.timing, 0), pain.max_score)
        self.pain: dict[str, dict[date, RegionWeek]] = defaultdict(dict)
        for (region, week), cell in sorted(scores.items()):
            self.pain[region][week] = RegionWeek(region, week, **cell)
        # (region, character) -> week -> (reports, max score)
        self.characters: dict[tuple[str, str], dict[date, tuple[int, int]]] = defaultdict(dict)
        for char in history.characters:
            if week := self._keep(char.week):
                by_week = self.characters[char.region, char.character]
                reports, top = by_week.get(week, (0, 0))
                by_week[week] = (reports + char.reports, max(top, char.max_score))
        # (field, value) -> week -> sets
        self.setups: dict[tuple[str, str], dict[date, int]] = defaultdict(dict)
        for setup in history.setups:
            if week := self._keep(setup.week):
                by_value = self.setups[setup.field, setup.value]
                by_value[week] = by_value.get(week, 0) + setup.sets
        # (field, value, region) -> week -> (reports, max score, sum of scores)
        self.setup_pains: dict[tuple[str, str, str], dict[date, tuple[int, int, float]]] = (
            defaultdict(dict)
        )
        for row in _canonical(history.setup_pains):
            if week := self._keep(row.week):
                by_week = self.setup_pains[row.field, row.value, row.region]
                reports, top, total = by_week.get(week, (0, 0, 0.0))
                by_week[week] = (
                    reports + row.reports,
                    max(top, row.max_score),
                    total + row.mean_score * row.reports,
                )
        # Oldest first; rows of the same day keep their canonical order (sorted is stable).
        self.benches: tuple[SessionBench, ...] = tuple(
            sorted(
                (b for b in _canonical(history.benches) if b.date <= self.today),
                key=lambda b: b.date,
            )
        )
        self.symptoms: tuple[Symptom, ...] = tuple(
            sorted(
                (s for s in _canonical(history.symptoms) if s.date <= self.today),
                key=lambda s: s.date,
            )
        )
        for row in (*self.benches, *self.symptoms):
            self._keep(row.date)
        self.weeks: tuple[date, ...] = tuple(sorted(self._weeks))

    def _keep(self, day: date) -> date | None:
        """The week of `day`, recorded as logged, or None when it lies after today's week."""
        week = monday(day)
        if week > self.this_week:
            return None
        self._weeks.add(week)
        return week

    def regions(self) -> list[str]:
        return sorted(region for region, weeks in self.pain.items() if weeks)

    def region_week(self, region: str, week: date) -> RegionWeek:
        return self.pain.get(region, {}).get(week) or RegionWeek(region, week)

    def is_recent(self, day: date) -> bool:
        return self.recent_start <= monday(day) <= self.this_week

    def weeks_between(self, start: date, end: date) -> list[date]:
        """Logged weeks from `start` to `end`, both included."""
        return [week for week in self.weeks if start <= week <= end]

    def status(self, region: str) -> Status:
        painful = [
            w for w, cell in self.pain.get(region, {}).items() if cell.weighted >= PAIN_FLOOR
        ]
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
            if self.is_recent(week) and cell.weighted >= PAIN_FLOOR
        ]
        return sorted(cells, key=lambda cell: (-cell.weighted, -cell.week.toordinal()))

    def character_weeks(self, region: str, character: str) -> dict[date, tuple[int, int]]:
        """week -> (reports, max score) for one pain character in one region."""
        return self.characters.get((region, character), {})

    def top_load(self, week: date) -> float | None:
        load = self.loads.get(week)
        return load[0] if load else None

    def setup_used(self, field: str, value: str, week: date) -> int:
        return self.setups.get((field, value), {}).get(week, 0)

    def recent_symptoms(self, kinds: tuple[str, ...]) -> list[Symptom]:
        """Symptoms of these kinds reported in the last RECENT_WEEKS weeks (28 days)."""
        since = self.today - RECENT_WEEKS * WEEK
        return [s for s in self.symptoms if s.symptom in kinds and s.date > since]
