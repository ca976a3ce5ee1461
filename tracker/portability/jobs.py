"""Imports as background jobs: started by a request in well under a second, run by the task
runner (tracker.tasks.run_import_job), watched through GET /api/v1/imports/{id}/.

- `check` reads what a request can afford: the whole file when it is small (SYNC_ROWS rows;
  then every error is known before the job exists), else its first PROBE_ROWS rows (a file of
  the wrong kind or with a broken header is still refused at once, with a 400).
- `start` keeps the upload in the spool, creates the job and hands it to the task runner.
- `run` does the work: one transaction, all or nothing; a failed job stores nothing and says
  why (messages naming lines). Progress is written every few percent, outside that
  transaction, so another connection sees it while the job reads.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.contrib.auth.models import User
from django.utils import timezone

from tracker.portability import importer, reading, spool
from tracker.portability.models import ImportJob
from tracker.portability.sources import MAX_ROWS, ImportFileError

logger = logging.getLogger(__name__)

SYNC_ROWS = 10_000  # read in the request (about a second); a larger file is read by a job
PROBE_ROWS = 500  # of a larger file, the request reads this many rows to refuse it early
PLANNING_SHARE = 0.8  # of an import's progress bar; saving is the rest
FAILED_ON_OUR_SIDE = "The import failed on our side; nothing was stored. Please try again later."
ACTIVE = (ImportJob.State.QUEUED, ImportJob.State.RUNNING)


@dataclass(frozen=True)
class Preview:
    """What a preview shows: from an outcome in the request, or from a preview job's result."""

    source: str
    layout: str
    unit: str
    unit_reason: str
    unit_explanation: str
    unit_in_file: bool
    plates_say: str  # the unit the barbell loads suggest, when not the one chosen
    sessions: int
    sets: int
    skipped: int
    already_sessions: int
    already_sets: int
    first_date: date | None
    last_date: date | None
    comments_left_out: int
    exercises: list[dict[str, Any]]  # name, exercise_label, equipment, sets
    skipped_reasons: list[tuple[str, int, list[int]]]

    @classmethod
    def of(cls, outcome: importer.Outcome) -> "Preview":
        plan = outcome.plan
        return cls(
            source=plan.source,
            layout=plan.layout,
            unit=plan.unit,
            unit_reason=plan.unit_reason,
            unit_explanation=plan.unit_explanation,
            unit_in_file=plan.unit_in_file,
            plates_say=plan.plates_say,
            sessions=outcome.sessions,
            sets=outcome.sets,
            skipped=outcome.skipped,
            already_sessions=outcome.already_sessions,
            already_sets=outcome.already_sets,
            first_date=plan.first_date,
            last_date=plan.last_date,
            comments_left_out=plan.comments_left_out,
            exercises=[
                {
                    "name": e.name,
                    "exercise_label": e.exercise_label,
                    "equipment": e.equipment,
                    "sets": e.sets,
                }
                for e in plan.exercises()
            ],
            skipped_reasons=plan.skipped_reasons(),
        )

    def as_json(self) -> dict[str, Any]:
        data = self.__dict__.copy()
        for name in ("first_date", "last_date"):
            data[name] = data[name].isoformat() if data[name] else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Preview":
        values = dict(data)
        for name in ("first_date", "last_date"):
            values[name] = date.fromisoformat(values[name]) if values.get(name) else None
        values["skipped_reasons"] = [tuple(r) for r in values.get("skipped_reasons", [])]
        values.setdefault("plates_say", "")
        return cls(**values)


SYNC_BYTES = 1_500_000  # and at most this much text (a Thrustlog export is one long line)


def is_small(data: bytes) -> bool:
    """Whether a request may read the whole upload: few rows and little text, unpacked from
    a ZIP if need be (a file that cannot be read at all is small: its refusal is quick)."""
    if data.startswith(b"PK"):
        try:
            upload = reading.read(data)
        except ImportFileError:
            return True
        if upload.document is not None:
            return False  # a zipped Thrustlog export: its job reads it
        return len(upload.text) <= SYNC_BYTES and upload.text.count("\n") <= SYNC_ROWS
    return len(data) <= SYNC_BYTES and data.count(b"\n") <= SYNC_ROWS


def check(athlete: User, data: bytes, *, unit: str | None) -> None:
    """Refuse (ImportFileError) what a request can tell is wrong: all of a small file, the
    first rows of a large one."""
    if is_small(data):
        importer.plan_for(athlete, data, unit=unit)
        return
    upload = reading.read(data)
    if upload.document is not None:
        return  # a Thrustlog export: its shape is checked as a whole, by the job
    text = _first_lines(upload.text, PROBE_ROWS)
    try:
        importer.plan_for(athlete, text.encode(), unit=unit)
    except ImportFileError as error:
        if "holds no sets" not in str(error):  # the first rows may all be warm-ups
            raise
    if upload.text.count("\n") > MAX_ROWS:
        raise ImportFileError(
            f"The file has more than {MAX_ROWS:,} rows, the most one import takes: export a "
            "shorter date range and import it in parts."
        )


def _first_lines(text: str, count: int) -> str:
    end = -1
    for _ in range(count + 1):
        end = text.find("\n", end + 1)
        if end < 0:
            return text
    return text[: end + 1]


def active_tokens(athlete: User) -> set[str]:
    """Waiting uploads that a queued or running job still needs."""
    jobs = ImportJob.objects.filter(athlete=athlete, state__in=ACTIVE)
    return set(jobs.values_list("token", flat=True))


def keep_upload(athlete: User, data: bytes) -> str:
    return spool.keep(athlete, data, in_use=active_tokens(athlete))


def start(
    athlete: User,
    token: str,
    *,
    kind: str = ImportJob.Kind.IMPORT,
    unit: str | None = None,
    file_name: str = "",
    size: int = 0,
) -> ImportJob:
    """A job for a waiting upload, handed to the task runner. Confirming the same upload twice
    (a double tap, a replayed form) gives the first import job back."""
    if kind == ImportJob.Kind.IMPORT:
        earlier = ImportJob.objects.filter(athlete=athlete, token=token, kind=kind).first()
        if earlier is not None:
            return earlier
    job = ImportJob.objects.create(
        athlete=athlete,
        kind=kind,
        token=token,
        unit=unit or "",
        file_name=file_name[:200],
        size=size,
    )
    from tracker.tasks import run_import_job  # the task module imports this one

    run_import_job.enqueue(str(job.pk))
    job.refresh_from_db()  # an immediate backend has run it already
    return job


def run(job_id: UUID | str) -> None:
    """Do the job's work (the task runner calls this once; a repeat finds it claimed)."""
    claimed = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.QUEUED).update(
        state=ImportJob.State.RUNNING, started_at=timezone.now(), stage="reading"
    )
    if not claimed:
        return
    job = ImportJob.objects.select_related("athlete").get(pk=job_id)
    try:
        _work(job)
    except ImportFileError as error:
        _finish(job, state=ImportJob.State.FAILED, errors=[str(error)])
    except Exception:  # a job must end, and say so; the traceback goes to the log
        logger.exception("import job %s failed", job.pk)
        _finish(job, state=ImportJob.State.FAILED, errors=[FAILED_ON_OUR_SIDE])
    finally:
        if job.kind == ImportJob.Kind.IMPORT:
            spool.discard(job.athlete, job.token)


def _work(job: ImportJob) -> None:
    data = spool.load(job.athlete, job.token)
    if data is None:
        raise ImportFileError("The upload is no longer waiting: choose the file again.")
    unit = job.unit or None
    if job.kind == ImportJob.Kind.PREVIEW:
        outcome = importer.preview(job.athlete, data, unit=unit, progress=_reporter(job, 1.0))
    else:
        plan = importer.plan_for(
            job.athlete, data, unit=unit, progress=_reporter(job, PLANNING_SHARE)
        )
        _report(job, PLANNING_SHARE, stage="saving")
        outcome = importer.store(job.athlete, plan)
    preview = Preview.of(outcome)
    _finish(
        job,
        state=ImportJob.State.DONE,
        sessions=outcome.sessions,
        sets=outcome.sets,
        skipped=outcome.skipped,
        first_date=outcome.first_date,
        last_date=outcome.last_date,
        result=preview.as_json(),
    )


def _reporter(job: ImportJob, share: float) -> Callable[[float], None]:
    last = [0.0, time.monotonic()]

    def report(done: float) -> None:
        value = round(done * share, 3)
        # A write every few percent or half second is enough for a progress bar.
        if value - last[0] >= 0.02 or time.monotonic() - last[1] > 0.5:
            last[:] = [value, time.monotonic()]
            _report(job, value)

    return report


def _report(job: ImportJob, progress: float, *, stage: str = "") -> None:
    fields: dict[str, Any] = {"progress": progress}
    if stage:
        fields["stage"] = stage
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def _finish(job: ImportJob, *, state: str, **fields: Any) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        state=state,
        progress=1.0 if state == ImportJob.State.DONE else job.progress,
        stage="",
        finished_at=timezone.now(),
        **fields,
    )


def give_up_stalled(*, hours: int = 2) -> int:
    """Jobs a stopped worker left running (or that never started): failed, their file gone."""
    cutoff = timezone.now() - timedelta(hours=hours)
    stalled = ImportJob.objects.filter(state__in=ACTIVE, created__lt=cutoff)
    return stalled.update(
        state=ImportJob.State.FAILED,
        stage="",
        finished_at=timezone.now(),
        errors=["The import was interrupted; nothing was stored. Please upload the file again."],
    )
