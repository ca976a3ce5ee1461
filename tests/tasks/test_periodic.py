"""The periodic jobs are handed to the task runner when due, once, whichever scheduler asks."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command

from thrustlog import periodic
from thrustlog.periodic import Periodic

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 8, 3, 12, 0, tzinfo=UTC)
HOURLY = Periodic("tracker.tasks.forget_old_uploads", timedelta(hours=1))
DAILY = Periodic("tracker.tasks.clear_expired_sessions", timedelta(days=1))


def tick(at: datetime) -> list[str]:
    sent: list[str] = []
    periodic.tick(now=at, schedule=(HOURLY, DAILY), enqueue=lambda job: sent.append(job.task))
    return sent


def test_every_job_runs_on_the_first_tick():
    assert tick(NOON) == [HOURLY.task, DAILY.task]


def test_a_job_waits_for_its_interval():
    tick(NOON)
    assert tick(NOON + timedelta(minutes=59)) == []
    assert tick(NOON + timedelta(hours=1)) == [HOURLY.task]
    assert tick(NOON + timedelta(hours=2)) == [HOURLY.task]
    assert tick(NOON + timedelta(days=1)) == [HOURLY.task, DAILY.task]


def test_two_schedulers_at_the_same_moment_enqueue_once():
    assert periodic.claim(HOURLY, NOON)
    assert not periodic.claim(HOURLY, NOON)
    later = NOON + timedelta(hours=1)
    assert [periodic.claim(HOURLY, later), periodic.claim(HOURLY, later)] == [True, False]


def test_every_scheduled_task_exists_and_runs(athlete):
    # The immediate backend runs each task as it is enqueued: each must run without error.
    for job in periodic.SCHEDULE:
        result = periodic.import_string(job.task).enqueue()
        assert result.status == "SUCCESSFUL", job.task


def test_the_command_ticks_once(capsys):
    call_command("run_periodic", once=True)
    out = capsys.readouterr().out
    assert all(f"enqueued {job.task}" in out for job in periodic.SCHEDULE)
