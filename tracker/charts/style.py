"""How every figure looks and behaves on a phone, in light and in dark mode.

Colours are Okabe-Ito (safe for the common colour-vision deficiencies) and were chosen for a
contrast of 3:1 or more against both the light card (#ffffff) and the dark one (#1b2026), so a
line or bar stays visible in either mode; series also differ by dash and marker shape. Text and
grid colours are the light theme's here; static/js/dashboard.js swaps in the page's CSS
variables (dark mode) before drawing, so a downloaded PNG matches what the athlete sees.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"
PURPLE = "#CC79A7"
PALETTE = (BLUE, VERMILLION, GREEN, PURPLE)
# Pain 0..10: ColorBrewer OrRd (colour-blind safe, luminance falls steadily with the score);
# the worst end keeps 3:1 against both cards. A week without a report stays empty, not 0.
PAIN_SCALE = [[0.0, "#fef0d9"], [0.3, "#fdcc8a"], [0.6, "#fc8d59"], [1.0, "#d7301f"]]
LIGHT = {"fg": "#1b1f24", "muted": "#5a6370", "line": "#d5dae1", "card": "#ffffff"}
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"

# Phone first: no drag-to-zoom fighting the page scroll, a mode bar holding only the PNG
# download, and a figure that follows its container's width.
CONFIG: dict[str, Any] = {
    "responsive": True,
    "staticPlot": False,
    "displayModeBar": True,
    "displaylogo": False,
    "scrollZoom": False,
    "doubleClick": False,
    "modeBarButtons": [["toImage"]],
}


def config(name: str) -> dict[str, Any]:
    return {
        **CONFIG,
        "toImageButtonOptions": {"format": "png", "filename": f"thrustlog-{name}", "scale": 2},
    }


def axis(title: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": title, "font": {"size": 13}},
        "gridcolor": LIGHT["line"],
        "linecolor": LIGHT["line"],
        "zerolinecolor": LIGHT["line"],
        "fixedrange": True,  # touch scrolls the page, it does not zoom the chart
        "automargin": True,
        **extra,
    }


# Level date labels, few enough to fit a 360 px phone without overlapping.
DATE_TICKS = {"type": "date", "hoverformat": "%-d %b %Y", "tickangle": 0, "nticks": 4}


def date_axis(title: str = "Week starting", **extra: Any) -> dict[str, Any]:
    return axis(title, **{**DATE_TICKS, **extra})


def layout(*, height: int = 320, **extra: Any) -> dict[str, Any]:
    """The layout every figure starts from, as a plain dict: the figure is built in one go
    (go.Figure(dict) validates once; plotly.py's update_* calls cost ~100 ms a page)."""
    return {
        "height": height,
        "margin": {"l": 8, "r": 8, "t": 36, "b": 8},
        "font": {"family": FONT, "size": 13, "color": LIGHT["fg"]},
        "paper_bgcolor": LIGHT["card"],
        "plot_bgcolor": LIGHT["card"],
        "dragmode": False,
        "hovermode": "closest",
        "legend": {
            "orientation": "h",
            "x": 0,
            "y": 1.02,
            "yanchor": "bottom",
            "font": {"size": 12},
        },
        "bargap": 0.25,
        **extra,
    }


def note(message: str) -> dict[str, Any]:
    """An empty figure still draws (axes and this note), so the page never jumps."""
    return {
        "text": message, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5,
        "y": 0.5, "font": {"size": 14, "color": LIGHT["muted"]},
    }  # fmt: skip


def title_note(text: str, *, y: float) -> dict[str, Any]:
    """A subplot's title above its domain (what make_subplots would add)."""
    return {
        "text": text, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": y,
        "xanchor": "center", "yanchor": "bottom", "font": {"size": 13},
    }  # fmt: skip


def figure(data: list[dict[str, Any]], layout_: dict[str, Any]) -> go.Figure:
    """The figure, as plotly.js will read it.

    Not validated as it is built: plotly.py's check of every property was 40% of the charts
    page's server time (bench/RESULTS.md). The test suite validates every figure instead
    (tests/dashboard/test_chart_style.py).
    """
    # `_validate` is a keyword of plotly.py's BaseFigure, not a documented one: were it gone,
    # plotly.py would refuse it as an unknown property and every chart test would fail.
    fig = go.Figure({"data": data, "layout": layout_}, _validate=False)
    fig.layout.template = None  # plotly.py's default template would add ~7 KB to each figure
    return fig


def figure_payload(fig: go.Figure, name: str) -> dict[str, Any]:
    """What the page's json_script block holds: data, layout and the trimmed config."""
    plain = fig.to_plotly_json()
    return {"data": plain["data"], "layout": plain["layout"], "config": config(name)}
