"""A chart's first view, drawn on the server as SVG from the same figure plotly.js would draw.

The charts page paints at once with these (no script to download, parse and run first); the
athlete taps "Explore" for plotly.js (static/js/dashboard.js), which draws the same figure with
values on touch and a PNG download. Only what the dashboard's figures use is drawn: vertical and
horizontal bars, lines and markers (with text), heatmaps, axes by domain (two rows, a right-hand
axis over the left one), paper annotations and a legend.

Colours of text and grid come from classes (static/css/dashboard.css, the page's variables,
dark mode included); series colours are the figures' own. Presentation attributes only, no
`style`: the Content-Security-Policy allows no inline style.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 360  # the viewBox: a phone's card; wider screens scale it up
FONT = 12
LEGEND_ROW = 18
LABEL_CHARS = 16  # a category label longer than this is cut (the table has it whole)
LEGEND_CHARS = 24
DASHES = {"dash": "6 4", "dot": "2 3", "dashdot": "6 3 2 3"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _tick(value: float) -> str:
    """A tick's number, thousands shortened (a phone's axis has room for four characters)."""
    if abs(value) >= 1000:
        return _num(value / 1000) + "k"
    return _num(value)


CHAR = 6.6  # about one character's width at FONT, in viewBox units


def _is_date(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-"


def _day(value: str) -> float:
    return float(date.fromisoformat(value).toordinal())


def _nice_step(span: float, count: int) -> float:
    raw = span / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


@dataclass
class Axis:
    """One axis of the figure: where it lies on the canvas and how values map onto it."""

    name: str  # "xaxis", "yaxis2"...
    spec: dict[str, Any]
    values: list[Any] = field(default_factory=list)
    low: float = 0.0
    high: float = 1.0
    start: float = 0.0  # canvas coordinates of `low` and `high`
    end: float = 1.0
    categories: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.spec.get("type") == "category" or any(
            isinstance(v, str) and not _is_date(v) for v in self.values
        ):
            return "category"
        if self.spec.get("type") == "date" or any(_is_date(v) for v in self.values):
            return "date"
        return "linear"

    def fit(self, *, bars: bool) -> None:
        kind = self.kind
        if kind == "category":
            for value in self.values:
                if value not in self.categories:
                    self.categories.append(value)
            self.low, self.high = -0.5, max(len(self.categories), 1) - 0.5
            return
        numbers = [
            _day(v) if kind == "date" else float(v)
            for v in self.values
            if v is not None and v != ""
        ]
        if "range" in self.spec:
            self.low, self.high = (float(v) for v in self.spec["range"])
        elif not numbers:
            self.low, self.high = (0.0, 1.0) if kind == "linear" else (0.0, 7.0)
        elif kind == "date":
            pad = 3.5 if bars else 2.0
            self.low, self.high = min(numbers) - pad, max(numbers) + pad
        else:
            low, high = min(numbers), max(numbers)
            if self.spec.get("rangemode") == "tozero" or bars:
                low = min(0.0, low)
            high = high if high > low else low + 1
            self.low, self.high = low, high + (high - low) * 0.06

    def at(self, value: Any) -> float | None:
        if value is None or value == "":
            return None
        if self.kind == "category":
            if value not in self.categories:
                return None
            number = float(self.categories.index(value))
        elif self.kind == "date":
            number = _day(value)
        else:
            number = float(value)
        span = self.high - self.low
        share = (number - self.low) / span if span else 0.5
        if self.spec.get("autorange") == "reversed":
            share = 1 - share
        return self.start + (self.end - self.start) * share

    def slot(self) -> float:
        """Canvas length of one category or one week."""
        unit = 1.0 if self.kind == "category" else 7.0
        span = self.high - self.low
        return abs(self.end - self.start) * unit / span if span > 0 else 0.0

    def ticks(self) -> list[tuple[float, str]]:
        if self.kind == "category":
            return [(p, c) for c in self.categories if (p := self.at(c)) is not None]
        if self.kind == "date":
            if not any(_is_date(v) for v in self.values):
                return []  # an empty range: the figure's note says so
            count = int(self.spec.get("nticks", 4))
            first = max(math.ceil(self.low), 1)
            last = min(math.floor(self.high), date.max.toordinal())
            step = max(7, round((last - first) / max(count, 1) / 7) * 7)
            days = [date.fromordinal(d) for d in range(last, first - 1, -step)][::-1]
            years = {d.year for d in days}
            return [
                (self.at(d.isoformat()) or 0.0, _date_label(d, with_year=len(years) > 1))
                for d in days
            ]
        size = float(self.spec.get("dtick") or _nice_step(self.high - self.low, 4))
        marks = []
        tick = math.ceil(self.low / size) * size
        while tick <= self.high + 1e-9:
            marks.append((self.at(tick) or 0.0, _tick(tick)))
            tick += size
        return marks


def _date_label(day: date, *, with_year: bool) -> str:
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year % 100:02d}" if with_year else text


def _axis_key(ref: str, letter: str) -> str:
    return f"{letter}axis{ref[1:]}"


def _interpolate(scale: Sequence[Sequence[Any]], share: float) -> str:
    share = min(max(share, 0.0), 1.0)
    for (a, colour_a), (b, colour_b) in itertools.pairwise(scale):
        if a <= share <= b:
            t = 0.0 if b == a else (share - a) / (b - a)
            rgb = [
                round(int(colour_a[i : i + 2], 16) * (1 - t) + int(colour_b[i : i + 2], 16) * t)
                for i in (1, 3, 5)
            ]
            return "#" + "".join(f"{c:02x}" for c in rgb)
    return str(scale[-1][1])


def _marker(symbol: str, x: float, y: float, size: float, colour: str, edge: str) -> str:
    r = size / 2
    line = f' stroke="{edge}" stroke-width="1"' if edge else ""
    if symbol == "square":
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{size:.1f}" height="{size:.1f}" '
            f'fill="{colour}"{line}/>'
        )
    if symbol == "diamond":
        return (
            f'<path d="M{x:.1f} {y - r:.1f}L{x + r:.1f} {y:.1f}L{x:.1f} {y + r:.1f}'
            f'L{x - r:.1f} {y:.1f}Z" fill="{colour}"{line}/>'
        )
    if symbol == "triangle-up":
        return (
            f'<path d="M{x:.1f} {y - r:.1f}L{x + r:.1f} {y + r * 0.8:.1f}'
            f'L{x - r:.1f} {y + r * 0.8:.1f}Z" fill="{colour}"{line}/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}"{line}/>'


def _colours(spec: Any, count: int) -> list[str]:
    if isinstance(spec, list):
        return [str(c) for c in spec] + ["#0072B2"] * (count - len(spec))
    return [str(spec or "#0072B2")] * count


class Canvas:
    """The figure laid out on a WIDTH x height canvas."""

    def __init__(self, figure: dict[str, Any]) -> None:
        self.data: list[dict[str, Any]] = figure.get("data", [])
        self.layout: dict[str, Any] = figure.get("layout", {})
        self.height = float(self.layout.get("height", 320))
        self.axes: dict[str, Axis] = {}
        for key, spec in self.layout.items():
            if key.startswith(("xaxis", "yaxis")) and isinstance(spec, dict):
                self.axes[key] = Axis(key, spec)
        for trace in self.data:
            for letter in "xy":
                key = _axis_key(trace.get(f"{letter}axis", letter), letter)
                axis = self.axes.setdefault(key, Axis(key, {}))
                axis.values += list(trace.get(letter) or [])
        self.legend = [
            t for t in self.data if t.get("name") and t.get("showlegend", True) is not False
        ]
        if self.layout.get("showlegend") is False:
            self.legend = []
        self._place()

    def _place(self) -> None:
        right_axis = any(a.spec.get("side") == "right" for a in self.axes.values())
        has_colorbar = any(t.get("type") == "heatmap" for t in self.data)
        labels = [
            len(_short(str(v), LABEL_CHARS))
            for axis in self.ys()
            if axis.kind == "category"
            for v in axis.values
        ]
        left = max(48.0, 10 + CHAR * max(labels, default=0))
        right = WIDTH - (40.0 if right_axis else 12.0)
        self.legend_rows = self._legend_rows(left, right)
        titled = any(
            n.get("yanchor") == "bottom" and float(n.get("y", 0)) >= 0.99
            for n in self.layout.get("annotations") or []
        )
        top = 10.0 + LEGEND_ROW * len(self.legend_rows) + (12 if titled else 0)
        bottom = 30.0 + (34 if has_colorbar else 0)
        plot_height = self.height - top - bottom
        self.box = (left, top, right, self.height - bottom)
        for name, axis in self.axes.items():
            bars = any(
                t.get("type") == "bar"
                and _axis_key(t.get(f"{name[0]}axis", name[0]), name[0]) == name
                for t in self.data
            )
            axis.fit(bars=bars or any(t.get("type") == "heatmap" for t in self.data))
            if name.startswith("x"):
                low, high = axis.spec.get("domain", [0, 1])
                axis.start, axis.end = left + (right - left) * low, left + (right - left) * high
            else:
                spec = axis.spec
                if "overlaying" in spec:
                    spec = self.axes.get(_axis_key(spec["overlaying"], "y"), axis).spec
                low, high = spec.get("domain", [0, 1])
                bottom_y = top + plot_height
                axis.start = bottom_y - plot_height * low
                axis.end = bottom_y - plot_height * high

    def _legend_rows(self, left: float, right: float) -> list[list[tuple[float, dict]]]:
        """The legend's items, placed left to right and wrapped to the plot's width."""
        rows: list[list[tuple[float, dict]]] = []
        x = right  # forces a first row
        for trace in self.legend:
            wide = 22 + CHAR * len(_short(str(trace["name"]), LEGEND_CHARS))
            if x + wide > right + 10 or not rows:
                rows.append([])
                x = left - 30
            rows[-1].append((x, trace))
            x += wide
        return rows

    def ys(self) -> list[Axis]:
        return [a for n, a in self.axes.items() if n.startswith("y")]

    def pair(self, trace: dict[str, Any]) -> tuple[Axis, Axis]:
        return (
            self.axes[_axis_key(trace.get("xaxis", "x"), "x")],
            self.axes[_axis_key(trace.get("yaxis", "y"), "y")],
        )

    # --- drawing -------------------------------------------------------------------------

    def grid_and_axes(self) -> Iterable[str]:
        left, _, right, bottom = self.box
        for name, axis in self.axes.items():
            spec = axis.spec
            title = (spec.get("title") or {}).get("text", "")
            if name.startswith("y"):
                side_right = spec.get("side") == "right"
                x_text = right + 4 if side_right else left - 4
                anchor = "start" if side_right else "end"
                for y, label in axis.ticks():
                    if spec.get("showgrid", True) and axis.kind != "category":
                        yield (
                            f'<line class="grid" x1="{left}" x2="{right}" '
                            f'y1="{y:.1f}" y2="{y:.1f}"/>'
                        )
                    yield (
                        f'<text class="tick" x="{x_text:.1f}" y="{y + 3.5:.1f}" '
                        f'text-anchor="{anchor}">{escape(_short(label, LABEL_CHARS))}</text>'
                    )
                if title:
                    middle = (axis.start + axis.end) / 2
                    x = WIDTH - 6 if side_right else 9
                    yield (
                        f'<text class="axis-title" x="{x}" y="{middle:.1f}" text-anchor="middle" '
                        f'transform="rotate(-90 {x} {middle:.1f})">{escape(title)}</text>'
                    )
            else:
                y_axis = self.axes.get(_axis_key(spec.get("anchor", "y"), "y"))
                base = y_axis.start if y_axis and y_axis.start <= bottom else float(bottom)
                yield (
                    f'<line class="axis" x1="{axis.start:.1f}" x2="{axis.end:.1f}" '
                    f'y1="{base:.1f}" y2="{base:.1f}"/>'
                )
                if spec.get("showticklabels", True):
                    for at, label in axis.ticks():
                        half = CHAR * len(label) / 2
                        kept = min(max(at, half + 2), WIDTH - half - 2)  # never cut at the edge
                        yield (
                            f'<text class="tick" x="{kept:.1f}" y="{base + 13:.1f}" '
                            f'text-anchor="middle">{escape(label)}</text>'
                        )
                if title:
                    yield (
                        f'<text class="axis-title" x="{(axis.start + axis.end) / 2:.1f}" '
                        f'y="{base + 26:.1f}" text-anchor="middle">{escape(title)}</text>'
                    )

    def trace(self, trace: dict[str, Any]) -> Iterable[str]:
        kind = trace.get("type", "scatter")
        if kind == "bar":
            yield from self._bars(trace)
        elif kind == "heatmap":
            yield from self._heatmap(trace)
        else:
            yield from self._scatter(trace)

    def _bars(self, trace: dict[str, Any]) -> Iterable[str]:
        x_axis, y_axis = self.pair(trace)
        xs, ys = trace.get("x") or [], trace.get("y") or []
        marker = trace.get("marker") or {}
        colours = _colours(marker.get("color"), len(xs))
        opacity = marker.get("opacity")
        fade = f' fill-opacity="{opacity}"' if opacity is not None else ""
        gap = float(self.layout.get("bargap", 0.2))
        if trace.get("orientation") == "h":
            zero = x_axis.at(0) or x_axis.start
            thick = y_axis.slot() * (1 - gap)
            for value, category, colour in zip(xs, ys, colours, strict=False):
                x, y = x_axis.at(value), y_axis.at(category)
                if x is None or y is None:
                    continue
                yield (
                    f'<rect x="{min(zero, x):.1f}" y="{y - thick / 2:.1f}" '
                    f'width="{abs(x - zero):.1f}" height="{thick:.1f}" fill="{colour}"{fade}/>'
                )
            return
        zero = y_axis.at(0) or y_axis.start
        wide = x_axis.slot() * (1 - gap)
        for value_x, value_y, colour in zip(xs, ys, colours, strict=False):
            x, y = x_axis.at(value_x), y_axis.at(value_y)
            if x is None or y is None:
                continue
            yield (
                f'<rect x="{x - wide / 2:.1f}" y="{min(zero, y):.1f}" width="{wide:.1f}" '
                f'height="{abs(zero - y):.1f}" fill="{colour}"{fade}/>'
            )

    def _scatter(self, trace: dict[str, Any]) -> Iterable[str]:
        x_axis, y_axis = self.pair(trace)
        points = [
            (x_axis.at(x), y_axis.at(y))
            for x, y in zip(trace.get("x") or [], trace.get("y") or [], strict=False)
        ]
        mode = trace.get("mode", "lines+markers")
        line = trace.get("line") or {}
        marker = trace.get("marker") or {}
        colour = str(line.get("color") or marker.get("color") or "#0072B2")
        if "lines" in mode:
            runs: list[list[tuple[float, float]]] = [[]]
            for x, y in points:
                if x is None or y is None:
                    runs.append([])
                else:
                    runs[-1].append((x, y))
            dash = DASHES.get(line.get("dash", ""), "")
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            for run in runs:
                if len(run) > 1:
                    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                    yield (
                        f'<polyline points="{path}" fill="none" stroke="{colour}" '
                        f'stroke-width="{line.get("width", 2)}"{dashed}/>'
                    )
        if "markers" in mode:
            edge = (marker.get("line") or {}).get("color", "")
            fill = str(marker.get("color") or colour)
            size = float(marker.get("size", 6))
            symbol = marker.get("symbol", "circle")
            for x, y in points:
                if x is not None and y is not None:
                    yield _marker(symbol, x, y, size, fill, "currentColor" if edge else "")
        if "text" in mode:
            for (x, y), text in zip(points, trace.get("text") or [], strict=False):
                if x is not None and y is not None and text:
                    yield (
                        f'<text class="label" x="{x:.1f}" y="{y - 10:.1f}" '
                        f'text-anchor="middle">{escape(text)}</text>'
                    )

    def _heatmap(self, trace: dict[str, Any]) -> Iterable[str]:
        x_axis, y_axis = self.pair(trace)
        scale = trace.get("colorscale") or [[0, "#ffffff"], [1, "#000000"]]
        low, high = float(trace.get("zmin", 0)), float(trace.get("zmax", 10))
        wide, tall = x_axis.slot(), y_axis.slot()
        gap_x, gap_y = float(trace.get("xgap", 0)), float(trace.get("ygap", 0))
        text = "texttemplate" in trace
        for category, row in zip(trace.get("y") or [], trace.get("z") or [], strict=False):
            y = y_axis.at(category)
            for week, value in zip(trace.get("x") or [], row, strict=False):
                x = x_axis.at(week)
                if value is None or x is None or y is None:
                    continue
                colour = _interpolate(scale, (float(value) - low) / (high - low))
                yield (
                    f'<rect x="{x - wide / 2 + gap_x / 2:.1f}" y="{y - tall / 2 + gap_y / 2:.1f}" '
                    f'width="{max(wide - gap_x, 0.5):.1f}" height="{max(tall - gap_y, 0.5):.1f}" '
                    f'fill="{colour}"/>'
                )
                if text:
                    ink = "#ffffff" if value >= 9 else "#1b1f24"
                    yield (
                        f'<text x="{x:.1f}" y="{y + 4:.1f}" fill="{ink}" text-anchor="middle">'
                        f"{_num(float(value))}</text>"
                    )
        yield from self._colorbar(trace, scale, low, high)

    def _colorbar(
        self, trace: dict[str, Any], scale: Sequence[Sequence[Any]], low: float, high: float
    ) -> Iterable[str]:
        left, _, right, bottom = self.box
        y = bottom + 30
        stops = "".join(
            f'<stop offset="{float(at):g}" stop-color="{colour}"/>' for at, colour in scale
        )
        yield f'<defs><linearGradient id="{self.gradient_id}">{stops}</linearGradient></defs>'
        yield (
            f'<rect x="{left}" y="{y}" width="{right - left}" height="10" '
            f'fill="url(#{self.gradient_id})"/>'
        )
        title = ((trace.get("colorbar") or {}).get("title") or {}).get("text", "")
        if title:
            yield f'<text class="tick" x="{left}" y="{y - 4}">{escape(title)}</text>'
        for tick in (low, (low + high) / 2, high):
            x = left + (right - left) * (tick - low) / (high - low)
            yield (
                f'<text class="tick" x="{x:.1f}" y="{y + 22}" text-anchor="middle">'
                f"{_num(tick)}</text>"
            )

    gradient_id = "pain-scale"

    def annotations(self) -> Iterable[str]:
        left, top, right, bottom = self.box
        for note in self.layout.get("annotations") or []:
            if note.get("xref") != "paper" or note.get("yref") != "paper":
                continue
            x = left + (right - left) * float(note.get("x", 0.5))
            y = bottom - (bottom - top) * float(note.get("y", 0.5))
            baseline = y - 4 if note.get("yanchor") == "bottom" else y + 4
            muted = " muted" if (note.get("font") or {}).get("color") else ""
            yield (
                f'<text class="note{muted}" x="{x:.1f}" y="{baseline:.1f}" '
                f'text-anchor="middle">{escape(note.get("text", ""))}</text>'
            )

    def legend_items(self) -> Iterable[str]:
        for row, items in enumerate(self.legend_rows):
            y = 9 + row * LEGEND_ROW
            for x, trace in items:
                line = trace.get("line") or {}
                marker = trace.get("marker") or {}
                colour = line.get("color") or marker.get("color") or "#0072B2"
                colour = colour[0] if isinstance(colour, list) else colour
                if trace.get("type") == "bar":
                    yield f'<rect x="{x:.1f}" y="{y - 5}" width="12" height="10" fill="{colour}"/>'
                else:
                    symbol = marker.get("symbol", "circle")
                    yield _marker(symbol, x + 6, y, 8, str(colour), "")
                name = escape(_short(str(trace["name"]), LEGEND_CHARS))
                yield f'<text class="tick" x="{x + 16:.1f}" y="{y + 4}">{name}</text>'


def _short(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(figure: dict[str, Any], *, title: str, summary_id: str, chart_id: str) -> SafeString:
    """The figure as an inline SVG image: titled, described by the chart's summary (its id),
    the chart's table beside it carrying every number."""
    canvas = Canvas(figure)
    canvas.gradient_id = f"{chart_id}-scale"
    body = [
        *canvas.legend_items(),
        *canvas.grid_and_axes(),
        *(part for trace in canvas.data for part in canvas.trace(trace)),
        *canvas.annotations(),
    ]
    height = _num(canvas.height)
    # Every text above went through escape(); the rest are numbers and the figure's colours.
    return mark_safe(
        f'<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} '
        f'{height}" role="img" aria-labelledby="{chart_id}-svg-title" '
        f'aria-describedby="{summary_id}" font-size="{FONT}">'
        f'<title id="{chart_id}-svg-title">{escape(title)}</title>{"".join(body)}</svg>'
    )
