"""The real queue end to end: the database backend stores each task, and its worker
(`manage.py db_worker`, the one `make run` starts) runs them in order."""

import signal

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from coaching.models import AthleteSummary
from tests.coaching.conftest import link
from tests.factories import SetFactory, TrainingSessionFactory
from tests.portability.conftest import log_rows, read, upload
from tests.portability.test_import_api import many_workouts
from tracker.models import ImportJob

pytestmark = pytest.mark.django_db(transaction=True)
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def queue_in_the_database(settings, tmp_path):
    settings.TASKS = DATABASE
    settings.DATA_DIR = tmp_path / "data"


def run_worker() -> None:
    """What `manage.py db_worker --batch` does: every waiting task, then stop."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


def test_an_import_waits_in_the_queue_until_the_worker_runs_it(athlete_api, athlete):
    data = many_workouts(300)
    response = athlete_api.post(
        "/api/v1/imports/", {"file": upload(data), "unit": "kg"}, format="multipart"
    )
    assert response.status_code == 202
    assert response.json()["state"] == "queued"
    assert DBTaskResult.objects.filter(task_path="tracker.tasks.run_import_job").count() == 1
    assert log_rows(athlete)["sets"] == 0
    run_worker()
    job = athlete_api.get(response.json()["url"]).json()
    assert (job["state"], job["progress"], job["sets"]) == ("done", 1.0, 300)
    assert log_rows(athlete)["sets"] == 300
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_failing_import_in_the_worker_stores_nothing(athlete_api, athlete, monkeypatch):
    from tracker.portability import jobs

    monkeypatch.setattr(jobs, "SYNC_ROWS", 50)
    monkeypatch.setattr(jobs, "PROBE_ROWS", 20)
    data = many_workouts(200, bad_line=150)
    response = athlete_api.post(
        "/api/v1/imports/", {"file": upload(data), "unit": "kg"}, format="multipart"
    )
    run_worker()
    job = ImportJob.objects.get(pk=response.json()["id"])
    assert job.state == "failed"
    assert job.errors == ['Line 150: Reps "eight" is not a number.']
    assert log_rows(athlete)["sets"] == 0


def test_a_coached_athletes_roster_row_is_refreshed_by_the_worker(athlete, coach):
    link(coach, athlete)
    run_worker()
    session = TrainingSessionFactory(athlete=athlete)
    SetFactory(session=session, position=1)
    assert DBTaskResult.objects.filter(task_path="coaching.tasks.refresh_roster_row").exists()
    AthleteSummary.objects.filter(athlete=athlete).delete()
    run_worker()
    assert AthleteSummary.objects.filter(athlete=athlete).exists()


def test_the_same_file_in_the_api_and_the_queue_adds_nothing_the_second_time(athlete_api, athlete):
    for _ in range(2):
        athlete_api.post(
            "/api/v1/imports/", {"file": upload(read("hevy_kg.csv"))}, format="multipart"
        )
    run_worker()
    jobs = list(ImportJob.objects.order_by("created").values_list("state", "sets"))
    assert jobs == [("done", 5), ("done", 0)]
