"""The advice page: the athlete's own advice, referrals first and marked as such."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PainReportFactory, SetFactory, SymptomFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def test_the_advice_page_needs_a_signed_in_user(client):
    assert client.get(reverse("advice:advice")).status_code == 302


def test_a_clean_log_says_nothing_stands_out(athlete_client):
    response = athlete_client.get(reverse("advice:advice"))
    assert "Nothing stands out" in response.content.decode()


def test_numbness_shows_a_referral_with_its_source_section(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate())
    SymptomFactory(session=session, kind="numbness")
    page = athlete_client.get(reverse("advice:advice")).content.decode()
    assert "See a professional" in page
    assert "When to Seek Professional Advice" in page


def test_the_today_page_shows_the_most_urgent_headline(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate() - timedelta(1))
    SymptomFactory(session=session, kind="tingling")
    page = athlete_client.get(reverse("tracker:today")).content.decode()
    assert "See a professional" in page


def test_another_athletes_red_flag_never_shows(athlete_client, outsider):
    session = TrainingSessionFactory(athlete=outsider, date=timezone.localdate())
    SymptomFactory(session=session, kind="numbness")
    page = athlete_client.get(reverse("advice:advice")).content.decode()
    assert "Nothing stands out" in page


def test_the_advice_page_reads_the_athletes_profile_once(athlete_client):
    cache.clear()  # cold: the page reads the history and the athlete's calendar
    with CaptureQueriesContext(connection) as captured:
        assert athlete_client.get(reverse("advice:advice")).status_code == 200
    assert sum('"tracker_profile"' in q["sql"] for q in captured.captured_queries) == 1


def test_pain_on_another_exercise_is_a_note_naming_the_lift_not_a_question(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate())
    deadlift = SetFactory(session=session, exercise="other", exercise_name="Deadlift")
    PainReportFactory(session=session, set=deadlift, timing="during", score=6)
    page = athlete_client.get(reverse("advice:advice")).content.decode()
    assert "Lower back pain on Deadlift" in page
    assert "Good to know · Lower back" in page
    assert "How is it now?" not in page
