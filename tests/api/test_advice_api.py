"""GET /api/v1/advice/: the contract's item shape, own advice only."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from advice.items import EXTRA_KEYS, ITEM_KEYS
from tests.factories import SymptomFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(athlete) -> APIClient:
    client = APIClient()
    client.force_authenticate(athlete)
    return client


def test_advice_answers_contract_items_most_urgent_first(api, athlete):
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate())
    SymptomFactory(session=session, kind="numbness")
    response = api.get("/api/v1/advice/")
    assert response.status_code == 200
    first = response.json()[0]
    assert tuple(first) == ITEM_KEYS + EXTRA_KEYS
    assert (first["cause"], first["severity"]) == ("neurological_symptoms", "see_professional")


def test_a_clean_log_answers_an_empty_list(api):
    assert api.get("/api/v1/advice/").json() == []


def test_asking_about_oneself_by_id_is_allowed(api, athlete):
    assert api.get(f"/api/v1/advice/?athlete={athlete.pk}").status_code == 200


def test_asking_about_an_unlinked_athlete_is_not_found(api, outsider):
    assert api.get(f"/api/v1/advice/?athlete={outsider.pk}").status_code == 404


@pytest.mark.parametrize("query", ["abc", "", "1.0", "+1", "0", "-3"])
def test_a_malformed_athlete_id_is_a_bad_request(api, query):
    assert api.get(f"/api/v1/advice/?athlete={query}").status_code == 400


def test_a_repeated_athlete_id_is_a_bad_request(api, athlete):
    response = api.get(f"/api/v1/advice/?athlete={athlete.pk}&athlete={athlete.pk}")
    assert response.status_code == 400


def test_advice_needs_authentication():
    assert APIClient().get("/api/v1/advice/").status_code in (401, 403)
