"""Settings > Import: upload, preview, confirm; the waiting file is the uploader's only."""

import re

import pytest
from django.test import Client

from tests.portability.conftest import log_rows, read, upload
from tests.portability.test_import_api import many_workouts
from tracker.models import ImportJob
from tracker.portability import jobs

pytestmark = pytest.mark.django_db


def preview(client, name: str = "strong_current.csv", unit: str = "kg"):
    response = client.post("/settings/import/", {"file": upload(read(name)), "unit": unit})
    assert response.status_code == 200, response.content.decode()[:2000]
    token = re.search(rb'name="token" value="([^"]+)"', response.content).group(1).decode()
    return response, token


def test_the_settings_page_links_import_export_and_delete(athlete_client):
    page = athlete_client.get("/settings/").content.decode()
    for url in ("/settings/import/", "/settings/export/", "/settings/delete-account/"):
        assert f'href="{url}"' in page


def test_the_import_page_asks_for_a_file_and_the_unit(athlete_client):
    page = athlete_client.get("/settings/import/")
    assert page.status_code == 200
    assert b'type="file"' in page.content
    assert b'name="unit"' in page.content


def test_the_preview_shows_counts_mapping_and_skips_and_stores_nothing(athlete_client, athlete):
    response, _ = preview(athlete_client)
    page = response.content.decode()
    assert "<strong>2</strong> sessions and <strong>7</strong> sets will be added" in page
    assert "from 3 Aug 2026 to 6 Aug 2026" in page
    assert "Squat (Barbell)</strong> → Other exercise" in page
    assert "Hip Thrust (Smith Machine)</strong> → Hip thrust, smith" in page
    assert "1 × rest timer" in page
    assert "(line 5)" in page
    assert log_rows(athlete)["sets"] == 0


def test_confirming_starts_the_import_and_its_page_shows_the_result(athlete_client, athlete):
    _, token = preview(athlete_client)
    response = athlete_client.post(
        "/settings/import/confirm/", {"token": token, "unit": "kg", "action": "import"}, follow=True
    )
    job = ImportJob.objects.get(athlete=athlete, kind="import")
    assert response.redirect_chain[-1][0] == f"/settings/import/{job.pk}/"
    assert b"Imported 2 sessions and 7 sets from Strong; 3 rows skipped." in response.content
    assert b'href="/sessions/"' in response.content
    assert log_rows(athlete)["sets"] == 7


def test_the_unit_is_confirmed_on_the_preview(athlete_client, athlete):
    _, token = preview(athlete_client, unit="kg")
    again = athlete_client.post(
        "/settings/import/confirm/", {"token": token, "unit": "lb", "action": "preview"}
    )
    assert again.status_code == 200
    assert b"Preview" in again.content
    athlete_client.post("/settings/import/confirm/", {"token": token, "unit": "lb"})
    assert athlete.sets.filter(load_kg="45.36").count() == 2  # 100 lb


def test_a_file_that_says_its_unit_asks_no_unit(athlete_client):
    response, _ = preview(athlete_client, name="hevy_lb.csv")
    assert b'type="radio" name="unit"' not in response.content


def test_a_confirmed_import_cannot_be_replayed(athlete_client, athlete):
    _, token = preview(athlete_client)
    athlete_client.post("/settings/import/confirm/", {"token": token, "unit": "kg"})
    replay = athlete_client.post("/settings/import/confirm/", {"token": token, "unit": "kg"})
    assert replay.status_code == 404
    assert log_rows(athlete)["sets"] == 7


def test_an_outsider_cannot_import_someone_elses_upload(athlete_client, outsider_client, outsider):
    _, token = preview(athlete_client)
    response = outsider_client.post("/settings/import/confirm/", {"token": token, "unit": "kg"})
    assert response.status_code == 404
    assert log_rows(outsider)["sets"] == 0


def test_a_unit_that_is_neither_is_refused(athlete_client, athlete):
    _, token = preview(athlete_client)
    response = athlete_client.post("/settings/import/confirm/", {"token": token, "unit": "st"})
    assert response.status_code == 400
    assert log_rows(athlete)["sets"] == 0


def test_an_upload_needs_the_csrf_token(athlete):
    client = Client(enforce_csrf_checks=True)
    client.force_login(athlete)
    response = client.post("/settings/import/", {"file": upload(read("hevy_kg.csv"))})
    assert response.status_code == 403


@pytest.mark.parametrize("token", ["", "../../etc/passwd", "x" * 22, "a" * 40])
def test_a_made_up_token_is_404(athlete_client, token):
    response = athlete_client.post("/settings/import/confirm/", {"token": token, "unit": "kg"})
    assert response.status_code == 404


def test_the_pages_need_a_signed_in_athlete(client):
    for url in ("/settings/import/", "/settings/export/", "/settings/delete-account/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_a_preview_shows_the_unit_the_file_gave_and_why(athlete_client):
    response, _ = preview(athlete_client, name="strong6.csv")
    assert "Weights read in kg: the file&#x27;s column names say the unit." in (
        response.content.decode()
    )


class TestALargeFile:
    """A file too large to read in the request is read by a preview job, then imported by one."""

    @pytest.fixture(autouse=True)
    def small_limits(self, monkeypatch):
        monkeypatch.setattr(jobs, "SYNC_ROWS", 50)
        monkeypatch.setattr(jobs, "PROBE_ROWS", 20)

    def test_its_preview_is_a_job_whose_page_shows_the_preview(self, athlete_client, athlete):
        response = athlete_client.post(
            "/settings/import/", {"file": upload(many_workouts(120)), "unit": "kg"}, follow=True
        )
        job = ImportJob.objects.get(athlete=athlete, kind="preview")
        assert response.redirect_chain[-1][0] == f"/settings/import/{job.pk}/"
        assert b"<strong>120</strong> sessions and <strong>120</strong> sets will be added" in (
            response.content
        )
        assert log_rows(athlete)["sets"] == 0
        token = re.search(rb'name="token" value="([^"]+)"', response.content).group(1).decode()
        athlete_client.post("/settings/import/confirm/", {"token": token, "unit": "kg"})
        assert log_rows(athlete)["sets"] == 120

    def test_a_bad_row_among_the_first_is_refused_at_once(self, athlete_client, athlete):
        data = many_workouts(120, bad_line=3)
        response = athlete_client.post("/settings/import/", {"file": upload(data), "unit": "kg"})
        assert response.status_code == 400
        assert b"Line 3: Reps &quot;eight&quot; is not a number." in response.content
        assert not ImportJob.objects.exists()

    def test_a_bad_row_further_on_fails_the_job_page_with_its_line(self, athlete_client, athlete):
        data = many_workouts(120, bad_line=100)
        response = athlete_client.post(
            "/settings/import/", {"file": upload(data), "unit": "kg"}, follow=True
        )
        assert b"The file was not imported" in response.content
        assert b"Line 100: Reps &quot;eight&quot; is not a number." in response.content
        assert log_rows(athlete)["sets"] == 0


def test_a_running_job_shows_a_progress_bar_that_works_without_javascript(
    athlete_client, athlete, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _, token = preview(athlete_client)
    athlete_client.post("/settings/import/confirm/", {"token": token, "unit": "kg"})
    job = ImportJob.objects.get(athlete=athlete)
    page = athlete_client.get(f"/settings/import/{job.pk}/").content.decode()
    assert '<progress id="job-progress" max="1" value="0.000">' in page
    assert f'data-job="/api/v1/imports/{job.pk}/"' in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert f'href="/settings/import/{job.pk}/">Refresh</a>' in page


def test_confirming_twice_gives_the_first_import_back(athlete_client, athlete, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _, token = preview(athlete_client)
    first = athlete_client.post("/settings/import/confirm/", {"token": token, "unit": "kg"})
    second = athlete_client.post("/settings/import/confirm/", {"token": token, "unit": "kg"})
    assert first["Location"] == second["Location"]
    assert ImportJob.objects.filter(athlete=athlete).count() == 1


def test_an_outsider_cannot_see_someone_elses_import(athlete_client, outsider_client, athlete):
    _, token = preview(athlete_client)
    athlete_client.post("/settings/import/confirm/", {"token": token, "unit": "kg"})
    job = ImportJob.objects.get(athlete=athlete)
    assert outsider_client.get(f"/settings/import/{job.pk}/").status_code == 404


def test_a_preview_warns_when_the_plates_say_another_unit(athlete_client):
    header = (
        '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",'
        '"Distance","Seconds","Notes","Workout Notes","RPE"\n'
    )
    rows = "".join(
        f'"2026-08-03 17:00:00","A","1h","Hip Thrust (Barbell)","{n}","{w}","8","","","","",""\n'
        for n, w in enumerate(["95", "135", "185", "225", "225", "245"], start=1)
    )
    response = athlete_client.post(
        "/settings/import/", {"file": upload((header + rows).encode()), "unit": "kg"}
    )
    assert b"The barbell loads look like pounds" in response.content
    again, _ = preview(athlete_client)  # loads that fit both units: no warning
    assert b"look like" not in again.content
