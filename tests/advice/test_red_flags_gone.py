"""Saying a red flag is gone: on the advice page, in the morning check-in and over the API.
Until then its referral stays; a later report opens it again."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import SymptomFactory, SymptomResolutionFactory, TrainingSessionFactory
from tracker.models import SymptomResolution

pytestmark = pytest.mark.django_db
LONG_AGO = timedelta(days=90)


def _flag(athlete, kind="tingling", ago=LONG_AGO):
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate() - ago)
    SymptomFactory(session=session, kind=kind)
    return session


def _advice(client) -> str:
    return client.get(reverse("advice:advice")).content.decode()


def test_a_red_flag_from_three_months_ago_is_still_on_the_advice_page(athlete_client, athlete):
    _flag(athlete)
    page = _advice(athlete_client)
    assert "See a professional" in page
    assert "You reported tingling on" in page
    assert "Gone now: tingling in the legs or feet" in page


def test_marking_it_gone_on_the_advice_page_ends_the_referral(athlete_client, athlete):
    _flag(athlete)
    response = athlete_client.post(reverse("advice:resolve"), {"flags-gone": "tingling"})
    assert response.status_code == 302
    assert SymptomResolution.objects.filter(athlete=athlete, kind="tingling").count() == 1
    assert "See a professional" not in _advice(athlete_client)


def test_a_red_flag_that_is_not_open_cannot_be_marked_gone(athlete_client, athlete):
    athlete_client.post(reverse("advice:resolve"), {"flags-gone": "numbness"})
    assert not SymptomResolution.objects.exists()


def test_a_new_report_after_it_was_marked_gone_opens_it_again(athlete_client, athlete):
    _flag(athlete)
    SymptomResolutionFactory(athlete=athlete, kind="tingling", date=timezone.localdate() - LONG_AGO)
    _flag(athlete, ago=timedelta(days=1))
    assert "You reported tingling on" in _advice(athlete_client)


def test_the_morning_check_in_offers_to_mark_open_red_flags_gone(athlete_client, athlete):
    _flag(athlete)
    yesterday = TrainingSessionFactory(athlete=athlete, date=timezone.localdate() - timedelta(1))
    url = reverse("tracker:next_morning", args=[yesterday.pk])
    assert "Tingling in the legs or feet" in athlete_client.get(url).content.decode()
    response = athlete_client.post(url, {"flags-gone": ["tingling"]})
    assert response.status_code == 302
    assert SymptomResolution.objects.get(athlete=athlete).kind == "tingling"
