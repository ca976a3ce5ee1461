"""POST /api/v1/imports/ and GET /api/v1/imports/{id}/ as the contract (section 2, v1.1) fixes
them: 202 with a job, then the job's state, progress and what it added."""

import pytest

from tests.conftest import token_client
from tests.factories import UserFactory
from tests.portability.conftest import log_rows, read, upload, zipped
from tests.portability.history import rich_history
from tracker.models import ImportJob, Set
from tracker.portability import export, jobs

pytestmark = pytest.mark.django_db
URL = "/api/v1/imports/"
KEYS = {"sessions", "sets", "skipped", "first_date", "last_date"}
JOB_KEYS = {"id", "state", "progress", "errors", *KEYS}
STRONG_HEADER = (
    '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps","Distance",'
    '"Seconds","Notes","Workout Notes","RPE"\n'
)


def post(client, data: bytes, name: str = "strong.csv", **fields):
    return client.post(URL, {"file": upload(data, name), **fields}, format="multipart")


def imported(client, data: bytes, name: str = "strong.csv", **fields) -> dict:
    """The job of an accepted import, as GET on its url answers once the runner has run it."""
    response = post(client, data, name, **fields)
    assert response.status_code == 202, response.json()
    assert set(response.json()) >= {"id", "state", "url"}
    assert response["Location"] == response.json()["url"]
    job = client.get(response.json()["url"])
    assert job.status_code == 200
    return job.json()


def many_workouts(count: int, *, bad_line: int | None = None) -> bytes:
    rows = []
    for n in range(count):
        reps = "eight" if bad_line is not None and n + 2 == bad_line else "8"
        rows.append(
            f'"2025-{1 + n // 28 % 12:02d}-{1 + n % 28:02d} 07:{n // 336:02d}:00","W","1h",'
            f'"Hip Thrust","1","100","{reps}","","","","",""\n'
        )
    return (STRONG_HEADER + "".join(rows)).encode()


def test_an_import_answers_202_with_a_job_that_says_what_was_added(athlete_api, athlete):
    job = imported(athlete_api, read("strong_current.csv"), unit="kg")
    assert set(job) >= JOB_KEYS
    assert (job["state"], job["progress"], job["errors"]) == ("done", 1.0, [])
    assert (job["sessions"], job["sets"], job["skipped"]) == (2, 7, 3)
    assert (job["first_date"], job["last_date"]) == ("2026-08-03", "2026-08-06")
    assert log_rows(athlete)["sets"] == 7


def test_a_queued_job_answers_its_state_before_the_runner_takes_it(athlete_api, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = post(athlete_api, read("hevy_kg.csv"))
    assert response.status_code == 202
    assert response.json()["state"] == "queued"
    job = athlete_api.get(response.json()["url"]).json()
    assert (job["state"], job["progress"], job["sets"]) == ("queued", 0.0, 0)


def test_importing_the_same_file_again_adds_nothing(athlete_api, athlete):
    imported(athlete_api, read("hevy_kg.csv"))
    before = log_rows(athlete)
    again = imported(athlete_api, read("hevy_kg.csv"))
    assert (again["state"], again["sessions"], again["sets"]) == ("done", 0, 0)
    assert log_rows(athlete) == before


def test_the_same_history_zipped_adds_nothing_either(athlete_api, athlete):
    imported(athlete_api, read("hevy_lb.csv"))
    again = imported(athlete_api, zipped("workouts.csv", read("hevy_lb.csv")), name="hevy.zip")
    assert (again["state"], again["sessions"], again["sets"]) == ("done", 0, 0)


def test_a_dry_run_answers_200_with_the_unit_and_why_and_stores_nothing(athlete_api, athlete):
    response = post(athlete_api, read("strong_old_semicolon.csv"), dry_run="true")
    assert response.status_code == 200
    assert set(response.json()) >= {*KEYS, "unit", "unit_reason"}
    assert response.json()["sets"] == 3
    assert response.json()["unit_reason"] == "unit_column"
    assert log_rows(athlete)["sets"] == 0
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize(
    ("fields", "unit", "reason"),
    [({}, "kg", "athlete_setting"), ({"unit": "lb"}, "lb", "chosen")],
)
def test_the_dry_run_says_which_unit_it_assumed(athlete_api, fields, unit, reason):
    body = post(athlete_api, read("strong_current.csv"), dry_run="true", **fields).json()
    assert (body["unit"], body["unit_reason"]) == (unit, reason)
    assert body["unit_explanation"]


def test_a_dry_run_of_a_file_too_large_to_read_at_once_is_a_400(athlete_api, monkeypatch):
    monkeypatch.setattr(jobs, "SYNC_ROWS", 50)
    response = post(athlete_api, many_workouts(60), dry_run="true")
    assert response.status_code == 400
    assert "A dry run reads at most 50 rows at once" in response.json()["file"][0]


def test_a_dry_run_of_a_small_zip_answers_at_once(athlete_api):
    response = post(athlete_api, zipped("w.csv", read("hevy_lb.csv")), "h.zip", dry_run="true")
    assert response.status_code == 200, response.json()
    assert response.json()["sets"] == 4


def test_a_large_thrustlog_export_is_read_by_the_job(athlete_api, athlete, monkeypatch):
    rich_history(athlete)
    data = export.json_bytes(export.document(athlete))
    monkeypatch.setattr(jobs, "SYNC_BYTES", len(data) // 2)
    newcomer = token_client(UserFactory(username="newcomer"))
    job = imported(newcomer, data, "export.json")
    assert (job["state"], job["source"], job["sessions"], job["sets"]) == (
        "done",
        "Thrustlog",
        3,
        7,
    )


def test_the_unit_parameter_reads_weights_in_pounds(athlete_api, athlete):
    imported(athlete_api, read("strong_current.csv"), unit="lb")
    loads = set(Set.objects.filter(athlete=athlete).values_list("load_kg", flat=True))
    assert {str(v) for v in loads} >= {"45.36", "47.63"}  # 100 lb and 105 lb


def test_without_a_unit_the_athletes_own_unit_is_used(athlete_api, athlete):
    athlete.profile.unit = "lb"
    athlete.profile.save()
    imported(athlete_api, read("strong_current.csv"))
    assert Set.objects.filter(athlete=athlete, load_kg="45.36").count() == 2


class TestALargeFile:
    """Read by the job: a bad row past what the request reads fails the job, storing nothing."""

    @pytest.fixture(autouse=True)
    def small_limits(self, monkeypatch):
        monkeypatch.setattr(jobs, "SYNC_ROWS", 50)
        monkeypatch.setattr(jobs, "PROBE_ROWS", 20)

    def test_it_imports_in_the_background(self, athlete_api, athlete):
        job = imported(athlete_api, many_workouts(300), unit="kg")
        assert (job["state"], job["sessions"], job["sets"]) == ("done", 300, 300)
        assert log_rows(athlete)["sets"] == 300

    def test_a_bad_row_near_its_end_fails_the_job_and_stores_nothing(self, athlete_api, athlete):
        job = imported(athlete_api, many_workouts(300, bad_line=290), unit="kg")
        assert job["state"] == "failed"
        assert job["errors"] == ['Line 290: Reps "eight" is not a number.']
        assert log_rows(athlete) == {"sessions": 0, "sets": 0, "pain": 0, "symptoms": 0}

    def test_a_bad_row_among_the_first_is_a_400_at_once(self, athlete_api, athlete):
        response = post(athlete_api, many_workouts(300, bad_line=5), unit="kg")
        assert response.status_code == 400
        assert response.json() == {"file": ['Line 5: Reps "eight" is not a number.']}
        assert not ImportJob.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [{"unit": "stone"}, {"dry_run": "perhaps"}],
)
def test_bad_parameters_are_400s_naming_the_field(athlete_api, athlete, fields):
    response = post(athlete_api, read("strong_current.csv"), **fields)
    assert response.status_code == 400
    assert set(response.json()) == set(fields)
    assert log_rows(athlete)["sets"] == 0


def test_a_missing_file_is_a_400_on_file(athlete_api):
    response = athlete_api.post(URL, {"unit": "kg"}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()


def test_json_is_refused_with_415(athlete_api):
    assert athlete_api.post(URL, {"file": "x"}, format="json").status_code == 415


def test_without_credentials_it_is_401(anonymous_api):
    response = post(anonymous_api, read("strong_current.csv"))
    assert response.status_code == 401


def test_an_import_stores_rows_for_the_caller_only(athlete_api, athlete, outsider):
    imported(athlete_api, read("strong_current.csv"))
    assert log_rows(outsider) == {"sessions": 0, "sets": 0, "pain": 0, "symptoms": 0}


def test_another_athletes_import_does_not_count_as_yours(athlete_api, outsider_api, outsider):
    # The same file imported by two athletes: each gets their own rows (keys are per athlete).
    imported(athlete_api, read("hevy_kg.csv"))
    job = imported(outsider_api, read("hevy_kg.csv"))
    assert (job["sessions"], job["sets"]) == (1, 5)
    assert log_rows(outsider)["sets"] == 5


def test_another_athletes_job_is_404(athlete_api, outsider_api):
    response = post(athlete_api, read("hevy_kg.csv"))
    assert outsider_api.get(response.json()["url"]).status_code == 404


def test_following_a_job_needs_credentials(athlete_api, anonymous_api):
    response = post(athlete_api, read("hevy_kg.csv"))
    assert anonymous_api.get(response.json()["url"]).status_code == 401


def test_an_unknown_job_is_404(athlete_api):
    missing = athlete_api.get(f"{URL}00000000-0000-0000-0000-000000000000/")
    assert missing.status_code == 404


def test_the_upload_is_gone_once_the_job_is_done(athlete_api, athlete):
    from tracker.portability import spool

    imported(athlete_api, read("hevy_kg.csv"))
    assert spool.waiting(athlete) == []


def test_following_a_job_costs_the_same_queries_whatever_its_size(
    athlete_api, django_assert_max_num_queries
):
    response = post(athlete_api, read("strong_current.csv"))
    with django_assert_max_num_queries(8):
        athlete_api.get(response.json()["url"])
