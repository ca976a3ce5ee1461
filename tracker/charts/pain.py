"""Chart 2, pain by region and week (a heatmap per timing), and chart 3, load against the pain
of one region on one time axis (the chart the advice evidence links to)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from advice.services import Rise, pain_rises
from tracker.charts import style
from tracker.charts.common import (
    REGION_ORDER,
    REGION_SHORT,
    TIMING_PHRASE,
    TIMINGS,
    VOLUME_UNIT,
    Chart,
    Row,
    Switch,
    Table,
    as_date,
    by_week,
    in_unit,
    number,
    percent_change,
    week_label,
)
from tracker.charts.progression import Marked

TEXT_WEEKS = 16  # up to this many columns the cells also show their score


def worst_by_region_week(
    pain_rows: Sequence[Row], timing: str | None = None
) -> dict[str, dict[date, int]]:
    """region -> week -> worst score (of one timing, or of all of them)."""
    cells: dict[str, dict[date, int]] = defaultdict(dict)
    for row in pain_rows:
        if timing is None or row["timing"] == timing:
            week, by_week_ = as_date(row["week"]), cells[row["region"]]
            by_week_[week] = max(by_week_.get(week, 0), row["max_score"])
    return cells


def regions_reported(pain_rows: Sequence[Row]) -> list[str]:
    seen = {row["region"] for row in pain_rows}
    return [region for region in REGION_ORDER if region in seen]


def pain_heatmap(
    pain_rows: Sequence[Row], weeks: Sequence[date], *, timing: str, switches: Sequence[Switch]
) -> Chart:
    """`pain_rows` are tracker.aggregates.weekly_pain rows; colour = worst score that week."""
    cells = worst_by_region_week(pain_rows, timing)
    regions = regions_reported(pain_rows)  # the same rows whichever timing is shown
    labels = [REGION_SHORT[r] for r in regions]
    z = [[cells.get(r, {}).get(w) for w in weeks] for r in regions]
    data: list[dict[str, Any]] = [
        {"type": "heatmap", "x": [w.isoformat() for w in weeks], "y": labels, "z": z,
         "zmin": 0, "zmax": 10, "colorscale": style.PAIN_SCALE, "xgap": 2, "ygap": 2,
         "hoverongaps": False,
         **({"texttemplate": "%{z}"} if len(weeks) <= TEXT_WEEKS else {}),
         "colorbar": {"title": {"text": "Worst pain (0–10)", "side": "top"},
                      "orientation": "h", "y": -0.3, "yanchor": "top", "thickness": 12,
                      "len": 1, "x": 0, "xanchor": "left", "tickvals": [0, 2, 4, 6, 8, 10]},
         "hovertemplate": "%{y}, week of %{x|%-d %b %Y}: %{z}/10<extra></extra>"}
    ] if regions else []  # fmt: skip
    fig = style.figure(data, style.layout(
        height=max(220, 110 + 38 * len(regions)),
        margin={"l": 8, "r": 8, "t": 36, "b": 80},
        # No axis title under the dates: the colour bar's title goes there.
        xaxis=style.date_axis("", showgrid=False, nticks=3),  # region names take room
        yaxis=style.axis("", autorange="reversed", showgrid=False, type="category"),
        annotations=[] if regions else [style.note("No pain reported in this range")],
    ))  # fmt: skip

    reported = [w for w in weeks if any(w in cells.get(r, {}) for r in regions)]
    table = Table(
        caption=f"Worst pain {TIMING_PHRASE[timing]} per week (0–10; – is no report)",
        headers=("Week", *labels),
        rows=[
            (week_label(w), *(str(cells[r][w]) if w in cells.get(r, {}) else "–" for r in regions))
            for w in reported
        ],
    )
    return Chart(
        id="pain",
        title="Pain by region",
        figure=fig,
        summary=_heatmap_summary(cells, timing),
        table=table,
        switches=switches,
        switch_label="Pain timing",
    )


def _heatmap_summary(cells: Mapping[str, Mapping[date, int]], timing: str) -> str:
    phrase = TIMING_PHRASE[timing]
    reported = [(region, week, score) for region, weeks in cells.items() for week, score in
                weeks.items()]  # fmt: skip
    if not reported:
        return f"No pain reported {phrase} in this range."
    region, week, score = max(reported, key=lambda c: (c[2], c[1]))
    first = cells[region][min(cells[region])]
    since = f", up from {first} in its first reported week" if first < score else ""
    count = len(cells)
    return (
        f"Worst pain {phrase}: {REGION_SHORT[region].lower()} {score}/10 in the week of "
        f"{week_label(week)}{since}; {count} region{'s' if count != 1 else ''} reported."
    )


def load_pain(
    load_rows: Sequence[Row],
    pain_rows: Sequence[Row],
    weeks: Sequence[date],
    *,
    region: str,
    unit: str,
    marked: Mapping[date, Marked],
    today: date,
) -> Chart:
    """Weekly volume (bars) and the region's worst pain of the week, any timing (line)."""
    loads = by_week(load_rows)
    worst = worst_by_region_week(pain_rows).get(region, {})
    per_timing = {t: worst_by_region_week(pain_rows, t).get(region, {}) for t in TIMINGS}
    name = REGION_SHORT[region]
    shown = [w for w in weeks if w in loads or w in worst]
    volume = [in_unit(loads[w]["volume_kg"], unit) if w in loads else None for w in shown]
    pain = [worst.get(w) for w in shown]
    jumped = [w for w in shown if w in marked and w in loads]

    volume_title = f"Volume ({VOLUME_UNIT[unit]})"
    data: list[dict[str, Any]] = [
        {"type": "bar", "x": [w.isoformat() for w in shown], "y": volume, "name": volume_title,
         "yaxis": "y",         "marker": {"color": style.BLUE, "opacity": 0.55},
         "hovertemplate": f"Volume %{{y}} {VOLUME_UNIT[unit]}<extra></extra>"},
        {"type": "scatter", "x": [w.isoformat() for w in jumped],
         "y": [in_unit(loads[w]["volume_kg"], unit) for w in jumped],
         "name": "Load jump", "mode": "markers", "hoverinfo": "skip",
         "marker": {"symbol": "triangle-up", "size": 13, "color": style.GREEN,
                    "line": {"width": 1, "color": style.LIGHT["fg"]}}},
        # Pain on its own 0-10 scale (right), over the same weeks.
        {"type": "scatter", "x": [w.isoformat() for w in shown], "y": pain, "yaxis": "y2",
         "name": f"{name} pain", "mode": "lines+markers",
         "line": {"color": style.VERMILLION, "width": 3}, "marker": {"size": 8, "symbol": "square"},
         "hovertemplate": f"{name} pain %{{y}}/10<extra></extra>"},
    ]  # fmt: skip
    fig = style.figure(data, style.layout(
        height=340,
        xaxis=style.date_axis(),
        yaxis=style.axis(volume_title, rangemode="tozero"),
        yaxis2=style.axis(f"{name} pain (0–10)", range=[0, 10.5], showgrid=False, dtick=2,
                          overlaying="y", side="right", anchor="x"),
        annotations=[] if shown else [style.note("Nothing logged in this range")],
    ))  # fmt: skip

    table = Table(
        caption=f"Weekly volume and {name.lower()} pain (worst of the week, 0–10)",
        headers=("Week", f"Volume ({VOLUME_UNIT[unit]})", *TIMINGS.values(), "Load jump"),
        rows=[
            (week_label(w), number(v, 0),
             *(str(per_timing[t][w]) if w in per_timing[t] else "–" for t in TIMINGS),
             marked[w].text if w in marked else "")
            for w, v in zip(shown, volume, strict=True)
        ],
    )  # fmt: skip
    return Chart(
        id="load-pain",
        title="Load against pain",
        figure=fig,
        summary=_load_pain_summary(
            shown, volume, worst, pain_rises(load_rows, worst, region, today), marked, name, unit
        ),
        table=table,
        region_form=True,
    )


def _load_pain_summary(
    shown: list[date],
    volume: list[float | None],
    worst: Mapping[date, int],
    rises: Sequence[Rise],
    marked: Mapping[date, Marked],
    name: str,
    unit: str,
) -> str:
    lifted = [v for v in volume if v is not None]
    volume_text = (
        f"weekly volume {percent_change(lifted[0], lifted[-1])} "
        f"({number(lifted[0], 0)} → {number(lifted[-1], 0)} {VOLUME_UNIT[unit]})"
        if len(lifted) > 1
        else ""
    )
    reported = sorted(w for w in worst if w in set(shown))
    if not reported:
        tail = f"; {volume_text}" if volume_text else ""
        return f"No {name.lower()} pain reported in this range{tail}."
    # The load-jump rule's own reading of a rise (advice.services.pain_rises): the latest.
    in_range = [r for r in rises if r.jump.week in set(shown)]
    if in_range:
        rise, jump = in_range[-1], in_range[-1].jump.week
        what = f" ({marked[jump].text})" if jump in marked else ""
        return (
            f"{name} pain rose from {number(rise.before, 0)} to {rise.pain.peak} within two "
            f"weeks of the load jump in the week of {week_label(jump)}{what}."
        )
    first, last = reported[0], reported[-1]
    peak = max(worst[w] for w in reported)
    tail = f"; {volume_text}" if volume_text else ""
    if first == last:
        return f"{name} pain {worst[first]}/10 in the week of {week_label(first)}{tail}."
    return (
        f"{name} pain {worst[first]} in the week of {week_label(first)}, {worst[last]} in the "
        f"week of {week_label(last)} (worst {peak}){tail}."
    )
