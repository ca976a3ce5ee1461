"""Chart 4, setup comparison: in-set pain of a region with each padding, foot distance and
stance width, with the counts that say whether a difference means anything."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.charts import style
from tracker.charts.common import REGION_SHORT, Chart, Row, Table, number
from tracker.choices import FootDistance, Padding, StanceWidth

FIELDS = {
    "padding": ("Padding", Padding),
    "foot_distance": ("Foot distance", FootDistance),
    "stance_width": ("Stance width", StanceWidth),
}
MIN_SETS = 3  # fewer sets than this with a value: too few to tell anything


@dataclass(frozen=True)
class ValueStats:
    """In-set pain of one region on the sets that used one setup value."""

    field: str
    value: str
    sets: int
    reports: int = 0
    worst: int = 0
    score_sum: int = 0

    @property
    def label(self) -> str:
        return FIELDS[self.field][1](self.value).label

    @property
    def average(self) -> float | None:
        """Mean of the reported scores (as the advice engine counts them)."""
        return self.score_sum / self.reports if self.reports else None

    @property
    def too_few(self) -> bool:
        return self.sets < MIN_SETS


def value_stats(set_rows: Sequence[Row], pain_rows: Sequence[Row], region: str) -> list[ValueStats]:
    """Per field and known value, in choice order: sets, and the region's in-set pain.

    `set_rows` are tracker.aggregates.setup_sets rows, `pain_rows` setup_pain rows."""
    sets: dict[tuple[str, str], int] = defaultdict(int)
    for row in set_rows:
        for name in FIELDS:
            if row[name]:  # blank: not known (imported history), says nothing
                sets[name, row[name]] += row["sets"]
    pain: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in pain_rows:
        if row["region"] != region:
            continue
        for name in FIELDS:
            if value := row[f"set__{name}"]:
                acc = pain[name, value]
                acc[0] += row["reports"]
                acc[1] = max(acc[1], row["max_score"])
                acc[2] += row["score_sum"]
    return [
        ValueStats(name, value, sets[name, value], *pain.get((name, value), (0, 0, 0)))
        for name, (_, choices) in FIELDS.items()
        for value in choices.values
        if sets.get((name, value))
    ]


def setup_comparison(set_rows: Sequence[Row], pain_rows: Sequence[Row], *, region: str) -> Chart:
    stats = value_stats(set_rows, pain_rows, region)
    name = REGION_SHORT[region]
    per_field = max((sum(s.field == f for s in stats) for f in FIELDS), default=1)
    # Three rows (padding, feet, stance), one x axis each: what make_subplots would lay out.
    gap, count = 0.12, len(FIELDS)
    height = (1 - gap * (count - 1)) / count
    data: list[dict] = []
    axes: dict[str, dict] = {}
    titles = []
    for row, field in enumerate(FIELDS, start=1):
        values = [s for s in stats if s.field == field]
        labels = [f"{s.label}{' *' if s.too_few else ''} · {s.sets}" for s in values]
        suffix = "" if row == 1 else str(row)
        top = 1 - (row - 1) * (height + gap)
        data += [
            {"type": "bar", "x": [s.average or 0 for s in values], "y": labels,
             "orientation": "h", "name": "Average", "legendgroup": "average",
             "showlegend": row == 1, "marker": {"color": style.BLUE},
             "xaxis": f"x{suffix}", "yaxis": f"y{suffix}",
             "hovertemplate": "%{y}: average %{x:.1f}/10<extra></extra>"},
            {"type": "scatter", "x": [s.worst if s.reports else None for s in values],
             "y": labels, "mode": "markers", "name": "Worst", "legendgroup": "worst",
             "showlegend": row == 1, "xaxis": f"x{suffix}", "yaxis": f"y{suffix}",
             "marker": {"color": style.VERMILLION, "symbol": "diamond", "size": 12,
                        "line": {"width": 1, "color": style.LIGHT["fg"]}},
             "hovertemplate": "%{y}: worst %{x}/10<extra></extra>"},
        ]  # fmt: skip
        title = "Pain in the set (0–10)" if row == count else ""
        axes[f"xaxis{suffix}"] = style.axis(title, range=[0, 10.5], dtick=2, anchor=f"y{suffix}")
        axes[f"yaxis{suffix}"] = style.axis(
            "",
            type="category",
            autorange="reversed",
            domain=[max(0.0, round(top - height, 4)), round(top, 4)],
            anchor=f"x{suffix}",
        )
        titles.append(style.title_note(FIELDS[field][0], y=top))
    fig = style.figure(data, style.layout(
        height=150 + 3 * 34 * max(per_field, 1),
        showlegend=False,  # the note under the chart says what bars and diamonds are
        annotations=[*titles, *([] if stats else [
            style.note("No hip-thrust sets with a known setup in this range")])],
        **axes,
    ))  # fmt: skip

    table = Table(
        caption=f"{name} pain during sets, per setup value (* fewer than {MIN_SETS} sets)",
        headers=("Setting", "Value", "Sets", "Sets with pain", "Average", "Worst"),
        rows=[
            (FIELDS[s.field][0], s.label + (" *" if s.too_few else ""), str(s.sets),
             str(s.reports), number(s.average), str(s.worst) if s.reports else "–")
            for s in stats
        ],
    )  # fmt: skip
    return Chart(
        id="setup",
        title="Setup and pain",
        figure=fig,
        summary=_summary(stats, name),
        table=table,
        notes=(
            f"Bars: average in-set {name.lower()} pain on the sets where it was reported; "
            f"diamonds: the worst. The number after a value is its sets; * marks fewer than "
            f"{MIN_SETS}, too few to tell.",
        ),
    )


def _summary(stats: list[ValueStats], name: str) -> str:
    if not stats:
        return "No hip-thrust sets with a known setup in this range."
    hurt = [s for s in stats if s.reports and not s.too_few]
    if not hurt:
        few = (
            " (only with values tried too few times to tell)"
            if any(s.reports for s in stats)
            else ""
        )
        return f"No {name.lower()} pain reported during sets{few} in this range."

    def alternatives(stats_: ValueStats) -> int:
        return sum(s.field == stats_.field and not s.too_few for s in stats) - 1

    # A value compared with another well-tried one of its field says more than one alone.
    worst = max(hurt, key=lambda s: (s.average or 0, s.worst, alternatives(s), s.sets))
    field = FIELDS[worst.field][0].lower()
    others = [s for s in stats if s.field == worst.field and s is not worst and not s.too_few]
    calmer = min(others, key=lambda s: (s.average or 0, s.worst), default=None)
    versus = (
        f", against {number(calmer.average or 0)} with {calmer.label.lower()} "
        f"({calmer.reports} of {calmer.sets} sets)"
        if calmer
        else ""
    )
    return (
        f"{name} hurt most with {worst.label.lower()} ({field}): average {number(worst.average)}, "
        f"worst {worst.worst} ({worst.reports} of {worst.sets} sets){versus}."
    )
