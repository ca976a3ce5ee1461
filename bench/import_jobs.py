"""Issue 19's benchmark: a 100,000-row Strong export imported as a background job, on SQLite
and PostgreSQL. Not a timed test: it reports, it does not assert.

    .venv/bin/python -m bench.import_jobs              # both backends, writes RESULTS
    .venv/bin/python -m bench.import_jobs --no-write   # print only

For each backend a fresh database (bench/common.py) and a child process with the deployed
settings (debug off, the database task backend, a temporary data folder): one athlete posts the
file to POST /api/v1/imports/ (what the web worker spends: reading, checking the first rows,
keeping the upload), then `manage.py db_worker --batch` runs the job while the parent of the
work polls GET /api/v1/imports/{id}/ from a second thread (what a progress bar sees). Then the
same file again (adds nothing), a dry run at the largest size one is answered for, and the
streamed export of the imported log (time to its first bytes, and to its end).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from datetime import datetime
from typing import Any

from bench.common import BACKENDS, database_label, machine_line, run_backends, run_child
from bench.import_bench import strong_csv

NAME = "import_jobs"
ROWS = 100_000
BUDGET_S = 540.0
PG_URL = "postgres://postgres@127.0.0.1:5432/thrustlog_bench_import_jobs"


def child() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    from tracker.models import ImportJob, Set
    from tracker.portability import jobs, streaming
    from tracker.services import profile_for

    call_command("migrate", verbosity=0)
    athlete = get_user_model().objects.create_user("bench-jobs", password="x" * 20)
    profile_for(athlete)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(athlete)
    # 100,000 rows are some 5,900 workouts: one a day from 1995 (dates must not be future).
    data = strong_csv(ROWS, seed=19, start=datetime(1995, 1, 2, 17, 0), every_days=1)

    def post(payload: bytes, **fields: str) -> tuple[Any, float]:
        upload = SimpleUploadedFile("strong.csv", payload, content_type="text/csv")
        started = time.perf_counter()
        response = client.post("/api/v1/imports/", {"file": upload, "unit": "kg", **fields})
        return response, round(time.perf_counter() - started, 3)

    def run_job(url: str) -> dict[str, Any]:
        seen: list[tuple[float, str, float]] = []
        polls: list[float] = []
        done = threading.Event()

        def watch() -> None:
            watcher = Client(HTTP_HOST="127.0.0.1")
            watcher.force_login(athlete)
            while not done.is_set():
                asked = time.perf_counter()
                job = watcher.get(url).json()
                polls.append(time.perf_counter() - asked)
                seen.append(
                    (round(time.perf_counter() - started, 2), job["state"], job["progress"])
                )
                done.wait(0.5)

        started = time.perf_counter()
        thread = threading.Thread(target=watch)
        thread.start()
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        elapsed = time.perf_counter() - started
        done.set()
        thread.join()
        distinct = sorted({p for _, _, p in seen})
        return {
            "s": round(elapsed, 2),
            "polls": len(polls),
            "poll_ms_max": round(1000 * max(polls, default=0), 1),
            "progress_values_seen": len(distinct),
            "progress_seen": distinct[:12],
        }

    response, post_s = post(data)
    assert response.status_code == 202, response.content
    job_url = response.json()["url"]
    first = run_job(job_url)
    job = ImportJob.objects.get(pk=response.json()["id"])

    again_response, again_post_s = post(data)
    again = run_job(again_response.json()["url"])
    again_job = ImportJob.objects.get(pk=again_response.json()["id"])

    dry = strong_csv(jobs.SYNC_ROWS - 10, seed=20, start=datetime(2015, 1, 5, 17, 0))
    dry_response, dry_s = post(dry, dry_run="true")

    started = time.perf_counter()
    chunks = streaming.zip_chunks(athlete)
    next(chunks)
    first_bytes_s = time.perf_counter() - started
    size = sum(len(c) for c in chunks)
    export_s = time.perf_counter() - started

    print(
        json.dumps(
            {
                "database": database_label(),
                "rows": ROWS,
                "file_bytes": len(data),
                "post_s": post_s,
                "job": first,
                "job_state": job.state,
                "job_errors": job.errors,
                "sessions": job.sessions,
                "sets": job.sets,
                "skipped": job.skipped,
                "stored_sets": Set.objects.filter(athlete=athlete).count(),
                "again_post_s": again_post_s,
                "again": again,
                "again_added": again_job.sessions + again_job.sets,
                "dry_run_rows": jobs.SYNC_ROWS - 10,
                "dry_run_s": dry_s,
                "dry_run_status": dry_response.status_code,
                "export_first_bytes_s": round(first_bytes_s, 3),
                "export_s": round(export_s, 2),
                "export_zip_bytes": size,
            }
        )
    )


def _run_backend(backend: str, deadline: float) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.import_jobs", "--child"]
    with tempfile.TemporaryDirectory(prefix="thrustlog-bench-data-") as data_dir:
        os.environ["THRUSTLOG_DATA_DIR"] = data_dir
        os.environ["TASKS_BACKEND"] = "database"
        return run_child(backend, command, deadline=deadline, pg_url=PG_URL)


def markdown(info: dict[str, Any], results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "## A 100,000-row import as a background job (issue 19)",
        "",
        f"{machine_line(info)}. The machine is shared with other agents' work (2 cores): the "
        "seconds are wall-clock and noisy, and only show the orders of magnitude.",
        "The web worker's share is the POST (read, check the first rows, keep the upload, "
        "enqueue); the job runs in `manage.py db_worker --batch` while a second thread polls "
        "`GET /api/v1/imports/{id}/` every half second, as the progress bar does.",
        "",
        "| database | POST s | job s | polls (slowest ms) | progress values seen | again: job s, "
        "added | dry run (rows) s | export: first bytes s, all s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for backend, fig in results.items():
        if "error" in fig:
            lines.append(f"| {backend} | {fig['error']} | | | | | | |")
            continue
        job, again = fig["job"], fig["again"]
        lines.append(
            f"| {fig['database']} | {fig['post_s']:.2f} | {job['s']:.1f} | {job['polls']} "
            f"({job['poll_ms_max']:.0f}) | {job['progress_values_seen']} | {again['s']:.1f}, "
            f"{fig['again_added']} | ({fig['dry_run_rows']:,}) {fig['dry_run_s']:.2f} | "
            f"{fig['export_first_bytes_s']:.2f}, {fig['export_s']:.1f} |"
        )
    measured = [fig for fig in results.values() if "error" not in fig]
    if measured:
        fig = measured[0]
        lines += [
            "",
            f"The file: {fig['rows']:,} rows ({fig['file_bytes'] // 1024} KB), stored as "
            f"{fig['sessions']:,} sessions and {fig['sets']:,} sets, {fig['skipped']:,} rows "
            f"skipped (warm-ups, rest timers); the job ended `{fig['job_state']}`. The export "
            f"ZIP of that log: {fig['export_zip_bytes'] // 1024} KB. The bar moves while the "
            "rows are read and mapped (80%); saving is one transaction, all or nothing, so "
            "the bar waits at 80% until it commits.",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--budget", type=float, default=BUDGET_S, help="seconds, all backends")
    parser.add_argument("--no-write", action="store_true", help="print, leave RESULTS alone")
    args = parser.parse_args(argv)
    if args.child:
        child()
        return 0
    deadline = time.monotonic() + args.budget
    return run_backends(
        NAME,
        args.backends,
        lambda backend: _run_backend(backend, deadline),
        markdown,
        write=not args.no_write,
    )


if __name__ == "__main__":
    sys.exit(main())
