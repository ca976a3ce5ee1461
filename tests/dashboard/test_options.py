"""The switches: query string in, weeks and links out; anything unknown falls back."""

from datetime import date

from tests.dashboard.rows import TODAY, pain, week
from tracker.charts import Options, Rows, build
from tracker.charts.page import busiest_region, shown_weeks


def test_the_defaults_are_twelve_weeks_after_sessions_and_the_region_that_hurt_most():
    assert Options.from_query({}) == Options(range="12w", timing="after", region=None)


def test_unknown_values_fall_back_to_the_defaults():
    query = {"range": "10y", "timing": "sometimes", "region": "elbow"}
    assert Options.from_query(query) == Options()


def test_known_values_are_kept():
    query = {"range": "all", "timing": "next_day", "region": "si_joint"}
    assert Options.from_query(query) == Options("all", "next_day", "si_joint")


def test_links_change_one_switch_and_keep_the_others():
    options = Options("4w", "during", "knee")
    assert options.url(range="1y") == "?range=1y&timing=during&region=knee"
    assert Options().url(timing="next_day") == "?range=12w&timing=next_day"


def test_a_range_counts_this_week_as_its_last():
    assert Options(range="4w").since(TODAY) == date(2026, 3, 2)
    assert Options(range="4w").load_since(TODAY) == date(2026, 2, 2)  # the jumps' baseline
    assert Options(range="all").since(TODAY) is None
    assert len(shown_weeks(Rows(), Options(range="1y"), TODAY)) == 52
    assert len(shown_weeks(Rows(), Options(range="6m"), TODAY)) == 26


def test_all_starts_at_the_first_logged_week():
    rows = Rows(pains=[pain(-10, "knee", 1)], sessions=[{"week": week(-3), "sessions": 1}])
    weeks = shown_weeks(rows, Options(range="all"), TODAY)
    assert (weeks[0], weeks[-1], len(weeks)) == (week(-10), week(3), 14)


def test_the_region_shown_is_the_chosen_one_else_the_worst_else_lower_back():
    pains = [pain(0, "knee", 6), pain(1, "neck", 6), pain(2, "hip_bone", 3)]
    assert busiest_region(pains) == "neck"  # the latest of the worst
    assert busiest_region([]) == "lower_back"
    page = build(Rows(pains=pains), Options(region="knee"), unit="kg", today=TODAY)
    assert page.region == "knee"


def test_the_page_has_five_charts_and_five_ranges():
    page = build(Rows(), Options(), unit="kg", today=TODAY)
    assert [c.id for c in page.charts] == ["progression", "pain", "load-pain", "setup",
                                           "consistency"]  # fmt: skip
    assert [(s.label, s.current) for s in page.ranges] == [
        ("4 weeks", False), ("12 weeks", True), ("6 months", False), ("1 year", False),
        ("All", False),
    ]  # fmt: skip
    assert page.range_text == "12 weeks from 5 Jan 2026"
