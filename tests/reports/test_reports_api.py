"""The report, share links and experiments over the API: each athlete's own, another's 404,
bad input 400 with nothing stored, a repeated client_id no duplicate."""

import uuid

import pytest
from rest_framework.test import APIClient

from reports import services
from reports.models import Experiment, ShareLink
from tests.reports.history import pad_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(athlete_api) -> APIClient:
    return athlete_api  # the athlete, by API token (tests/conftest.py)


def pad(today, **extra):
    return {
        "date": today.isoformat(),
        "change": "padding:thick",
        "regions": ["hip_bone"],
        "cause": "unpadded_bar",
        **extra,
    }


def test_the_report_data_has_every_section_with_loads_in_kg(athlete, api, today):
    pad_history(athlete, today)
    body = api.get("/api/v1/report/", {"weeks": 8}).json()
    assert set(body) >= {
        "regions",
        "loads",
        "setups",
        "red_flags",
        "advice",
        "experiments",
        "notes",
    }
    assert {w["top_kg"] for w in body["loads"]} == {80, 92.5}
    assert body["regions"][0]["region"] == "hip_bone"
    assert body["setups"][-1]["setup"]["padding"] == "thick"
    assert body["setups"][-1]["changed"] == ["padding"]
    assert {f["symptom"]: f["resolved_on"] is None for f in body["red_flags"]} == {
        "swelling": True,
        "tingling": False,
    }


@pytest.mark.parametrize("weeks", ["0", "53", "8.0", "+8", "eight"])
def test_a_bad_period_is_400(api, weeks):
    response = api.get("/api/v1/report/", {"weeks": weeks})
    assert response.status_code == 400
    assert set(response.json()) == {"weeks"}


def test_a_share_link_is_made_with_its_token_once(api):
    response = api.post("/api/v1/share-links/", {"label": "Physio", "days": 30}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["url"].endswith(f"/shared/{body['token']}/")
    listed = api.get("/api/v1/share-links/").json()
    assert [link["id"] for link in listed] == [body["id"]]
    assert "token" not in listed[0]
    assert APIClient().get(f"/shared/{body['token']}/").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"label": "Physio", "days": 14},
        {"label": "Physio", "days": "7"},
        {"label": "", "days": 7},
        {"label": "Physio", "days": True},
        {"label": "Physio", "days": 7, "weeks": 99},
        {"label": "Physio", "days": 7, "include_charts": "yes"},
    ],
)
def test_a_bad_share_link_is_400_and_nothing_stored(api, body):
    assert api.post("/api/v1/share-links/", body, format="json").status_code == 400
    assert not ShareLink.objects.exists()


def test_past_the_cap_a_new_link_is_409(athlete, api):
    for n in range(services.MAX_LIVE_LINKS):
        services.share_link_create(athlete=athlete, label=f"l{n}", days=7, weeks=8)
    response = api.post("/api/v1/share-links/", {"label": "GP", "days": 7}, format="json")
    assert response.status_code == 409
    assert "revoke one" in response.json()["detail"]


def test_a_share_link_is_revoked_with_delete(athlete, api):
    made = services.share_link_create(athlete=athlete, label="GP", days=7, weeks=8)
    assert api.delete(f"/api/v1/share-links/{made.link.public_id}/").status_code == 204
    assert api.get(f"/api/v1/share-links/{made.link.public_id}/").json()["state"] == "revoked"
    assert APIClient().get(f"/shared/{made.token}/").status_code == 404


def test_another_athletes_share_link_is_404(athlete, outsider_api):
    made = services.share_link_create(athlete=athlete, label="GP", days=7, weeks=8)
    assert outsider_api.get(f"/api/v1/share-links/{made.link.public_id}/").status_code == 404
    assert outsider_api.delete(f"/api/v1/share-links/{made.link.public_id}/").status_code == 404
    assert outsider_api.get("/api/v1/share-links/").json() == []


def test_an_experiment_is_recorded_with_its_result(api, athlete, today):
    built = pad_history(athlete, today)
    response = api.post("/api/v1/experiments/", pad(built.pad_day), format="json")
    assert response.status_code == 201
    result = response.json()["result"]
    assert result["verdict"] == "helped"
    (region,) = result["regions"]
    assert (region["before"]["sessions"], region["before"]["mean"]) == (7, 5.0)
    assert (region["after"]["sessions"], region["after"]["mean"]) == (6, 1.0)


def test_a_repeated_client_id_returns_the_first_experiment(api, today):
    body = pad(today, client_id=str(uuid.uuid4()))
    first = api.post("/api/v1/experiments/", body, format="json")
    again = api.post("/api/v1/experiments/", body, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Experiment.objects.count() == 1


def test_too_early_an_experiment_says_not_enough_data(api, today):
    result = api.post("/api/v1/experiments/", pad(today), format="json").json()["result"]
    assert result["verdict"] == "not_enough_data"
    assert "not enough data yet" in result["text"]


@pytest.mark.parametrize(
    "change",
    [
        {"change": "padding:velvet"},
        {"change": "load:thick"},
        {"change": "padding"},
        {"regions": []},
        {"regions": ["elbow"]},
        {"date": "2999-01-01"},
        {"date": 20260101},
        {"cause": "no_such_cause"},
        {"client_id": 12},
    ],
)
def test_a_bad_experiment_is_400_and_nothing_stored(api, today, change):
    assert api.post("/api/v1/experiments/", pad(today, **change), format="json").status_code == 400
    assert not Experiment.objects.exists()


def test_another_athletes_experiment_is_404(api, outsider_api, today):
    made = api.post("/api/v1/experiments/", pad(today), format="json").json()
    assert outsider_api.get(f"/api/v1/experiments/{made['id']}/").status_code == 404
    assert outsider_api.delete(f"/api/v1/experiments/{made['id']}/").status_code == 404
    assert api.get(f"/api/v1/experiments/{made['id']}/").status_code == 200


def test_an_experiment_is_removed_with_delete(api, today):
    made = api.post("/api/v1/experiments/", pad(today), format="json").json()
    assert api.delete(f"/api/v1/experiments/{made['id']}/").status_code == 204
    assert api.get("/api/v1/experiments/").json() == []


def test_the_schema_documents_the_new_endpoints(api):
    paths = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    assert {
        "/api/v1/report/",
        "/api/v1/share-links/",
        "/api/v1/share-links/{public_id}/",
        "/api/v1/experiments/",
        "/api/v1/experiments/{id}/",
    } <= set(paths)


def test_two_changes_in_words_on_one_day_are_two_experiments(api, today):
    for words in ("glute activation first", "slower tempo"):
        body = {"date": today.isoformat(), "change": "other", "regions": ["knee"]}
        response = api.post("/api/v1/experiments/", {**body, "description": words}, format="json")
        assert response.status_code == 201
    assert Experiment.objects.count() == 2
