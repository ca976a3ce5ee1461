"""The periodic jobs, and the scheduler that hands them to the task runner: no cron line.

`manage.py run_periodic` (started by `make run` beside the server and the worker; one per
machine is fine, several are harmless) wakes every PERIODIC_TICK_SECONDS and enqueues each job
whose interval has passed. A job is claimed in the database before it is enqueued (an UPDATE
that only one scheduler can win), so several schedulers never enqueue the same run twice.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from tracker.models import PeriodicRun


@dataclass(frozen=True)
class Periodic:
    task: str  # dotted path of a django-tasks task without arguments
    every: timedelta


SCHEDULE = (
    # Roster rows (and the advice they show) age by the calendar: "recent" weeks move on.
    Periodic("coaching.tasks.refresh_stale_roster_rows", timedelta(hours=1)),
    # Reminders and coaches' summaries at the clock time each person picked (a few minutes late
    # at most); each run reads only the rows that are due.
    Periodic("notifications.tasks.send_check_in_reminders", timedelta(minutes=5)),
    Periodic("coaching.tasks.send_coach_summaries", timedelta(minutes=5)),
    # Uploads waiting longer than a day, and jobs a stopped worker left running.
    Periodic("tracker.tasks.forget_old_uploads", timedelta(hours=1)),
    Periodic("tracker.tasks.clear_expired_sessions", timedelta(days=1)),
    # The task runner's own record of finished tasks (the database backend keeps them).
    Periodic("thrustlog.tasks.prune_task_results", timedelta(days=1)),
)


def claim(job: Periodic, now: datetime) -> bool:
    """True for exactly one caller once `job.every` has passed since its last run."""
    due_before = now - job.every
    updated = PeriodicRun.objects.filter(name=job.task, last_enqueued__lte=due_before).update(
        last_enqueued=now
    )
    if updated:
        return True
    try:
        with transaction.atomic():
            PeriodicRun.objects.create(name=job.task, last_enqueued=now)
    except IntegrityError:  # another scheduler created it first, or it is not due
        return False
    return True


def tick(
    *,
    now: datetime | None = None,
    schedule: tuple[Periodic, ...] = SCHEDULE,
    enqueue: Callable[[Periodic], None] | None = None,
) -> list[str]:
    """Enqueue every job that is due; the tasks enqueued."""
    now = now or timezone.now()
    sent = []
    for job in schedule:
        if claim(job, now):
            (enqueue or _enqueue)(job)
            sent.append(job.task)
    return sent


def _enqueue(job: Periodic) -> None:
    import_string(job.task).enqueue()
