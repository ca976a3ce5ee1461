"""The dashboard as a whole: what the query string asks for, and the five charts from the rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from tracker.charts.common import (
    DEFAULT_RANGE,
    DEFAULT_TIMING,
    RANGES,
    REGION_SHORT,
    TIMINGS,
    WEEK,
    Chart,
    Row,
    Switch,
    as_date,
    monday,
    range_start,
    week_label,
    weeks_from,
)
from tracker.charts.consistency import consistency
from tracker.charts.pain import load_pain, pain_heatmap, worst_by_region_week
from tracker.charts.progression import marked_jumps, progression
from tracker.charts.setup import setup_comparison
from tracker.choices import PainRegion

BASELINE = 4 * WEEK  # a load jump is measured against the four weeks before it
DEFAULT_REGION = PainRegion.LOWER_BACK


@dataclass(frozen=True)
class Options:
    """The switches, from the query string; anything unknown falls back to the default."""

    range: str = DEFAULT_RANGE
    timing: str = DEFAULT_TIMING
    region: str | None = None  # None: the region that hurt most in the range

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Options:
        def pick(name: str, allowed: Sequence[str], default: str | None) -> str | None:
            value = query.get(name)
            return value if value in allowed else default

        return cls(
            range=pick("range", list(RANGES), DEFAULT_RANGE) or DEFAULT_RANGE,
            timing=pick("timing", list(TIMINGS), DEFAULT_TIMING) or DEFAULT_TIMING,
            region=pick("region", PainRegion.values, None),
        )

    def url(self, **changes: str) -> str:
        chosen = replace(self, **changes)
        params = {"range": chosen.range, "timing": chosen.timing}
        if chosen.region:
            params["region"] = chosen.region
        return "?" + urlencode(params)

    def since(self, today: date) -> date | None:
        """The first day the charts show (None: the whole history)."""
        return range_start(self.range, today)

    def load_since(self, today: date) -> date | None:
        """Loads are read from four weeks earlier: the baseline of the first week's jump."""
        since = self.since(today)
        return None if since is None else since - BASELINE

    def windows(self, today: date) -> dict[str, date | None]:
        """The dates to read from (tracker.aggregates.chart_rows' keyword arguments)."""
        return {"load_since": self.load_since(today), "since": self.since(today)}


@dataclass(frozen=True)
class Rows:
    """tracker.aggregates rows for one athlete and range (loads from `Options.load_since`)."""

    loads: Sequence[Row] = ()
    pains: Sequence[Row] = ()
    sessions: Sequence[Row] = ()
    setup_sets: Sequence[Row] = ()
    setup_pains: Sequence[Row] = ()


@dataclass(frozen=True)
class Dashboard:
    options: Options
    region: str
    weeks: Sequence[date]
    charts: Sequence[Chart]
    ranges: Sequence[Switch]
    regions: Sequence[tuple[str, str]]  # (value, label) for the region picker

    @property
    def range_text(self) -> str:
        if not self.weeks:
            return "Nothing logged yet"
        count = len(self.weeks)
        return f"{count} week{'s' if count != 1 else ''} from {week_label(self.weeks[0])}"


def busiest_region(pain_rows: Sequence[Row]) -> str:
    """The region with the worst score in the range (the latest on ties), else lower back."""
    cells = [
        (score, week, region)
        for region, weeks in worst_by_region_week(pain_rows).items()
        for week, score in weeks.items()
    ]
    return max(cells)[2] if cells else DEFAULT_REGION


def shown_weeks(rows: Rows, options: Options, today: date) -> list[date]:
    since = options.since(today)
    if since is None:
        dated = [as_date(r["week"]) for r in (*rows.loads, *rows.pains, *rows.sessions)]
        since = min(dated, default=monday(today))
    return weeks_from(since, today)


def build(rows: Rows, options: Options, *, unit: str, today: date) -> Dashboard:
    weeks = shown_weeks(rows, options, today)
    region = options.region or busiest_region(rows.pains)
    marked = marked_jumps(rows.loads, today)
    timings = [
        Switch(f"timing-{t}", label, options.url(timing=t), t == options.timing)
        for t, label in TIMINGS.items()
    ]
    charts = [
        progression(rows.loads, weeks, unit=unit, today=today),
        pain_heatmap(rows.pains, weeks, timing=options.timing, switches=timings),
        load_pain(
            rows.loads, rows.pains, weeks, region=region, unit=unit, marked=marked, today=today
        ),
        setup_comparison(rows.setup_sets, rows.setup_pains, region=region),
        consistency(rows.sessions, weeks),
    ]
    return Dashboard(
        options=options,
        region=region,
        weeks=weeks,
        charts=charts,
        ranges=[
            Switch(f"range-{r}", label, options.url(range=r), r == options.range)
            for r, (label, _) in RANGES.items()
        ],
        regions=[(value, REGION_SHORT[value]) for value in PainRegion.values],
    )
