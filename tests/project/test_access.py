"""Every page needs a signed-in user, except signing in, up and resetting a password."""

import pytest
from django.urls import reverse

from tests.factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["tracker:today", "tracker:history", "password_change"])
def test_a_page_sends_an_anonymous_visitor_to_log_in(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_a_session_page_sends_an_anonymous_visitor_to_log_in(client):
    session = TrainingSessionFactory()
    response = client.get(reverse("tracker:session", args=[session.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_starting_a_session_needs_a_signed_in_user(client):
    response = client.post(reverse("tracker:session_start"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["login", "signup", "password_reset"])
def test_an_account_page_is_open_to_everyone(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_another_athletes_session_is_not_found(outsider_client, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    response = outsider_client.get(reverse("tracker:session", args=[session.pk]))
    assert response.status_code == 404


def test_another_athletes_sessions_are_not_listed(outsider_client, athlete):
    TrainingSessionFactory(athlete=athlete)
    response = outsider_client.get(reverse("tracker:history"))
    assert list(response.context["page"].object_list) == []


def test_a_missing_page_answers_a_friendly_404(athlete_client):
    response = athlete_client.get("/sessions/999999/")
    assert response.status_code == 404
    assert "Back to today" in response.content.decode()
