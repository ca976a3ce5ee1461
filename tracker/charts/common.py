"""What every dashboard chart shares: weeks, ranges, units, labels, the chart and table shapes.

Plain data in, plain data out: nothing in tracker.charts touches the database. The view reads
the weekly aggregates (tracker.aggregates) and hands their rows to the builders here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import plotly.graph_objects as go
from django.utils.safestring import SafeString

from advice.thresholds import WEEK, monday
from tracker.aggregates import as_date
from tracker.charts import svg
from tracker.charts.style import figure_payload
from tracker.choices import PainRegion, PainTiming, Unit
from tracker.units import KG_PER_LB

# The room kept for a chart before it is drawn: one class per step (static/css/dashboard.css).
PLOT_HEIGHT_STEP = 20
PLOT_HEIGHTS = range(160, 1001, PLOT_HEIGHT_STEP)
Row = dict[str, Any]

# Range id -> (label, weeks shown; None: the whole history).
RANGES: dict[str, tuple[str, int | None]] = {
    "4w": ("4 weeks", 4),
    "12w": ("12 weeks", 12),
    "6m": ("6 months", 26),
    "1y": ("1 year", 52),
    "all": ("All", None),
}
DEFAULT_RANGE = "12w"
TIMINGS: dict[str, str] = {
    PainTiming.DURING: "During",
    PainTiming.AFTER: "After",
    PainTiming.NEXT_DAY: "Next morning",
}
TIMING_PHRASE: dict[str, str] = {
    PainTiming.DURING: "during sets",
    PainTiming.AFTER: "after sessions",
    PainTiming.NEXT_DAY: "the next morning",
}
DEFAULT_TIMING = PainTiming.AFTER
# "Hip bone (where the bar sits)" -> "Hip bone": axis labels must fit a phone.
REGION_SHORT = {region.value: region.label.split(" (")[0] for region in PainRegion}
REGION_ORDER = list(REGION_SHORT)
VOLUME_UNIT: dict[str, str] = {Unit.KG: "kg × reps", Unit.LB: "lb × reps"}


def weeks_from(start: date, end: date) -> list[date]:
    """Every Monday from the week of `start` to the week of `end`, both included."""
    first, last = monday(start), monday(end)
    return [first + n * WEEK for n in range((last - first).days // 7 + 1)] if first <= last else []


def range_start(range_id: str, today: date) -> date | None:
    """The Monday the range starts on (the current week counts as one), None for all."""
    weeks = RANGES[range_id][1]
    return None if weeks is None else monday(today) - (weeks - 1) * WEEK


def in_unit(kg: Any, unit: str) -> float | None:
    """A kilogram amount (Decimal, float or None) as a float in the athlete's unit."""
    if kg is None:
        return None
    value = float(kg) / float(KG_PER_LB) if unit == Unit.LB else float(kg)
    return round(value, 1)


def number(value: float | None, digits: int = 1) -> str:
    """102.0 -> "102", 133.333 -> "133.3", 4800.0 -> "4,800" (digits=0)."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def week_label(week: date) -> str:
    return f"{week.day} {week:%b %Y}"


def short_week(week: date) -> str:
    return f"{week.day} {week:%b}"


def percent_change(before: float, after: float) -> str:
    change = (after - before) / before * 100 if before else 0.0
    return f"{'up' if change >= 0 else 'down'} {abs(change):.0f}%"


@dataclass(frozen=True)
class Table:
    """The "show as table" alternative: what the chart draws, as rows of text."""

    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]


@dataclass(frozen=True)
class Switch:
    """One option of a switch (range, timing): a plain link, so it works without JavaScript."""

    key: str
    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class Chart:
    id: str  # the section's HTML id: advice links to #load-pain
    title: str
    figure: go.Figure
    summary: str
    table: Table
    switches: Sequence[Switch] = ()
    switch_label: str = ""
    region_form: bool = False
    notes: Sequence[str] = field(default_factory=tuple)

    @property
    def script_id(self) -> str:
        return f"figure-{self.id}"

    @property
    def height(self) -> int:
        """Pixels the drawn chart takes, kept free before it is drawn (no layout shift)."""
        return int(self.figure.layout.height or 320)

    @property
    def height_class(self) -> str:
        """A class of static/css/dashboard.css keeping about `height` free (rounded up to 20 px).

        A class, not a style attribute: the Content-Security-Policy allows no inline styles.
        static/js/dashboard.js sets the exact height when it draws.
        """
        step = PLOT_HEIGHT_STEP
        rounded = -(-self.height // step) * step
        return f"plot-h-{min(max(rounded, PLOT_HEIGHTS[0]), PLOT_HEIGHTS[-1])}"

    @cached_property
    def payload(self) -> dict[str, Any]:
        """The figure as the page's json_script block carries it to plotly.js."""
        return figure_payload(self.figure, self.id)

    @cached_property
    def svg(self) -> SafeString:
        """The first view, drawn on the server from the same figure (tracker/charts/svg.py)."""
        return svg.render(
            self.payload, title=self.title, summary_id=f"{self.id}-summary", chart_id=self.id
        )


def by_week(rows: Iterable[Row]) -> dict[date, Row]:
    return {as_date(row["week"]): row for row in rows}
