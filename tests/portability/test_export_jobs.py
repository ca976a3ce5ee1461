"""A long history's export is written by a background job: the request answers at once, the
job's page shows its progress, then offers the file, the owner's only, for a day."""

import io
import json
import os
import time
import zipfile

import pytest

from tests.factories import SetFactory, TrainingSessionFactory
from tests.portability.history import rich_history
from tracker.models import ExportJob
from tracker.portability import exporting, streaming

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_history(athlete, monkeypatch):
    monkeypatch.setattr(exporting, "STREAM_SETS", 3)
    rich_history(athlete)  # 7 sets: "long" with the limit at 3


def test_a_short_history_streams_at_once(athlete, athlete_client):
    SetFactory(session=TrainingSessionFactory(athlete=athlete), position=1)
    response = athlete_client.get("/settings/export/zip/")
    assert response.status_code == 200
    assert response.streaming
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("kind", ["zip", "json"])
def test_a_long_history_is_written_by_a_job_then_downloaded(
    athlete, athlete_client, long_history, kind
):
    response = athlete_client.get(f"/settings/export/{kind}/", follow=True)
    job = ExportJob.objects.get(athlete=athlete)
    assert response.redirect_chain[-1][0] == f"/settings/export/jobs/{job.pk}/"
    assert b"Your export is ready" in response.content
    assert f'href="/settings/export/jobs/{job.pk}/file/"'.encode() in response.content
    download = athlete_client.get(f"/settings/export/jobs/{job.pk}/file/")
    assert download["Content-Disposition"].startswith('attachment; filename="thrustlog-athlete-')
    body = b"".join(download.streaming_content)
    if kind == "zip":
        expected = zipfile.ZipFile(io.BytesIO(b"".join(streaming.zip_chunks(athlete))))
        got = zipfile.ZipFile(io.BytesIO(body))
        assert got.read("sets.csv") == expected.read("sets.csv")
    else:
        assert len(json.loads(body)["sessions"]) == 3


def test_a_waiting_export_shows_its_progress(athlete, athlete_client, long_history, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = athlete_client.get("/settings/export/zip/", follow=True)
    job = ExportJob.objects.get(athlete=athlete)
    page = response.content.decode()
    assert '<progress id="job-progress" max="1" value="0.000">' in page
    assert f'data-job="/settings/export/jobs/{job.pk}/status/"' in page
    status = athlete_client.get(f"/settings/export/jobs/{job.pk}/status/").json()
    assert status == {"state": "queued", "progress": 0.0, "stage": ""}
    assert athlete_client.get(f"/settings/export/jobs/{job.pk}/file/").status_code == 404


def test_another_athletes_export_is_404(athlete, athlete_client, outsider_client, long_history):
    athlete_client.get("/settings/export/zip/")
    job = ExportJob.objects.get(athlete=athlete)
    for url in ("", "status/", "file/"):
        assert outsider_client.get(f"/settings/export/jobs/{job.pk}/{url}").status_code == 404


def test_export_files_go_after_a_day(athlete, athlete_client, long_history):
    athlete_client.get("/settings/export/zip/")
    job = ExportJob.objects.get(athlete=athlete)
    path = exporting.path_of(job)
    day_ago = time.time() - exporting.MAX_AGE_S - 60
    os.utime(path, (day_ago, day_ago))
    assert exporting.forget_old() == 1
    page = athlete_client.get(f"/settings/export/jobs/{job.pk}/")
    assert b"The file is gone" in page.content
