"""Chart 4 (pain per setup value, with counts) and chart 5 (sessions per week)."""

from tests.dashboard.rows import WEEKS, setup_pain, setup_set, week
from tracker.charts.consistency import consistency
from tracker.charts.setup import setup_comparison, value_stats

SETS = [setup_set("thick", 10), setup_set("none", 8), setup_set("thin", 2), setup_set("", 5)]
PAINS = [
    setup_pain("none", "hip_bone", worst=6, total=20, reports=5),
    setup_pain("thick", "hip_bone", worst=2, total=3, reports=2),
    setup_pain("thin", "hip_bone", worst=7, total=7, reports=1),
    setup_pain("none", "knee", worst=9, total=9, reports=1),
]


def test_each_known_value_gets_its_sets_and_the_regions_in_set_pain():
    stats = {(s.field, s.value): s for s in value_stats(SETS, PAINS, "hip_bone")}
    assert list(stats) == [  # choice order; blank (unknown) padding says nothing
        ("padding", "none"), ("padding", "thin"), ("padding", "thick"),
        ("foot_distance", "shins_vertical"), ("stance_width", "hip_width"),
    ]  # fmt: skip
    none = stats["padding", "none"]
    assert (none.sets, none.reports, none.worst, none.average) == (8, 5, 6, 4.0)
    assert stats["padding", "thin"].too_few  # 2 sets: too few to tell
    assert stats["foot_distance", "shins_vertical"].sets == 25
    assert stats["foot_distance", "shins_vertical"].reports == 8


def test_the_figure_has_average_bars_and_worst_markers_per_setting_with_counts():
    chart = setup_comparison(SETS, PAINS, region="hip_bone")
    bars = [t for t in chart.figure.data if t.type == "bar"]
    worst = [t for t in chart.figure.data if t.type == "scatter"]
    assert len(bars) == len(worst) == 3  # padding, foot distance, stance width
    assert bars[0].y == ("No pad · 8", "Thin pad * · 2", "Thick pad · 10")
    assert bars[0].x == (4.0, 7.0, 1.5)
    assert worst[0].x == (6, 7, 2)
    assert [a.text for a in chart.figure.layout.annotations] == [
        "Padding", "Foot distance", "Stance width",
    ]  # fmt: skip
    assert chart.figure.layout.xaxis3.title.text == "Pain in the set (0–10)"
    assert chart.table.rows[1] == ("Padding", "Thin pad *", "2", "1", "7", "7")


def test_the_summary_compares_well_tried_values_and_ignores_rare_ones():
    chart = setup_comparison(SETS, PAINS, region="hip_bone")
    assert chart.summary == (
        "Hip bone hurt most with no pad (padding): average 4, worst 6 (5 of 8 sets), against "
        "1.5 with thick pad (2 of 10 sets)."
    )


def test_a_region_without_in_set_pain_says_so():
    chart = setup_comparison(SETS, PAINS, region="neck")
    assert chart.summary == "No neck pain reported during sets in this range."


def test_weeks_without_sessions_count_as_zero():
    rows = [{"week": week(0), "sessions": 2}, {"week": week(3), "sessions": 3}]
    chart = consistency(rows, WEEKS)
    (bars,) = chart.figure.data
    assert bars.type == "bar"
    assert bars.y == (2, 0, 0, 3)
    assert chart.figure.layout.yaxis.title.text == "Sessions"
    assert chart.summary == (
        "Trained in 2 of 4 weeks, 1.2 sessions a week on average; longest break 2 weeks."
    )
    assert chart.table.rows[1] == ("9 Mar 2026", "0")
