"""The coaching cast: the athlete (owner), their coach (linked), an outsider (no access).

`athlete` and `outsider` come from tests/conftest.py; here the coach joins them, linked to the
athlete by an accepted invitation, exactly as the app links them.
"""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from coaching import services
from tests.factories import UserFactory


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def link(coach, athlete):
    """What happens when the athlete accepts the coach's invitation."""
    invitation = services.invitation_create(coach=coach)
    return services.invitation_accept(athlete=athlete, code=invitation.code)


@pytest.fixture
def coach(db):
    return UserFactory(username="coach", first_name="Cora", last_name="Coach")


@pytest.fixture
def coach_link(coach, athlete):
    return link(coach, athlete)


@pytest.fixture
def coach_client(coach, coach_link) -> Client:
    return signed_in(coach)


@pytest.fixture
def coach_api(coach, coach_link) -> APIClient:
    return api_for(coach)
