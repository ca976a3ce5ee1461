"""A coach sees a linked athlete's charts on the same page; nobody else does."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CoachLinkFactory, SetFactory, TrainingSessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def charts_of(client, athlete):
    return client.get(reverse("tracker:athlete_dashboard", args=[athlete.pk]))


@pytest.fixture
def logged(athlete):
    SetFactory(session=TrainingSessionFactory(athlete=athlete, date=timezone.localdate()))
    return athlete


def test_a_linked_coach_sees_the_athletes_charts(client, logged):
    coach = UserFactory(username="coachy")
    CoachLinkFactory(coach=coach, athlete=logged)
    client.force_login(coach)
    response = charts_of(client, logged)
    assert response.status_code == 200
    assert "read-only" in response.content.decode()


def test_an_ended_link_hides_the_charts_at_once(client, logged):
    coach = UserFactory(username="coachy")
    CoachLinkFactory(coach=coach, athlete=logged, ended_at=timezone.now())
    client.force_login(coach)
    assert charts_of(client, logged).status_code == 404


def test_an_unlinked_user_gets_404(outsider_client, logged):
    assert charts_of(outsider_client, logged).status_code == 404
