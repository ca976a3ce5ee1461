"""One date for the athlete's advice, whoever reads it: the athlete's own time zone."""

from datetime import UTC, date, datetime
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from tests.coaching.conftest import link
from tests.factories import TrainingSessionFactory, UserFactory
from tracker.models import Symptom

pytestmark = pytest.mark.django_db

# 12:00 UTC on Sunday 29 November is already 02:00 on Monday 30 November on Kiritimati (UTC+14).
# A session dated the athlete's tomorrow (allowed) is two days ahead of a coach's UTC today:
# read on the coach's date, its red flag would not be read at all.
SUNDAY_NOON_UTC = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
ATHLETES_TOMORROW = date(2026, 12, 1)


@pytest.fixture
def far_east_athlete():
    athlete = UserFactory(username="kiri", first_name="Kiri")
    athlete.profile.time_zone = "Pacific/Kiritimati"
    athlete.profile.save()
    session = TrainingSessionFactory(athlete=athlete, date=ATHLETES_TOMORROW)
    Symptom.objects.create(session=session, kind="numbness")
    return athlete


def _page(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    with mock.patch("django.utils.timezone.now", return_value=SUNDAY_NOON_UTC):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_coach_reads_the_red_flag_on_the_athletes_date(far_east_athlete):
    coach = UserFactory(username="coach", first_name="Cora")  # UTC, a day behind the athlete
    link(coach, far_east_athlete)
    athlete_page = _page(far_east_athlete, reverse("advice:advice"))
    coach_page = _page(coach, reverse("coaching:athlete_advice", args=[far_east_athlete.pk]))
    assert "You reported numbness on 1 Dec 2026" in athlete_page
    assert "Kiri reported numbness on 1 Dec 2026" in coach_page
