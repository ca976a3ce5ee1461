"""No input, however malformed, produces a 500: every answer is a JSON 4xx and nothing is stored."""

import pytest
from django.contrib.auth.models import User

from tracker.models import PainReport, Set, Symptom, TrainingSession

pytestmark = pytest.mark.django_db

POSTS = [
    "/api/v1/auth/register/",
    "/api/v1/auth/token/",
    "/api/v1/sessions/",
    "/api/v1/sets/",
    "/api/v1/pain-reports/",
]


def nothing_stored() -> bool:
    models = (TrainingSession, Set, PainReport, Symptom)
    # The cast (athlete, outsider) exists; nobody else may.
    return not any(m.objects.exists() for m in models) and User.objects.count() <= 2


def send(client, path, body: bytes | str, content_type="application/json", **extra):
    return client.generic("POST", path, body, content_type=content_type, **extra)


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize(
    "body",
    [
        b'{"date": "2026-03-02"',  # cut off
        b"{'date': '2026-03-02'}",  # Python, not JSON
        b'{"load_kg": NaN}',
        b'{"load_kg": Infinity}',
        b"\xff\xfe\x00{",  # not UTF-8
        b"[" * 100_000 + b"]" * 100_000,  # deeper than any decoder recurses
        b'{"reps": ' + b"9" * 5000 + b"}",  # more digits than Python will turn into an int
    ],
    ids=["truncated", "python", "nan", "infinity", "not-utf8", "deep", "long-int"],
)
def test_a_body_that_is_not_json_is_a_400(athlete_api, path, body):
    response = send(athlete_api, path, body)
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]
    assert nothing_stored()


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize("body", [b"[]", b'[{"date": "2026-03-02"}]', b"null", b'"text"', b"42"])
def test_json_that_is_not_an_object_is_a_400(athlete_api, path, body):
    response = send(athlete_api, path, body)
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]
    assert nothing_stored()


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", ""],
)
def test_a_body_that_is_not_declared_json_is_a_415(athlete_api, path, content_type):
    response = send(athlete_api, path, b"date=2026-03-02", content_type=content_type)
    assert response.status_code == 415
    assert "Unsupported media type" in response.json()["detail"]
    assert nothing_stored()


@pytest.mark.parametrize("path", POSTS)
def test_a_body_over_the_upload_limit_is_a_413(athlete_api, path, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = b'{"notes": "' + b"x" * 2000 + b'"}'
    response = send(athlete_api, path, body)
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}
    assert nothing_stored()


def test_the_default_limit_refuses_a_body_of_several_megabytes(athlete_api):
    body = b'{"date": "2026-03-02", "notes": "' + b"x" * 3_000_000 + b'"}'
    response = send(athlete_api, "/api/v1/sessions/", body)
    assert response.status_code == 413
    assert nothing_stored()


def test_an_empty_json_body_is_a_400_listing_what_is_required(athlete_api):
    response = send(athlete_api, "/api/v1/sessions/", b"")
    assert response.status_code == 400
    assert response.json() == {"date": ["This field is required."]}


def test_only_json_can_be_answered(athlete_api):
    response = athlete_api.get("/api/v1/sessions/", HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "path", ["/api/v1/nothing-here/", "/api/v1/sessions", "/api/v1/sessions/1/extra/"]
)
def test_an_unknown_api_path_is_a_json_404(athlete_api, path):
    response = athlete_api.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_collection_answers_405_to_what_it_does_not_do(athlete_api, method):
    response = getattr(athlete_api, method)("/api/v1/sessions/", {})
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, POST, HEAD, OPTIONS"


@pytest.mark.parametrize("path", [*POSTS[2:], "/api/v1/sessions/1/", "/api/v1/sets/1/"])
def test_options_answers_json_metadata(athlete_api, path):
    response = athlete_api.options(path)
    assert response.status_code == 200
    assert "name" in response.json()
