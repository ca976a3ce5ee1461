"""The installable app's server side: /sw.js, /manifest.webmanifest and the blank session page."""

import json
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.factories import SetFactory, TrainingSessionFactory
from tracker.models import Set, TrainingSession

pytestmark = pytest.mark.django_db


def test_the_service_worker_is_served_from_the_root_for_the_whole_app(client: Client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert "__VERSION__" not in body
    assert 'addEventListener("fetch"' in body


def test_the_worker_version_follows_the_offline_scripts(client: Client):
    body = client.get("/sw.js").content.decode()
    version = body.split('const VERSION = "')[1].split('"')[0]
    assert len(version) == 12
    assert version == client.get("/sw.js").content.decode().split('const VERSION = "')[1][:12]


def test_the_manifest_makes_the_app_installable(client: Client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Thrustlog"
    assert manifest["short_name"]
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"
    assert manifest["theme_color"] == "#1f5f8b"
    assert manifest["background_color"]
    sizes = {(i["sizes"], i["purpose"]) for i in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


@pytest.mark.parametrize("name", ["icon-192", "icon-512", "maskable-192", "maskable-512"])
def test_every_png_icon_is_a_png_of_its_stated_size(client: Client, name: str):
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    icon = next(i for i in manifest["icons"] if i["src"].endswith(f"{name}.png"))
    data = Path(finders.find(f"img/icons/{name}.png")).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert f"{width}x{height}" == icon["sizes"]


def test_worker_and_manifest_need_no_sign_in(client: Client):
    assert client.get("/sw.js").status_code == 200
    assert client.get("/manifest.webmanifest").status_code == 200


def test_the_blank_session_page_needs_a_sign_in(client: Client):
    response = client.get("/offline/session/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_blank_session_page_has_the_set_form_and_the_queue_panel(athlete, athlete_client):
    SetFactory(session=TrainingSessionFactory(athlete=athlete), reps=7)
    response = athlete_client.get("/offline/session/?local=whatever")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="stack set-form"' in html
    assert 'id="offline-queue"' in html
    assert 'data-session="0"' in html
    assert 'name="reps"' in html
    assert 'value="7"' in html
    assert "private" in response["Cache-Control"]
    # Showing it stores nothing.
    assert TrainingSession.objects.count() == 1
    assert Set.objects.count() == 1


def test_every_page_links_the_manifest_and_loads_the_offline_script(athlete_client):
    html = athlete_client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'src="/static/js/offline/form.js"' in html
    assert 'type="module"' in html


def test_the_session_page_carries_the_queue_panel_for_its_session(athlete, athlete_client):
    session = TrainingSessionFactory(athlete=athlete)
    html = athlete_client.get(f"/sessions/{session.pk}/").content.decode()
    assert f'data-session="{session.pk}"' in html
    assert 'class="queue-status"' in html


def test_pages_allow_the_worker_and_manifest_under_the_csp(athlete_client):
    csp = athlete_client.get("/")["Content-Security-Policy"]
    assert "worker-src 'self'" in csp
    assert "manifest-src 'self'" in csp
    assert "script-src 'self'" in csp
