"""Chart 1, progression: weekly top set, estimated one-rep max and volume, load jumps marked.

Jumps are the advice engine's (advice.services.load_jumps): a top set more than 10% above the
best the athlete had handled in their recent training weeks, or a week's volume at 1.3 times
the usual. The chart marks the same weeks the advice talks about.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from advice.services import Jump, load_jumps
from advice.thresholds import TOP_SET_JUMP, VOLUME_JUMP
from tracker.charts import style
from tracker.charts.common import (
    VOLUME_UNIT,
    Chart,
    Row,
    Table,
    by_week,
    in_unit,
    number,
    percent_change,
    week_label,
)


@dataclass(frozen=True)
class Marked:
    """A jump week as drawn: which kind, and the text beside its marker."""

    week: date
    top_label: str  # "+12%" when the top set jumped, else ""
    volume_label: str  # e.g. "x1.4" (with a multiplication sign) when the volume jumped

    @property
    def top(self) -> bool:
        return bool(self.top_label)

    @property
    def volume(self) -> bool:
        return bool(self.volume_label)

    @property
    def text(self) -> str:
        parts = [f"top set {self.top_label}"] if self.top else []
        return ", ".join([*parts, *([f"volume {self.volume_label}"] if self.volume else [])])


def marked_jumps(load_rows: Sequence[Row], today: date) -> dict[date, Marked]:
    """The advice engine's load jumps in these weekly rows, by week."""
    return {jump.week: _marked(jump) for jump in load_jumps(load_rows, today)}


def _marked(jump: Jump) -> Marked:
    return Marked(
        jump.week,
        f"+{jump.top_ratio - 1:.0%}" if jump.top_ratio > TOP_SET_JUMP else "",
        f"×{jump.volume_ratio:.1f}" if jump.volume_ratio >= VOLUME_JUMP else "",
    )


def progression(
    load_rows: Sequence[Row], weeks: Sequence[date], *, unit: str, today: date
) -> Chart:
    """`load_rows` are tracker.aggregates.weekly_load rows; they may start up to four weeks
    before `weeks` (the baseline a jump is measured against); only `weeks` are drawn."""
    marked = marked_jumps(load_rows, today)
    rows = by_week(load_rows)
    shown = [w for w in weeks if w in rows]
    x = [w.isoformat() for w in shown]
    top = [in_unit(rows[w]["top_load_kg"], unit) for w in shown]
    e1rm = [in_unit(rows[w]["e1rm_kg"], unit) for w in shown]
    volume = [in_unit(rows[w]["volume_kg"], unit) for w in shown]
    volume_title = f"Volume ({VOLUME_UNIT[unit]})"

    jump_weeks = [w for w in shown if w in marked and marked[w].top]
    # Two rows on one time axis: loads above (x/y), volume below (x2/y2).
    data: list[dict[str, Any]] = [
        {"type": "scatter", "x": x, "y": top, "name": "Top set", "mode": "lines+markers",
         "line": {"color": style.BLUE, "width": 3}, "marker": {"size": 7, "symbol": "circle"},
         "hovertemplate": f"Top set %{{y}} {unit}<extra></extra>"},
        {"type": "scatter", "x": x, "y": e1rm, "name": "Est. 1RM (Epley)",
         "mode": "lines+markers", "line": {"color": style.VERMILLION, "width": 2, "dash": "dash"},
         "marker": {"size": 7, "symbol": "diamond"},
         "hovertemplate": f"Estimated 1RM %{{y}} {unit}<extra></extra>"},
        {"type": "scatter", "x": [w.isoformat() for w in jump_weeks],
         "y": [in_unit(rows[w]["top_load_kg"], unit) for w in jump_weeks],
         "name": "Load jump (>10%)", "mode": "markers+text",
         "marker": {"symbol": "triangle-up", "size": 14, "color": style.GREEN,
                    "line": {"width": 1, "color": style.LIGHT["fg"]}},
         "text": [marked[w].top_label for w in jump_weeks], "textposition": "top center",
         "cliponaxis": False, "hoverinfo": "skip"},
        {"type": "bar", "x": x, "y": volume, "name": "Volume", "xaxis": "x2", "yaxis": "y2",
         "marker": {"color": [style.GREEN if w in marked and marked[w].volume else style.BLUE
                              for w in shown], "opacity": 0.8},
         "showlegend": False, "hovertemplate": f"Volume %{{y}} {VOLUME_UNIT[unit]}<extra></extra>"},
    ]  # fmt: skip
    layout = style.layout(
        height=400,
        xaxis=style.date_axis("", showticklabels=False, matches="x2", anchor="y"),
        yaxis=style.axis(f"Load ({unit})", rangemode="tozero", domain=[0.44, 1], anchor="x"),
        xaxis2=style.date_axis(anchor="y2"),
        yaxis2=style.axis(volume_title, rangemode="tozero", domain=[0, 0.38], anchor="x2"),
        annotations=[] if shown else [style.note("No hip-thrust sets in this range")],
    )
    fig = style.figure(data, layout)

    table = Table(
        caption=f"Hip-thrust sets per week ({unit})",
        headers=("Week", f"Top set ({unit})", f"Est. 1RM ({unit})", volume_title, "Load jump"),
        rows=[
            (week_label(w), number(t), number(e), number(v, 0),
             marked[w].text if w in marked else "")
            for w, t, e, v in zip(shown, top, e1rm, volume, strict=True)
        ],
    )  # fmt: skip
    return Chart(
        id="progression",
        title="Progression",
        figure=fig,
        summary=_summary(shown, top, e1rm, [w for w in shown if w in marked], unit),
        table=table,
    )


def _summary(shown: list[date], top: list, e1rm: list, jumped: list[date], unit: str) -> str:
    if not shown:
        return "No hip-thrust sets logged in this range."
    best = max((e for e in e1rm if e is not None), default=None)
    best_text = f"; best estimated 1RM {number(best)} {unit}" if best is not None else ""
    jumps_text = (
        f"; {len(jumped)} load jump{'s' if len(jumped) != 1 else ''} marked" if jumped else ""
    )
    if len(shown) == 1:
        return f"Top set {number(top[0])} {unit} in the week of {week_label(shown[0])}" + (
            best_text + jumps_text + "."
        )
    span = (shown[-1] - shown[0]).days // 7
    return (
        f"Top set {percent_change(top[0], top[-1])} in {span} week{'s' if span != 1 else ''} "
        f"({number(top[0])} → {number(top[-1])} {unit}){best_text}{jumps_text}."
    )
