"""Chart 5, consistency: sessions per week, weeks without training shown as 0."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tracker.charts import style
from tracker.charts.common import Chart, Row, Table, by_week, number, week_label


def consistency(session_rows: Sequence[Row], weeks: Sequence[date]) -> Chart:
    """`session_rows` are tracker.aggregates.weekly_sessions rows."""
    rows = by_week(session_rows)
    counts = [rows[w]["sessions"] if w in rows else 0 for w in weeks]
    bars = {
        "type": "bar",
        "x": [w.isoformat() for w in weeks],
        "y": counts,
        "name": "Sessions",
        "marker": {"color": style.BLUE},
        "hovertemplate": "%{y} sessions<extra></extra>",
    }
    fig = style.figure([bars], style.layout(
        height=260, showlegend=False, margin={"l": 8, "r": 8, "t": 16, "b": 8},
        xaxis=style.date_axis(),
        yaxis=style.axis("Sessions", rangemode="tozero", dtick=1),
        annotations=[] if any(counts) else [style.note("No sessions in this range")],
    ))  # fmt: skip
    return Chart(
        id="consistency",
        title="Sessions per week",
        figure=fig,
        summary=_summary(weeks, counts),
        table=Table(
            caption="Sessions with at least one logged set, per week",
            headers=("Week", "Sessions"),
            rows=[(week_label(w), str(n)) for w, n in zip(weeks, counts, strict=True)],
        ),
    )


def _summary(weeks: Sequence[date], counts: list[int]) -> str:
    if not any(counts):
        return "No sessions logged in this range."
    trained = sum(1 for n in counts if n)
    gap = longest = 0
    for n in counts:
        gap = 0 if n else gap + 1
        longest = max(longest, gap)
    rest = f"; longest break {longest} week{'s' if longest != 1 else ''}" if longest else ""
    return (
        f"Trained in {trained} of {len(weeks)} weeks, {number(sum(counts) / len(weeks))} "
        f"sessions a week on average{rest}."
    )
