"""A real finish: a summary in numbers on the session, and a finished state on Today."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory
from tracker import services, units

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(athlete):
    before = TrainingSessionFactory(athlete=athlete, date=timezone.localdate() - timedelta(3))
    SetFactory(session=before, position=1, load_kg=Decimal("100"), reps=8)
    SetFactory(session=before, position=2, load_kg=Decimal("100"), reps=8)
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate())
    for load in ("100", "105", "105"):
        services.set_log(athlete=athlete, session=session, load_kg=Decimal(load), reps=8)
    third = session.sets.get(position=3)
    PainReportFactory(session=session, set=third, region="lower_back", score=3, timing="during")
    services.session_finish(
        athlete=athlete, session=session, bench_height_cm=None, bench_stable=None, notes="",
        symptoms=[], after_pain={"hip_bone": 2},
    )  # fmt: skip
    return session


def summary_html(client, session) -> str:
    html = client.get(reverse("tracker:session", args=[session.pk])).content.decode()
    start = html.index('id="summary"')
    return html[start : html.index("</section>", start)]


def test_finishing_goes_to_the_summary(athlete_client, finished):
    url = reverse("tracker:session_finish", args=[finished.pk])
    response = athlete_client.post(url, {"date": finished.date.isoformat()})
    assert response.url == reverse("tracker:session", args=[finished.pk]) + "#summary"


def test_the_summary_counts_sets_volume_and_the_top_set(athlete_client, finished):
    html = summary_html(athlete_client, finished)
    assert "<dd>3</dd>" in html
    assert "2480 kg" in html  # 100x8 + 105x8 + 105x8
    assert "105 kg × 8" in html


def test_in_pounds_the_volume_is_what_was_lifted_in_whole_pounds(client, athlete):
    athlete.profile.unit = "lb"
    athlete.profile.save()
    client.force_login(athlete)  # the unit is read at sign-in
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate())
    for pounds in ("230", "225", "225"):  # stored in kg: 104.33, 102.06, 102.06
        load_kg = units.to_kg(Decimal(pounds), "lb")
        services.set_log(athlete=athlete, session=session, load_kg=load_kg, reps=10)
    services.session_finish(
        athlete=athlete, session=session, bench_height_cm=None, bench_stable=None, notes="",
        symptoms=[], after_pain={},
    )  # fmt: skip

    assert "<dd>6800 lb</dd>" in summary_html(client, session)  # not 6800.2 lb


def test_the_summary_compares_with_the_session_before(athlete_client, finished):
    html = summary_html(athlete_client, finished)
    assert "+880 kg on last time" in html  # 2480 - 1600
    assert "+5 kg on last time" in html


def test_the_summary_lists_the_records(athlete_client, finished):
    html = summary_html(athlete_client, finished)
    assert "★ set 2: heaviest set, best estimated 1RM" in html


def test_the_summary_lists_the_pain_reported(athlete_client, finished):
    html = summary_html(athlete_client, finished)
    assert "Lower back 3/10 in set 3" in html
    assert "after the session" in html.lower()


def test_an_unfinished_session_has_no_summary(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    html = athlete_client.get(reverse("tracker:session", args=[session.pk])).content.decode()
    assert 'id="summary"' not in html


def test_today_shows_the_finished_state(athlete_client, finished):
    html = athlete_client.get(reverse("tracker:today")).content.decode()
    assert "Done for today" in html
    assert "Check in tomorrow morning" in html
    assert "Start today&#x27;s session" not in html


def test_the_next_day_today_asks_for_the_check_in(athlete_client, finished):
    finished.date = finished.date - timedelta(days=1)
    finished.save()
    html = athlete_client.get(reverse("tracker:today")).content.decode()
    assert "Morning check-in" in html
    assert "Done for today" not in html
