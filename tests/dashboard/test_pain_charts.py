"""Chart 2 (pain heatmap per timing) and chart 3 (load against one region's pain)."""

from tests.dashboard.rows import TODAY, WEEKS, load, pain, week
from tracker.charts.common import Switch
from tracker.charts.pain import load_pain, pain_heatmap
from tracker.charts.progression import marked_jumps

PAIN = [
    pain(0, "lower_back", 1),
    pain(0, "lower_back", 3, timing="during"),
    pain(2, "lower_back", 5, character="ache"),
    pain(2, "lower_back", 4, character="sharp"),
    pain(3, "hip_bone", 2, timing="next_day"),
]
SWITCHES = [Switch("timing-after", "After", "?timing=after", True)]


def test_the_heatmap_has_a_row_per_region_and_a_column_per_week_of_the_chosen_timing():
    chart = pain_heatmap(PAIN, WEEKS, timing="after", switches=SWITCHES)
    (heatmap,) = chart.figure.data
    assert heatmap.type == "heatmap"
    assert heatmap.y == ("Lower back", "Hip bone")  # regions of any timing, in the contract's order
    assert heatmap.x == tuple(w.isoformat() for w in WEEKS)
    assert [list(row) for row in heatmap.z] == [[1, None, 5, None], [None] * 4]  # worst of the week
    assert (heatmap.zmin, heatmap.zmax) == (0, 10)
    assert heatmap.colorbar.title.text == "Worst pain (0–10)"
    assert chart.summary == (
        "Worst pain after sessions: lower back 5/10 in the week of 16 Mar 2026, up from 1 in "
        "its first reported week; 1 region reported."
    )
    assert chart.table.headers == ("Week", "Lower back", "Hip bone")
    assert chart.table.rows == [("2 Mar 2026", "1", "–"), ("16 Mar 2026", "5", "–")]


def test_switching_the_timing_shows_only_that_timing():
    chart = pain_heatmap(PAIN, WEEKS, timing="next_day", switches=SWITCHES)
    assert [list(row) for row in chart.figure.data[0].z] == [[None] * 4, [None, None, None, 2]]
    assert chart.summary.startswith("Worst pain the next morning: hip bone 2/10")


def test_cells_show_their_score_only_while_they_are_wide_enough():
    short = pain_heatmap(PAIN, WEEKS, timing="after", switches=SWITCHES)
    long = pain_heatmap(PAIN, [week(n) for n in range(52)], timing="after", switches=SWITCHES)
    assert short.figure.data[0].texttemplate == "%{z}"
    assert long.figure.data[0].texttemplate is None


def test_no_pain_at_all_still_draws_a_figure_and_says_so():
    chart = pain_heatmap([], WEEKS, timing="during", switches=SWITCHES)
    assert chart.figure.data == ()
    assert chart.summary == "No pain reported during sets in this range."


LOADS = [load(n, "100") for n in (-2, -1, 0, 1)] + [load(2, "115", volume="3500")]
LOADS += [load(3, "115")]


def test_load_against_pain_shares_one_time_axis_with_pain_on_its_own_scale():
    chart = load_pain(LOADS, PAIN, WEEKS, region="lower_back", unit="kg",
                      marked=marked_jumps(LOADS, TODAY), today=TODAY)  # fmt: skip
    volume, jumps, line = chart.figure.data
    assert (volume.type, volume.yaxis, line.type, line.yaxis) == ("bar", "y", "scatter", "y2")
    assert volume.x == line.x == tuple(w.isoformat() for w in WEEKS)
    assert volume.y == (3000.0, 3000.0, 3500.0, 3000.0)
    assert line.y == (3, None, 5, None)  # the week's worst, any timing
    assert jumps.x == (week(2).isoformat(),)
    assert chart.figure.layout.yaxis.title.text == "Volume (kg × reps)"
    assert chart.figure.layout.yaxis2.title.text == "Lower back pain (0–10)"
    assert tuple(chart.figure.layout.yaxis2.range) == (0, 10.5)
    assert chart.summary == (
        "Lower back pain rose from 3 to 5 within two weeks of the load jump in the week of "
        "16 Mar 2026 (top set +15%)."
    )
    assert chart.table.rows[0] == ("2 Mar 2026", "3,000", "3", "1", "–", "")
    assert chart.id == "load-pain"  # advice evidence links to #load-pain


def test_without_a_jump_the_summary_gives_first_last_and_worst():
    loads = [load(0, "100"), load(3, "100", volume="3600")]
    chart = load_pain(loads, PAIN, WEEKS, region="lower_back", unit="lb", marked={}, today=TODAY)
    assert chart.summary == (
        "Lower back pain 3 in the week of 2 Mar 2026, 5 in the week of 16 Mar 2026 (worst 5); "
        "weekly volume up 20% (6,614 → 7,937 lb × reps)."
    )


def test_a_region_without_reports_says_so():
    chart = load_pain(LOADS, PAIN, WEEKS, region="knee", unit="kg", marked={}, today=TODAY)
    assert chart.summary.startswith("No knee pain reported in this range")
    assert chart.figure.layout.yaxis2.title.text == "Knee pain (0–10)"
