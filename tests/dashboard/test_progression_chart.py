"""Chart 1: top set, Epley estimate and volume per week, with the advice engine's load jumps."""

from tests.dashboard.rows import TODAY, WEEKS, load, week
from tracker.charts.progression import progression


def traces(chart) -> dict:
    return {trace.name: trace for trace in chart.figure.data}


def test_it_draws_top_set_and_epley_lines_over_volume_bars():
    chart = progression(
        [load(0, "100", e1rm=133.333), load(1, "102.5", volume="3100", e1rm=136.667)],
        WEEKS,
        unit="kg",
        today=TODAY,
    )
    drawn = traces(chart)
    assert [t.type for t in chart.figure.data] == ["scatter", "scatter", "scatter", "bar"]
    assert drawn["Top set"].y == (100.0, 102.5)
    assert drawn["Est. 1RM (Epley)"].y == (133.3, 136.7)  # 100 kg x 10 = 133.3 kg
    assert drawn["Volume"].y == (3000.0, 3100.0)
    assert drawn["Top set"].x == (week(0).isoformat(), week(1).isoformat())
    assert chart.figure.layout.yaxis.title.text == "Load (kg)"
    assert chart.figure.layout.yaxis2.title.text == "Volume (kg × reps)"
    assert chart.figure.layout.xaxis2.title.text == "Week starting"
    assert chart.table.rows[0] == ("2 Mar 2026", "100", "133.3", "3,000", "")


def test_pounds_are_drawn_and_labelled_in_pounds():
    chart = progression([load(0, "100", e1rm=133.333)], WEEKS, unit="lb", today=TODAY)
    assert traces(chart)["Top set"].y == (220.5,)
    assert traces(chart)["Est. 1RM (Epley)"].y == (293.9,)  # 133.333 kg
    assert chart.figure.layout.yaxis.title.text == "Load (lb)"
    assert chart.figure.layout.yaxis2.title.text == "Volume (lb × reps)"
    assert chart.table.headers[1] == "Top set (lb)"


def test_a_top_set_more_than_ten_percent_up_is_marked_with_its_size():
    rows = [load(-1, "100"), load(0, "100"), load(1, "100"), load(2, "100"), load(3, "115")]
    chart = progression(rows, WEEKS, unit="kg", today=TODAY)
    jump = traces(chart)["Load jump (>10%)"]
    assert jump.x == (week(3).isoformat(),)
    assert jump.y == (115.0,)
    assert jump.text == ("+15%",)
    assert chart.table.rows[3][-1] == "top set +15%"
    assert chart.summary == ("Top set up 15% in 3 weeks (100 → 115 kg); 1 load jump marked.")


def test_exactly_ten_percent_is_not_a_jump():
    rows = [load(0, "100"), load(1, "110")]
    chart = progression(rows, WEEKS, unit="kg", today=TODAY)
    assert traces(chart)["Load jump (>10%)"].x == ()
    assert "jump" not in chart.summary


def test_a_volume_jump_colours_its_bar_and_says_so_in_the_table():
    rows = [load(n, "100") for n in (-2, -1, 0, 1)] + [load(2, "100", volume="6000")]
    chart = progression(rows, WEEKS, unit="kg", today=TODAY)
    colours = traces(chart)["Volume"].marker.color
    assert colours[2] != colours[0]
    assert chart.table.rows[2][-1] == "volume ×2.0"


def test_weeks_before_the_range_are_the_jumps_baseline_but_not_drawn():
    # The weeks before the range are the baseline (three training weeks at least).
    rows = [load(-5, "100"), load(-4, "100"), load(-3, "100"), load(-2, "100"), load(0, "120")]
    chart = progression(rows, WEEKS, unit="kg", today=TODAY)
    assert traces(chart)["Top set"].x == (week(0).isoformat(),)
    assert traces(chart)["Load jump (>10%)"].text == ("+20%",)


def test_an_empty_range_says_so_in_words_and_in_the_figure():
    chart = progression([], WEEKS, unit="kg", today=TODAY)
    assert chart.summary == "No hip-thrust sets logged in this range."
    assert chart.table.rows == []
    assert chart.figure.layout.annotations[0].text == "No hip-thrust sets in this range"
