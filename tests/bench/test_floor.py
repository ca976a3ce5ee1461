"""The floor of bench/load.py: one row in, JSON out, and nowhere in production."""

import pytest
from django.test import override_settings
from django.urls import Resolver404, resolve

from bench.floor.models import FloorRow

pytestmark = pytest.mark.django_db

FLOOR = "/bench/floor/"


@override_settings(ROOT_URLCONF="bench.floor.urls")
def test_the_floor_stores_one_row_and_answers_json(client):
    response = client.post(FLOOR)

    assert response.status_code == 201
    assert response.json() == {"id": FloorRow.objects.get().pk}


@override_settings(ROOT_URLCONF="bench.floor.urls")
def test_the_floor_takes_no_get(client):
    assert client.get(FLOOR).status_code == 405
    assert not FloorRow.objects.exists()


@override_settings(ROOT_URLCONF="bench.floor.urls")
def test_the_benchmark_server_still_serves_the_app(client):
    assert client.get("/accounts/login/").status_code == 200


def test_production_urls_have_no_floor():
    with pytest.raises(Resolver404):
        resolve(FLOOR)
