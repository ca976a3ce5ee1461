"""Small charts for the report, drawn as SVG on the server: they print, they go into the PDF
(WeasyPrint runs no JavaScript) and they read in grayscale, each series told apart by its line
(solid, dashed, dotted) and marker (circle, square, triangle), never by colour alone.

Presentation attributes only, no `style`: the Content-Security-Policy allows no inline style.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from advice.wording import day_text
from reports.report import LoadWeek, RegionPain

WIDTH, HEIGHT = 320, 110
LEFT, RIGHT, TOP, BOTTOM = 26, 8, 8, 22
SERIES = {  # timing -> (label, dash pattern, marker)
    "during": ("During a set", "", "circle"),
    "after": ("After the session", "5 3", "square"),
    "next_day": ("Next morning", "1.5 2.5", "triangle"),
}


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if count == 1 else span * index / (count - 1))


def _y(score: float, top: float = 10) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - score / top)


def _marker(kind: str, x: float, y: float) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#000"/>'
    if kind == "square":
        return (
            f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="#fff" '
            'stroke="#000"/>'
        )
    return (
        f'<path d="M{x:.1f} {y - 3.5:.1f} L{x + 3.5:.1f} {y + 3:.1f} L{x - 3.5:.1f} {y + 3:.1f} Z" '
        'fill="#777"/>'
    )


def _frame(weeks: Sequence[date], top: float, unit: str) -> list[str]:
    parts = []
    for tick in (0, top / 2, top):
        y = _y(tick, top)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc" '
            'stroke-width="0.6"/>'
            f'<text x="{LEFT - 4}" y="{y + 3:.1f}" font-size="8" text-anchor="end">'
            f"{tick:g}{unit}</text>"
        )
    if weeks:
        for index, anchor in ((0, "start"), (len(weeks) - 1, "end")):
            x = _x(index, len(weeks)) if len(weeks) > 1 else LEFT
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - 6}" font-size="8" text-anchor="{anchor}">'
                f"{escape(day_text(weeks[index]))}</text>"
            )
    return parts


def _svg(label: str, parts: list[str], kind: str) -> SafeString:
    # Every value in `parts` is a number or escaped text.
    return mark_safe(
        f'<svg class="report-chart {kind}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(label)}</title>{''.join(parts)}</svg>"
    )


def pain_chart(region: RegionPain, weeks: Sequence[date]) -> SafeString:
    """A region's worst score per week, one line per timing, over every week of the period."""
    by_week = {w.week: w for w in region.weeks}
    parts = _frame(weeks, 10, "")
    for timing, (_, dash, marker) in SERIES.items():
        points = [
            (_x(i, len(weeks)), _y(by_week[w].worst[timing]))  # type: ignore[arg-type]
            for i, w in enumerate(weeks)
            if w in by_week and by_week[w].worst.get(timing) is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="#000" stroke-width="1.4"{dashes}/>'
            )
        parts += [_marker(marker, x, y) for x, y in points]
    return _svg(f"{region.label} pain per week (0 to 10), by timing", parts, "pain")


def load_chart(loads: Sequence[LoadWeek], unit: str) -> SafeString:
    """The weekly top set as a line; weeks with a load change marked with a triangle."""
    count = len(loads)
    tops = [w.top_value for w in loads]
    top = max(tops, default=0) or 1
    ceiling = float(f"{top * 1.15:.2g}")
    parts = _frame([w.week for w in loads], ceiling, "")
    points = [(_x(i, count), _y(t, ceiling)) for i, t in enumerate(tops)]
    if count > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#000" stroke-width="1.4"/>')
    for (x, y), week in zip(points, loads, strict=True):
        parts.append(_marker("triangle" if week.change else "circle", x, y))
    return _svg(f"Weekly top set ({unit}); triangles mark a load change", parts, "load")
