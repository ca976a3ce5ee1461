"""Each chart's first view is an SVG drawn on the server from the figure plotly.js would draw:
accessible (titled, described by the chart's summary), CSP-safe (no style attributes), and
drawn for any range, empty ones included."""

import re
from datetime import date

import pytest

from tests.dashboard.rows import TODAY, load, pain, setup_pain, setup_set
from tracker import charts
from tracker.charts import svg


@pytest.fixture
def dashboard():
    rows = charts.Rows(
        loads=[load(0, "100", e1rm=120.0), load(1, "105"), load(2, "120", volume="4200")],
        pains=[pain(1, "lower_back", 4), pain(2, "lower_back", 7), pain(2, "knee", 2, "during")],
        sessions=[{"week": w, "sessions": 2} for w in (load(n, "1")["week"] for n in range(3))],
        setup_sets=[setup_set("thick", 6), setup_set("none", 4)],
        setup_pains=[setup_pain("none", "lower_back", worst=7, total=12, reports=3)],
    )
    return charts.build(rows, charts.Options(), unit="kg", today=TODAY)


def test_every_chart_is_an_image_titled_and_described_by_its_summary(dashboard):
    for chart in dashboard.charts:
        drawn = str(chart.svg)
        assert drawn.startswith("<svg")
        assert drawn.endswith("</svg>")
        assert 'role="img"' in drawn
        assert f'aria-describedby="{chart.id}-summary"' in drawn
        assert f'<title id="{chart.id}-svg-title">{chart.title}</title>' in drawn


def test_no_chart_carries_a_style_attribute(dashboard):
    for chart in dashboard.charts:
        assert " style=" not in str(chart.svg)


def test_the_progression_draws_a_bar_per_week_with_volume(dashboard):
    progression = next(c for c in dashboard.charts if c.id == "progression")
    weeks = len(progression.payload["data"][3]["x"])
    assert weeks > 0
    assert len(re.findall(r"<rect [^>]*fill=\"#", str(progression.svg))) >= weeks


def test_an_empty_range_draws_its_note():
    empty = charts.build(charts.Rows(), charts.Options(), unit="kg", today=date(2026, 3, 25))
    for chart in empty.charts:
        assert "<svg" in str(chart.svg)
    assert "No hip-thrust sets in this range" in str(empty.charts[0].svg)


def test_names_in_a_figure_are_escaped():
    figure = {
        "data": [{"type": "bar", "x": ["2026-11-23"], "y": [3], "name": "<b>Dead</b>lift"}],
        "layout": {"height": 200, "xaxis": {"type": "date"}, "yaxis": {}},
    }
    drawn = str(svg.render(figure, title="A & B", summary_id="s", chart_id="c"))
    assert "<b>" not in drawn
    assert "&lt;b&gt;Dead" in drawn
    assert "A &amp; B" in drawn
