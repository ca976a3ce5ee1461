"""GET /api/v1/advice/?athlete=<id>: a coach with an active link gets the athlete's advice."""

import pytest
from django.utils import timezone

from coaching import services
from tests.coaching.conftest import api_for
from tests.factories import SymptomFactory, TrainingSessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate())
    SymptomFactory(session=session, kind="numbness")
    return athlete


def test_a_linked_coach_gets_the_athletes_advice(coach_api, flagged):
    response = coach_api.get(f"/api/v1/advice/?athlete={flagged.pk}")
    assert response.status_code == 200
    assert response.json()[0]["cause"] == "neurological_symptoms"


def test_the_coach_asking_about_no_one_gets_their_own_advice(coach_api, flagged):
    assert coach_api.get("/api/v1/advice/").json() == []


def test_an_ended_link_is_a_404_at_once(coach_api, coach_link, flagged):
    services.link_end(link=coach_link, by=flagged)
    response = coach_api.get(f"/api/v1/advice/?athlete={flagged.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such athlete."}


@pytest.mark.parametrize("who", ["outsider", "pending"])
def test_unlinked_users_get_the_same_404_as_an_unknown_id(request, flagged, who):
    if who == "pending":
        asker = UserFactory(username="pending")
        services.invitation_create(coach=asker)  # invited nobody who accepted
    else:
        asker = request.getfixturevalue("outsider")
    api = api_for(asker)
    known = api.get(f"/api/v1/advice/?athlete={flagged.pk}")
    unknown = api.get("/api/v1/advice/?athlete=987654321")
    assert known.status_code == unknown.status_code == 404
    assert known.json() == unknown.json()


def test_the_athlete_cannot_ask_about_their_coach(coach_link, athlete, coach):
    assert api_for(athlete).get(f"/api/v1/advice/?athlete={coach.pk}").status_code == 404
