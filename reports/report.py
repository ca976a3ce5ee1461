"""The clinician report as plain data: what a physiotherapist wants to read about a period.

Built by `reports.queries.report_for` from a fixed number of queries; the page, the PDF and
the API all read the same `Report`. The builders here take plain rows and import no ORM.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from advice.experiments import Outcome, outcome_text
from advice.items import AdviceItem
from advice.thresholds import monday
from advice.wording import SYMPTOM_WORDS, Voice, day_text, setup_text
from tracker.aggregates import as_date
from tracker.charts.progression import Marked
from tracker.units import display, from_kg

WEEK = timedelta(days=7)
DEFAULT_WEEKS = 8
MAX_WEEKS = 52
TIMINGS = ("during", "after", "next_day")
TIMING_HEADERS = {"during": "During", "after": "After", "next_day": "Next morning"}
LIGHTER_WEEK = Decimal("0.90")  # a top set this far under the week before is marked "lighter"
SETUP_ORDER = ("equipment", "padding", "foot_distance", "stance_width")


@dataclass(frozen=True)
class Period:
    """Whole weeks, Monday of the first to the last day shown (the athlete's today, usually)."""

    start: date
    end: date

    @classmethod
    def last_weeks(cls, weeks: int, end: date) -> Period:
        return cls(monday(end) - (weeks - 1) * WEEK, end)

    @property
    def weeks(self) -> list[date]:
        first, last = monday(self.start), monday(self.end)
        return [first + n * WEEK for n in range((last - first).days // 7 + 1)]

    @property
    def text(self) -> str:
        return f"{day_text(self.start)} to {day_text(self.end)} ({len(self.weeks)} weeks)"


@dataclass(frozen=True)
class PainWeek:
    week: date
    worst: dict[str, int | None]  # timing -> worst score that week (None: no report)
    reports: int


@dataclass(frozen=True)
class RegionPain:
    region: str
    label: str
    weeks: tuple[PainWeek, ...]
    worst: int
    reports: int

    def summary(self) -> str:
        scored = [(w.week, max(s for s in w.worst.values() if s is not None)) for w in self.weeks]
        first, last = scored[0], scored[-1]
        return (
            f"{self.reports} reports; worst {self.worst}/10; "
            f"week of {day_text(first[0])}: {first[1]}/10, week of {day_text(last[0])}: "
            f"{last[1]}/10"
        )


@dataclass(frozen=True)
class LoadWeek:
    week: date
    top: str  # in the athlete's unit, as logged
    volume: str
    sets: int
    sessions: int
    change: str  # "load jump: top set +12%", "lighter: top set -15%", or ""
    top_value: float = 0.0  # the top set in the athlete's unit, for the chart
    top_kg: Decimal = Decimal(0)
    volume_kg: Decimal = Decimal(0)


@dataclass(frozen=True)
class SetupSpan:
    """Sessions in a row with the same setup: from, to, how many, what, what changed."""

    first: date
    last: date
    sessions: int
    text: str
    values: dict[str, str]  # field -> value most sets used
    changed_fields: tuple[str, ...] = ()  # empty for the first span

    @property
    def changed(self) -> str:
        """ "padding, foot distance"."""
        return ", ".join(f.replace("_", " ") for f in self.changed_fields)


@dataclass(frozen=True)
class FlagLine:
    symptom: str
    words: str
    reported: tuple[date, ...]
    resolved_on: date | None

    @property
    def status(self) -> str:
        return f"resolved {day_text(self.resolved_on)}" if self.resolved_on else "still open"


@dataclass(frozen=True)
class NoteLine:
    date: date
    author: str  # "Athlete" or the coach's name
    about: str  # "session of 3 Nov 2026", an advice cause title
    text: str


@dataclass(frozen=True)
class ExperimentLine:
    id: int
    started_on: date
    change: str
    source: str
    outcome: Outcome
    text: str


@dataclass(frozen=True)
class Report:
    athlete: str
    unit: str
    period: Period
    generated_on: date
    regions: tuple[RegionPain, ...] = ()
    loads: tuple[LoadWeek, ...] = ()
    setups: tuple[SetupSpan, ...] = ()
    flags: tuple[FlagLine, ...] = ()
    advice: tuple[AdviceItem, ...] = ()
    experiments: tuple[ExperimentLine, ...] = ()
    notes: tuple[NoteLine, ...] = field(default_factory=tuple)

    @property
    def open_flags(self) -> int:
        return sum(1 for f in self.flags if f.resolved_on is None)


def region_pains(rows: Iterable[dict[str, Any]], labels: dict[str, str]) -> list[RegionPain]:
    """From tracker.aggregates.weekly_pain rows: per region (in `labels` order), each week's
    worst score per timing, weeks with a report only."""
    cells: dict[str, dict[date, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    counts: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        week = as_date(row["week"])
        by_timing = cells[row["region"]][week]
        by_timing[row["timing"]] = max(by_timing.get(row["timing"], 0), row["max_score"])
        counts[row["region"]][week] += row["reports"]
    regions = []
    for region, label in labels.items():
        if region not in cells:
            continue
        weeks = tuple(
            PainWeek(week, {t: cells[region][week].get(t) for t in TIMINGS}, counts[region][week])
            for week in sorted(cells[region])
        )
        worst = max(s for w in weeks for s in w.worst.values() if s is not None)
        regions.append(RegionPain(region, label, weeks, worst, sum(w.reports for w in weeks)))
    return regions


def load_weeks(
    rows: Sequence[dict[str, Any]], weeks: Sequence[date], marked: dict[date, Marked], unit: str
) -> list[LoadWeek]:
    """From tracker.aggregates.weekly_load rows (they may start before `weeks`): the shown
    weeks, each marked with the engine's load jumps and with a clearly lighter top set."""
    by_week = {as_date(r["week"]): r for r in rows}
    voice = Voice(unit=unit)
    shown = []
    previous = None
    for week in sorted(by_week):
        row = by_week[week]
        change = f"load jump: {marked[week].text}" if week in marked else ""
        if previous is not None and row["top_load_kg"] <= previous * LIGHTER_WEEK:
            drop = (row["top_load_kg"] - previous) / previous
            change = f"lighter: top set {drop:.0%}".replace("-", "−")
        previous = row["top_load_kg"]
        if week in weeks:
            shown.append(
                LoadWeek(
                    week,
                    display(row["top_load_kg"], unit),
                    voice.volume(row["volume_kg"]),
                    row["sets"],
                    row["sessions"],
                    change,
                    float(from_kg(row["top_load_kg"], unit)),
                    row["top_load_kg"],
                    row["volume_kg"],
                )
            )
    return shown


def _setup_text(values: dict[str, str]) -> str:
    known = [setup_text(f, values[f]) for f in SETUP_ORDER if values.get(f)]
    return ", ".join(known) if known else "not logged"


def setup_spans(sessions: Sequence[tuple[date, dict[str, str]]]) -> list[SetupSpan]:
    """Sessions (oldest first, each with the value most of its sets used per field) grouped
    into runs with the same setup, each saying which fields changed from the run before."""
    runs: list[list[Any]] = []  # [first, last, sessions, values]
    for day, values in sessions:
        if runs and runs[-1][3] == values:
            runs[-1][1], runs[-1][2] = day, runs[-1][2] + 1
        else:
            runs.append([day, day, 1, values])
    spans = []
    for index, (first, last, count, values) in enumerate(runs):
        before = runs[index - 1][3] if index else None
        changed = tuple(f for f in SETUP_ORDER if values.get(f) != before.get(f)) if before else ()
        spans.append(SetupSpan(first, last, count, _setup_text(values), values, changed))
    return spans


def flag_lines(
    reported: Iterable[tuple[date, str]],
    resolutions: Iterable[tuple[date, str]],
    period: Period,
) -> list[FlagLine]:
    """Each red flag reported in the period, or before it and still open then: its dates in
    the period (the last one before, if none) and the day it was said to be gone, if it was."""
    by_kind: dict[str, list[date]] = defaultdict(list)
    for day, kind in sorted(reported):
        if day <= period.end:
            by_kind[kind].append(day)
    gone = sorted(resolutions)
    lines = []
    for kind, days in sorted(by_kind.items()):
        last = days[-1]
        resolved = next((d for d, k in gone if k == kind and d >= last), None)
        inside = tuple(d for d in days if d >= period.start)
        if not inside and resolved is not None and resolved < period.start:
            continue  # over before the period began
        lines.append(FlagLine(kind, SYMPTOM_WORDS.get(kind, kind), inside or (last,), resolved))
    return lines


def experiment_line(row: Any, outcome: Outcome, voice: Voice) -> ExperimentLine:
    source = "seen in the log" if row.source == "log" else "said by the athlete"
    change = outcome.trial.change_text()
    return ExperimentLine(
        row.pk, row.started_on, change, source, outcome, outcome_text(outcome, voice)
    )
