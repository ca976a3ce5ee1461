"""Every figure: colour-blind safe colours that stay visible in light and dark mode, a mode bar
trimmed to the PNG download, no drag-zoom fighting the page scroll, JSON the page can carry."""

import json

import plotly.graph_objects as go
import pytest
from django.core.serializers.json import DjangoJSONEncoder

from tests.dashboard.rows import TODAY, load, pain, setup_pain, setup_set, week
from tracker.charts import Options, Rows, build, style

LIGHT_CARD, DARK_CARD, DARK_PAGE = "#ffffff", "#1b2026", "#111418"  # static/css/app.css
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(scope="module")
def dashboard():
    rows = Rows(
        loads=[load(0, "100", e1rm=120.0), load(1, "100"), load(2, "120", volume="6000")],
        pains=[pain(0, "lower_back", 2), pain(2, "lower_back", 6)],
        sessions=[{"week": week(0), "sessions": 2}],
        setup_sets=[setup_set("thick", 6), setup_set("none", 4)],
        setup_pains=[setup_pain("none", "lower_back", worst=5, total=8, reports=2)],
    )
    return build(rows, Options(range="4w"), unit="kg", today=TODAY)


def colours_of(trace) -> set[str]:
    found: set[str] = set()
    for part in (getattr(trace, "marker", None), getattr(trace, "line", None)):
        colour = getattr(part, "color", None) if part is not None else None
        if isinstance(colour, str):
            found.add(colour)
        elif colour is not None:
            found.update(colour)
    return found


def test_every_figure_passes_plotlys_own_validation(dashboard):
    # The page builds figures without validating them (for speed): this is where it happens.
    for chart in dashboard.charts:
        go.Figure(chart.figure.to_dict())  # raises ValueError on any property plotly.js lacks


def test_every_figure_of_an_empty_log_passes_that_validation_too():
    empty = Rows(loads=[], pains=[], sessions=[], setup_sets=[], setup_pains=[])
    for chart in build(empty, Options(range="all"), unit="lb", today=TODAY).charts:
        go.Figure(chart.figure.to_dict())


def test_a_figure_with_a_property_plotly_lacks_fails_that_validation():
    bad = style.figure([{"type": "scatter", "x": [1], "y": [2], "colour": "red"}], style.layout())
    with pytest.raises(ValueError, match="colour"):
        go.Figure(bad.to_dict())


@pytest.mark.parametrize("colour", style.PALETTE)
def test_series_colours_keep_3_to_1_against_light_and_dark_cards(colour):
    assert colour in OKABE_ITO
    for background in (LIGHT_CARD, DARK_CARD, DARK_PAGE):
        assert contrast(colour, background) >= 3, (colour, background)


def test_every_trace_uses_the_palette(dashboard):
    for chart in dashboard.charts:
        for trace in chart.figure.data:
            if trace.type != "heatmap":
                assert colours_of(trace) <= set(style.PALETTE), (chart.id, trace.name)


def test_the_pain_scale_darkens_steadily_and_its_worst_end_stands_out_in_both_modes():
    colours = [colour for _, colour in style.PAIN_SCALE]
    lightness = [luminance(c) for c in colours]
    assert lightness == sorted(lightness, reverse=True)  # readable without hue
    assert contrast(colours[-1], LIGHT_CARD) >= 3
    assert contrast(colours[-1], DARK_CARD) >= 3


def test_series_differ_by_shape_too_not_only_by_colour(dashboard):
    progression = dashboard.charts[0].figure.data
    top, e1rm, jump = progression[0], progression[1], progression[2]
    assert len({top.marker.symbol, e1rm.marker.symbol, jump.marker.symbol}) == 3
    assert top.line.dash != e1rm.line.dash


def test_the_mode_bar_keeps_only_the_png_download_and_touch_scrolls_the_page(dashboard):
    for chart in dashboard.charts:
        payload = chart.payload
        config = payload["config"]
        assert config["modeBarButtons"] == [["toImage"]]
        assert config["staticPlot"] is False
        assert config["displaylogo"] is False
        assert config["responsive"] is True
        assert config["toImageButtonOptions"]["format"] == "png"
        layout = payload["layout"]
        assert layout["dragmode"] is False
        assert "width" not in layout  # the figure follows its container
        for key, axis in layout.items():
            if key.startswith(("xaxis", "yaxis")):
                assert axis["fixedrange"] is True, (chart.id, key)


def test_figures_travel_as_small_plain_json(dashboard):
    for chart in dashboard.charts:
        text = json.dumps(chart.payload, cls=DjangoJSONEncoder)
        assert not chart.payload["layout"].get("template")  # not plotly.py's 7 KB default
        assert len(text) < 8_000, chart.id


def test_axis_titles_name_their_units(dashboard):
    titles = {
        chart.id: sorted(
            axis["title"]["text"]
            for key, axis in chart.payload["layout"].items()
            if key.startswith(("xaxis", "yaxis")) and axis.get("title", {}).get("text")
        )
        for chart in dashboard.charts
    }
    assert titles["progression"] == ["Load (kg)", "Volume (kg × reps)", "Week starting"]
    assert titles["pain"] == []  # weeks on x, regions on y; the colour bar names the score
    assert titles["load-pain"] == ["Lower back pain (0–10)", "Volume (kg × reps)", "Week starting"]
    assert titles["setup"] == ["Pain in the set (0–10)"]
    assert titles["consistency"] == ["Sessions", "Week starting"]
