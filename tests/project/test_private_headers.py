"""Health data is never cached by a proxy or a browser, and the CSP allows no inline style."""

import re

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from accounts.services import token_issue
from tests.factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db
NO_STORE = {"private", "no-store"}


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize(
    "path", ["/", "/sessions/", "/advice/", "/charts/", "/settings/", "/settings/devices/"]
)
def test_signed_in_pages_are_private_and_not_stored(athlete_client, path):
    response = athlete_client.get(path)
    assert response.status_code == 200
    assert directives(response) >= NO_STORE


def test_a_session_page_is_private_and_not_stored(athlete, athlete_client):
    session = TrainingSessionFactory(athlete=athlete)
    assert directives(athlete_client.get(f"/sessions/{session.pk}/")) >= NO_STORE


@pytest.mark.parametrize("kind", ["zip", "json"])
def test_exports_are_private_and_not_stored(athlete_client, kind):
    response = athlete_client.get(f"/settings/export/{kind}/")
    assert response.status_code == 200
    assert directives(response) >= NO_STORE


def test_token_authenticated_api_answers_are_private_and_not_stored(athlete):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=athlete, device='t')[1]}")
    for path in ("/api/v1/sessions/", "/api/v1/export/", "/api/v1/advice/"):
        response = client.get(path)
        assert response.status_code == 200
        assert directives(response) >= NO_STORE, path


def test_the_token_answer_itself_is_not_stored(athlete):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "athlete", "password": "correct-horse-battery"}
    )
    assert directives(response) >= NO_STORE


def test_static_files_stay_cacheable(db):
    response = Client().get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in directives(response)


def test_the_csp_allows_no_inline_styles(client):
    directives_ = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert "'unsafe-inline'" not in directives_["style-src"]
    assert "'unsafe-inline'" not in directives_["style-src-attr"]
    assert "'unsafe-inline'" not in client.get("/accounts/login/")["Content-Security-Policy"]


def test_no_template_writes_a_style_attribute_or_element():
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in (settings.BASE_DIR / "templates").rglob("*.html")
        if re.search(r"\sstyle\s*=|<style[\s>]", path.read_text())
    ]
    assert offenders == []
