"""One athlete's history indexed by week, and whether a region's pain is still going on.

Built once per advice run from `advice.history.History`, or from the same history as the
weekly roll-ups already hold it (`Timeline.of_weeks`: no History row per cell, which is
what cold advice costs), and read-only afterwards, so what the rules ask often (a region's
status, a week without pain) is worked out once.

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
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from itertools import groupby
from operator import attrgetter
from typing import Any, TypeVar

from advice.history import (
    History,
    OtherPain,
    Resolution,
    SessionBench,
    Symptom,
    WeekLoad,
    made,
)
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
C = TypeVar("C")
R = TypeVar("R")
D = TypeVar("D", SessionBench, Symptom, Resolution, OtherPain)

# A week's cells as the weekly roll-ups keep them (tracker/rollups.py): a History row's
# fields in order, without its week, and with the sum of the scores for their mean.
PainCell = tuple[str, str, int, int, int]  # region, timing, max score, score sum, reports
CharacterCell = tuple[str, str, int, int, str]  # region, character, reports, max score, timing
SetupCell = tuple[str, str, int]  # field, value, sets
SetupPainCell = tuple[str, str, str, int, int, int]  # field, value, region, max, sum, reports
SidedCell = tuple[str, str, str, int, int]  # region, side, exercise, max score, reports

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


_date = attrgetter("date")


def _by_date(rows: Iterable[D]) -> list[D]:
    """Dated rows (their first field) in canonical order: by date, and rows of one day by
    their other fields. The full key is built only for days holding several rows."""
    ordered = sorted(rows, key=_date)
    if len(ordered) == len({row.date for row in ordered}):
        return ordered
    found: list[D] = []
    for _, day in groupby(ordered, key=_date):
        same_day = list(day)
        found += _canonical(same_day) if len(same_day) > 1 else same_day
    return found


_week = attrgetter("week")


def _runs(rows: Iterable[Any], cell: Callable[[Any], C]) -> list[tuple[date, list[C]]]:
    """History rows as (week, cells) groups: each run of rows of one week, in order."""
    return [(week, list(map(cell, run))) for week, run in groupby(rows, key=_week)]


@dataclass(frozen=True)
class WeekCells:
    """One week of a history already summed per cell (tracker's weekly roll-ups): the
    rows a History would hold for `week`, as plain cells (lists or tuples)."""

    week: date
    load: tuple[float, float, float] | None = None  # top, volume, loadable volume (kg)
    pains: Sequence[PainCell] = ()
    characters: Sequence[CharacterCell] = ()
    setups: Sequence[SetupCell] = ()
    setup_pains: Sequence[SetupPainCell] = ()
    sided: Sequence[SidedCell] = ()


@dataclass
class Indexed:
    """A timeline's week indexes for some weeks, before the rows that depend on the day asked
    about are read (`Timeline.indexed`): what `Timeline.of_weeks` starts from instead of
    indexing those weeks again. Handed over, not shared: the timeline adds to these dicts.

    Only weeks at least a week before the day asked about may be kept so: _keep leaves them
    where they are whatever that day (it moves only tomorrow's rows, into this week)."""

    weeks: set[date]
    loads: dict[date, tuple[float, float, float]]
    scores: dict[tuple[str, date], list[int]]
    characters: dict[tuple[str, str], dict[date, tuple[int, int]]]
    sharp_in_set: dict[str, dict[date, int]]
    setups: dict[tuple[str, str], dict[date, int]]
    setup_pains: dict[tuple[str, str, str], dict[date, tuple[int, int, int]]]
    sided: dict[tuple[str, str, str], dict[date, tuple[int, int]]]


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


def _region_week(region: str, week: date, during: int, after: int, next_day: int) -> RegionWeek:
    """RegionWeek(region, week, during, after, next_day), only faster (a timeline makes
    hundreds of cells)."""
    return made(RegionWeek, region=region, week=week, during=during, after=after, next_day=next_day)


# Where each timing's worst score goes in a RegionWeek (during, after, next_day).
_SLOT = {timing: ("during", "after", "next_day").index(timing) for timing in TIMING_WORDS}


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


K = TypeVar("K")
V = TypeVar("V")


def _started(index: dict[K, dict[date, V]] | None) -> defaultdict[K, dict[date, V]]:
    """An index to add weeks to: `index`'s weeks (an Indexed's, taken over), or none."""
    return defaultdict(dict, index or {})


def _copied(index: dict[K, dict[date, V]]) -> dict[K, dict[date, V]]:
    return {key: dict(weeks) for key, weeks in index.items()}


class Timeline:
    """A history indexed by week.

    Built from a `History` (its rows in any order), or with `of_weeks` from a history
    already summed per week and cell (the weekly roll-ups): the same timeline either way,
    the second without a row object per cell.
    """

    def __init__(self, history: History, voice: Voice | None = None) -> None:
        self._start(history.today, voice)
        # Loads are summed as floats, so each week's rows are added in canonical order.
        by_week: dict[date, list[WeekLoad]] = defaultdict(list)
        for load in history.loads:
            if week := self._keep(load.week):
                by_week[week].append(load)
        for week in sorted(by_week):
            rows = by_week[week]
            for load in _canonical(rows) if len(rows) > 1 else rows:
                volume = float(load.volume_kg)
                loadable = load.loadable_volume_kg
                self._add_load(
                    week,
                    float(load.top_load_kg),
                    volume,
                    volume if loadable is None else float(loadable),
                )
        # The rows as WeekCells' cells, in runs of one week (a History read from the
        # roll-ups is one run per week): their order is kept, and so is the keys'.
        scores = self._index(
            # (a pain cell's score sum is never read: its mean stands in)
            pains=_runs(history.pains, attrgetter("region", "timing", "max_score",
                                                  "mean_score", "reports")),
            characters=_runs(history.characters, attrgetter("region", "character", "reports",
                                                            "max_score", "timing")),
            setups=_runs(history.setups, attrgetter("field", "value", "sets")),
            setup_pains=[
                # Scores are whole numbers, so each row's total is too: summed as integers,
                # the totals come out the same in any row order.
                (week, [(p.field, p.value, p.region, p.max_score,
                         round(p.mean_score * p.reports), p.reports) for p in rows])
                for week, rows in groupby(history.setup_pains, key=_week)
            ],
            sided=_runs(history.sided_pains, attrgetter("region", "side", "exercise",
                                                        "max_score", "reports")),
        )  # fmt: skip
        self._finish(
            history.benches, history.symptoms, history.resolutions, history.other_pains, scores
        )

    @classmethod
    def of_weeks(
        cls,
        today: date,
        weeks: Iterable[WeekCells],
        *,
        benches: Iterable[SessionBench] = (),
        symptoms: Iterable[Symptom] = (),
        resolutions: Iterable[Resolution] = (),
        other_pains: Iterable[OtherPain] = (),
        voice: Voice | None = None,
        before: Indexed | None = None,
    ) -> Timeline:
        """The timeline of the History whose week rows are `weeks`' cells (one WeekLoad,
        WeekPain, ... per cell, dated to its week), the other rows as given. `weeks`: oldest
        first, each week once; `before`: the indexes of weeks older than all of them (their
        dated rows among the others), taken over."""
        timeline = cls.__new__(cls)
        timeline._start(today, voice)
        if before is not None:
            timeline._weeks = before.weeks
            timeline.loads = before.loads
        weeks = list(weeks)
        for cells in weeks:
            # Each week once, oldest first: the canonical order of the loads' rows.
            if cells.load is not None and (week := timeline._keep(cells.week)):
                timeline._add_load(week, *cells.load)
        scores = timeline._index(
            pains=[(w.week, w.pains) for w in weeks],
            characters=[(w.week, w.characters) for w in weeks],
            setups=[(w.week, w.setups) for w in weeks],
            setup_pains=[(w.week, w.setup_pains) for w in weeks],
            sided=[(w.week, w.sided) for w in weeks],
            before=before,
        )
        timeline._finish(benches, symptoms, resolutions, other_pains, scores)
        return timeline

    def indexed(self) -> Indexed:
        """This timeline's week indexes (of a timeline built by `of_weeks`), to start another
        from: see `Indexed`."""
        return Indexed(
            weeks=set(self._weeks),
            loads=dict(self.loads),
            scores={key: list(cell) for key, cell in self._scores.items()},
            characters=_copied(self.characters),
            sharp_in_set=_copied(self.sharp_in_set),
            setups=_copied(self.setups),
            setup_pains=_copied(self.setup_pains),
            sided=_copied(self.sided),
        )

    def _start(self, today: date, voice: Voice | None) -> None:
        self.voice = voice or Voice()
        self.today = today
        self.this_week = monday(today)
        self.horizon = today + AHEAD  # the latest date a session may carry
        self.recent_start = self.this_week - (RECENT_WEEKS - 1) * WEEK
        self._weeks: set[date] = set()
        self._kept: dict[date, date | None] = {}
        self._status: dict[str, Status] = {}
        self._quiet: dict[tuple[str, date], RegionWeek] = {}
        self._derived: dict[str, Any] = {}
        # week -> (top kg, volume kg, loadable volume kg: what ratios are taken of)
        self.loads: dict[date, tuple[float, float, float]] = {}

    def _add_load(self, week: date, top: float, volume: float, loadable: float) -> None:
        was_top, was_volume, was_loadable = self.loads.get(week, (0.0, 0.0, 0.0))
        self.loads[week] = (max(was_top, top), was_volume + volume, was_loadable + loadable)

    def _index(
        self,
        *,
        pains: Iterable[tuple[date, Sequence[PainCell]]],
        characters: Iterable[tuple[date, Sequence[CharacterCell]]],
        setups: Iterable[tuple[date, Sequence[SetupCell]]],
        setup_pains: Iterable[tuple[date, Sequence[SetupPainCell]]],
        sided: Iterable[tuple[date, Sequence[SidedCell]]],
        before: Indexed | None = None,
    ) -> dict[tuple[str, date], list[int]]:
        """The week-indexed sums of the cells, each group (a day and its cells) dated by
        `_keep`: several groups of one week add up (and add to `before`'s indexes). Returns
        the worst pain per region and week at each timing (what `any_pain` adds other
        exercises to).

        The loops are written out: three years of history hold some 11,000 cells."""
        keep = self._keep
        scores: dict[tuple[str, date], list[int]] = before.scores if before else {}
        for day, cells in pains:
            if cells and (week := keep(day)):
                for region, timing, top, _, _ in cells:
                    if (slot := _SLOT.get(timing)) is not None:
                        cell = scores.get((region, week))
                        if cell is None:
                            cell = scores[region, week] = [0, 0, 0]
                        cell[slot] = max(cell[slot], top)
        self.pain: dict[str, dict[date, RegionWeek]] = defaultdict(dict)
        for region, week in sorted(scores):
            self.pain[region][week] = _region_week(region, week, *scores[region, week])
        # (region, character) -> week -> (reports, max score); `sharp_in_set` only in-set.
        self.characters: dict[tuple[str, str], dict[date, tuple[int, int]]] = _started(
            before.characters if before else None
        )
        self.sharp_in_set: dict[str, dict[date, int]] = _started(
            before.sharp_in_set if before else None
        )
        for day, described_cells in characters:
            if described_cells and (week := keep(day)):
                for region, character, reports, top, timing in described_cells:
                    described = self.characters[region, character]
                    was = described.get(week)
                    described[week] = (
                        (reports, max(0, top))
                        if was is None
                        else (was[0] + reports, max(was[1], top))
                    )
                    if character == "sharp" and timing == "during":
                        sharp = self.sharp_in_set[region]
                        sharp[week] = max(sharp.get(week, 0), top)
        # (field, value) -> week -> sets
        self.setups: dict[tuple[str, str], dict[date, int]] = _started(
            before.setups if before else None
        )
        used = self.setups
        for day, setup_cells in setups:
            if setup_cells and (week := keep(day)):
                for field, value, sets in setup_cells:
                    by_value = used[field, value]
                    by_value[week] = by_value.get(week, 0) + sets
        # (field, value, region) -> week -> (reports, max score, sum of scores)
        self.setup_pains: dict[tuple[str, str, str], dict[date, tuple[int, int, int]]] = _started(
            before.setup_pains if before else None
        )
        linked = self.setup_pains
        for day, linked_cells in setup_pains:
            if linked_cells and (week := keep(day)):
                for field, value, region, top, total, reports in linked_cells:
                    by_week = linked[field, value, region]
                    if (was_linked := by_week.get(week)) is None:
                        by_week[week] = (reports, top if top > 0 else 0, total)
                    else:
                        reported, worst, summed = was_linked
                        by_week[week] = (reported + reports, max(worst, top), summed + total)
        # (region, side, exercise) -> week -> (reports, max score): pain placed on one side.
        self.sided: dict[tuple[str, str, str], dict[date, tuple[int, int]]] = _started(
            before.sided if before else None
        )
        for day, sided_cells in sided:
            if sided_cells and (week := keep(day)):
                for region, side, exercise, top, reports in sided_cells:
                    on_side = self.sided[region, side, exercise]
                    was = on_side.get(week)
                    on_side[week] = (
                        (reports, max(0, top))
                        if was is None
                        else (was[0] + reports, max(was[1], top))
                    )
        self._scores = scores
        return scores

    def _finish(
        self,
        benches: Iterable[SessionBench],
        symptoms: Iterable[Symptom],
        resolutions: Iterable[Resolution],
        other_pains: Iterable[OtherPain],
        scores: dict[tuple[str, date], list[int]],
    ) -> None:
        # Pain felt on other exercises: read by the referral rules only.
        self.other_pains: tuple[OtherPain, ...] = tuple(
            p for p in _by_date(other_pains) if self._keep(p.date)
        )
        self.any_pain: dict[str, dict[date, RegionWeek]] = defaultdict(dict)
        # With the week each was kept in: this week for tomorrow's, even a Monday.
        others = [
            (week, o)
            for o in self.other_pains
            if o.timing in TIMING_WORDS and (week := self._keep(o.date))
        ]
        if not others:
            # The same cells: they are frozen, so sharing them is sharing equal values.
            for region, weeks in self.pain.items():
                self.any_pain[region] = dict(weeks)
        else:
            any_scores = {key: list(cell) for key, cell in scores.items()}
            for week, other in others:
                slot = _SLOT[other.timing]
                cell = any_scores.setdefault((other.region, week), [0, 0, 0])
                cell[slot] = max(cell[slot], other.score)
            for region, week in sorted(any_scores):
                self.any_pain[region][week] = _region_week(region, week, *any_scores[region, week])
        # Oldest first; rows of the same day in their canonical order.
        self.benches: tuple[SessionBench, ...] = tuple(
            b for b in _by_date(benches) if self._keep(b.date)
        )
        self.symptoms: tuple[Symptom, ...] = tuple(
            s for s in _by_date(symptoms) if self._keep(s.date)
        )
        self.resolutions: tuple[Resolution, ...] = tuple(
            r for r in _by_date(resolutions) if r.date <= self.today
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

    def once(self, name: str, compute: Callable[[Timeline], R]) -> R:
        """`compute(self)`, worked out on first use and kept: a view several rules read (the
        load weeks) is computed once per timeline. The timeline never changes after it is
        built, so neither does the answer."""
        if name not in self._derived:
            self._derived[name] = compute(self)
        return self._derived[name]  # type: ignore[no-any-return]

    def regions(self) -> list[str]:
        return sorted(region for region, weeks in self.pain.items() if weeks)

    def region_week(self, region: str, week: date) -> RegionWeek:
        cells = self.pain.get(region)
        return (cells and cells.get(week)) or self._quiet_week(region, week)

    def any_region_week(self, region: str, week: date) -> RegionWeek:
        """Like region_week, counting pain felt on other exercises too."""
        cells = self.any_pain.get(region)
        return (cells and cells.get(week)) or self._quiet_week(region, week)

    def _quiet_week(self, region: str, week: date) -> RegionWeek:
        """A week without pain in the region (made once: the rules ask for many)."""
        cell = self._quiet.get((region, week))
        if cell is None:
            cell = self._quiet[region, week] = _region_week(region, week, 0, 0, 0)
        return cell

    def is_recent(self, day: date) -> bool:
        # recent_start <= monday(day), and no later than the horizon: tomorrow's session is
        # this week's (as in _keep), even when tomorrow is a Monday.
        return self.recent_start <= day <= self.horizon

    def weeks_between(self, start: date, end: date) -> list[date]:
        """Logged weeks from `start` to `end`, both included."""
        weeks = self.weeks
        return list(weeks[bisect_left(weeks, start) : bisect_right(weeks, end)])

    def weeks_before(self, week: date, count: int) -> list[date]:
        """Up to `count` logged weeks before `week`, oldest first."""
        earlier = self.weeks[: bisect_left(self.weeks, week)]
        return list(earlier[-count:])

    def baseline(self, region: str, week: date) -> Baseline | None:
        """The region's own weekly level over the 4-8 logged weeks before `week` (0 for a
        logged week without pain there), or None with fewer than four such weeks."""
        before = self.weeks_before(week, BASELINE_MAX_WEEKS)
        if len(before) < BASELINE_MIN_WEEKS:
            return None
        scores = [self.region_week(region, w).peak for w in before]
        return Baseline(statistics.fmean(scores), statistics.pstdev(scores), len(scores))

    def status(self, region: str) -> Status:
        """The region's Status (worked out once: the timeline does not change)."""
        found = self._status.get(region)
        if found is None:
            found = self._status[region] = self._find_status(region)
        return found

    def _find_status(self, region: str) -> Status:
        painful = [w for w, cell in self.pain.get(region, {}).items() if cell.peak >= PAIN_FLOOR]
        if not painful:
            return Status("quiet")
        last = max(painful)
        settled = self.weeks[bisect_right(self.weeks, last) :]
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
