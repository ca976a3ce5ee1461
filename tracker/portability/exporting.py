"""Exports of long histories as background jobs: the request answers at once, the task runner
writes the file (streaming.py) under DATA_DIR/exports, the athlete downloads it when done.

A history of up to STREAM_SETS sets streams straight to the browser instead (a second or two).
Files are the owner's only (named by their id and the job's), and go after a day with the
periodic `forget_old_uploads` job.
"""

import logging
import time
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from tracker.models import Set
from tracker.portability import spool, streaming
from tracker.portability.models import ExportJob, ImportJob

logger = logging.getLogger(__name__)

STREAM_SETS = 5_000  # streamed in the request up to this many sets; a job above
MAX_AGE_S = 24 * 3600


def directory() -> Path:
    path = Path(settings.DATA_DIR) / "exports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def path_of(job: ExportJob) -> Path:
    return directory() / f"{job.athlete_id}-{job.pk}.{job.kind}"


def is_long(athlete: User) -> bool:
    return Set.objects.filter(athlete=athlete).count() > STREAM_SETS


def start(athlete: User, kind: str) -> ExportJob:
    job = ExportJob.objects.create(athlete=athlete, kind=kind)
    from tracker.tasks import run_export_job  # the task module imports this one

    run_export_job.enqueue(str(job.pk))
    job.refresh_from_db()
    return job


def run(job_id: UUID | str) -> None:
    claimed = ExportJob.objects.filter(pk=job_id, state=ImportJob.State.QUEUED).update(
        state=ImportJob.State.RUNNING
    )
    if not claimed:
        return
    job = ExportJob.objects.select_related("athlete").get(pk=job_id)
    target = path_of(job)
    last = [time.monotonic()]

    def report(share: float) -> None:
        if time.monotonic() - last[0] > 0.5:
            last[0] = time.monotonic()
            ExportJob.objects.filter(pk=job.pk).update(progress=round(share, 3))

    write = streaming.zip_chunks if job.kind == ExportJob.Kind.ZIP else streaming.json_chunks
    try:
        with target.open("wb") as out:
            for chunk in write(job.athlete, report):
                out.write(chunk)
    except Exception:  # the job must end and say so; the traceback goes to the log
        logger.exception("export job %s failed", job.pk)
        target.unlink(missing_ok=True)
        ExportJob.objects.filter(pk=job.pk).update(
            state=ImportJob.State.FAILED,
            finished_at=timezone.now(),
            errors=["The export failed on our side. Please try again later."],
        )
        return
    ExportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.DONE,
        progress=1.0,
        size=target.stat().st_size,
        finished_at=timezone.now(),
    )


def forget_old(*, max_age_s: int = MAX_AGE_S) -> int:
    """Remove export files older than `max_age_s`; how many went."""
    return spool.remove_older_than(directory(), max_age_s)
