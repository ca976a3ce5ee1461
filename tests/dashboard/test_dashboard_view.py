"""GET /charts/: the athlete's own charts, in their unit, for any range; nobody else's."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.dashboard.history import add_weeks
from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory
from tracker.charts.common import PLOT_HEIGHTS
from tracker.views.dashboard import dashboard, whose_charts

pytestmark = pytest.mark.django_db
URL = reverse("tracker:dashboard")


@pytest.fixture
def logged(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate())
    SetFactory(session=session, load_kg=Decimal("100"), reps=10)
    PainReportFactory(session=session, region="si_joint", score=4)
    return session


def test_signing_in_is_required(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_athlete_sees_their_charts_summaries_and_tables(athlete_client, logged):
    response = athlete_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    for chart in ("progression", "pain", "load-pain", "setup", "consistency"):
        assert f'id="{chart}"' in page
        assert f'<script id="figure-{chart}" type="application/json">' in page
    assert page.count("<summary>Show as table</summary>") == 5
    assert "Top set 100 kg in the week of" in page
    assert "<td>133.3</td>" in page  # Epley: 100 kg x 10
    assert "SI joint pain 4/10" in page  # the region that hurt most is drawn by default
    assert "<script>" not in page  # no inline scripts: the CSP forbids them


def test_each_chart_keeps_the_room_it_will_be_drawn_in(athlete_client, logged):
    page = athlete_client.get(URL).content.decode()

    # Charts are drawn as they scroll near: the page must not jump when one appears.
    assert (
        'class="plot plot-h-400" id="plot-progression" data-figure="figure-progression" '
        'data-height="400"' in page
    )
    assert page.count('data-height="') == 5
    assert "style=" not in page  # the CSP forbids style attributes


def test_every_height_class_a_chart_can_get_has_its_rule():
    css = (settings.BASE_DIR / "static/css/dashboard.css").read_text()
    for height in PLOT_HEIGHTS:
        assert f".plot-h-{height} {{ --plot-height: {height}px; }}" in css


def test_an_outsider_sees_only_their_own_empty_log(outsider_client, logged):
    page = outsider_client.get(URL).content.decode()
    assert "No hip-thrust sets logged in this range." in page
    assert "SI joint" not in page.split("<select")[0]  # no trace of the athlete's pain


def test_another_athletes_charts_are_a_404_until_coaching_links_exist(athlete, outsider, logged):
    request = RequestFactory().get(URL)
    request.user = outsider
    with pytest.raises(Http404):
        whose_charts(request, athlete.pk)
    assert whose_charts(request, outsider.pk) == outsider
    assert whose_charts(request, None) == outsider


def test_the_view_takes_the_athlete_as_an_argument(athlete, logged):
    request = RequestFactory().get(URL)
    request.user = athlete
    request.session = {}
    response = dashboard(request, athlete=athlete.pk)
    assert response.status_code == 200
    assert b"Top set 100 kg" in response.content


def test_pounds_are_shown_when_the_athlete_uses_pounds(athlete_client, logged):
    session = athlete_client.session
    session["unit"] = "lb"
    session.save()
    page = athlete_client.get(URL).content.decode()
    assert "Top set 220.5 lb" in page
    assert "Loads in lb" in page


def test_a_range_and_a_timing_from_the_query_string(athlete, athlete_client, logged):
    old = TrainingSessionFactory(athlete=athlete, date=timezone.localdate() - timedelta(weeks=20))
    SetFactory(session=old)
    short = athlete_client.get(URL, {"range": "4w", "timing": "during"}).content.decode()
    everything = athlete_client.get(URL, {"range": "all"}).content.decode()
    assert "Trained in 1 of 4 weeks" in short
    assert "No pain reported during sets in this range." in short
    assert "Trained in 2 of 21 weeks" in everything


def test_nonsense_in_the_query_string_gives_the_default_page(athlete_client, logged):
    response = athlete_client.get(URL, {"range": "<script>", "timing": "x", "region": "x"})
    assert response.status_code == 200
    assert 'data-switch="range-12w" aria-current="true"' in response.content.decode()


def test_advice_can_link_to_a_regions_load_against_pain(athlete_client, logged):
    page = athlete_client.get(URL, {"region": "lower_back"}).content.decode()
    assert '<option value="lower_back" selected>' in page
    assert "No lower back pain reported in this range" in page


def test_the_switches_ask_for_the_charts_alone(athlete_client, logged):
    page = athlete_client.get(URL, {"range": "4w", "partial": "1"}).content.decode()
    assert "<html" not in page
    assert 'class="tabs"' not in page
    assert 'id="progression"' in page
    assert 'data-switch="range-4w" aria-current="true"' in page


def test_only_get_is_allowed(athlete_client):
    assert athlete_client.post(URL).status_code == 405


@pytest.mark.parametrize("range_id", ["12w", "all"])
def test_the_page_costs_the_same_queries_for_a_month_or_three_years(
    athlete, athlete_client, range_id
):
    today = timezone.localdate()
    add_weeks(athlete, 4, today=today)
    with CaptureQueriesContext(connection) as small:
        athlete_client.get(URL, {"range": range_id})
    add_weeks(athlete, 152, today=today - timedelta(weeks=4))
    with CaptureQueriesContext(connection) as large:
        athlete_client.get(URL, {"range": range_id})
    # session, user, then the weekly roll-ups
    assert len(small.captured_queries) == len(large.captured_queries) == 3
