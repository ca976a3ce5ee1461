"""Issue 12's benchmark: a Strong export of 20,000 rows imported on SQLite and PostgreSQL.
Not a timed test: it reports, it does not assert. Target: the import under 10 s.

    .venv/bin/python -m bench.import_bench              # both backends, writes RESULTS
    .venv/bin/python -m bench.import_bench --no-write   # print only
    .venv/bin/python -m bench.import_bench --save-file /tmp/strong-20000.csv   # the file only

For each backend the parent creates a fresh database (a temporary SQLite file; a PostgreSQL
database `thrustlog_bench_import` it creates and drops) and runs a child process with the
deployed settings (debug off): migrate, one athlete, then time, counting queries:
the preview (read, map, look for rows already stored), the import (one transaction, bulk
inserts), the same file again (adds nothing), and the export of the imported log (JSON + ZIP).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import (
    BACKENDS,
    database_label,
    machine_line,
    run_backends,
    run_child,
)

NAME = "import"
ROWS = 20_000
TARGET_S = 10.0
BUDGET_S = 300.0
PG_URL = "postgres://postgres@127.0.0.1:5432/thrustlog_bench_import"
HEADER = (
    '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps","Distance",'
    '"Seconds","Notes","Workout Notes","RPE"'
)
# (name, working sets, kg): a glute day as lifters log it, with other exercises around.
WORKOUT = (
    ("Hip Thrust (Barbell)", 4, 100),
    ("Glute Bridge (Band)", 2, 0),
    ("Romanian Deadlift (Barbell)", 3, 80),
    ("Hip Thrust (Machine)", 3, 90),
    ("Bulgarian Split Squat (Dumbbell)", 3, 20),
)


def strong_csv(
    rows: int = ROWS,
    *,
    seed: int = 12,
    start: datetime = datetime(2020, 1, 6, 17, 0),
    every_days: int = 2,
) -> bytes:
    """A Strong export (current layout, CRLF) of exactly `rows` data rows, oldest first:
    warm-ups, rest timers and RPE included, one workout every `every_days` until it is full."""
    rng = random.Random(seed)
    lines = [HEADER]
    workout = 0
    while len(lines) - 1 < rows:
        day = start + timedelta(days=every_days * workout)
        head = f'"{day:%Y-%m-%d %H:%M:%S}","Glutes {workout % 2 + 1}","1h 4m"'
        for exercise, sets, kg in WORKOUT:
            load = kg + 2.5 * ((workout // 8) % 24)
            if exercise == WORKOUT[0][0]:  # one warm-up and one rest timer a workout
                lines.append(f'{head},"{exercise}","W","{load / 2:g}","10","","","","",""')
                lines.append(f'{head},"Rest Timer","Rest Timer","0","0","","90","","",""')
            for n in range(1, sets + 1):
                rpe = rng.choice(["", "7", "7.5", "8", "8.5", "9"])
                note = "pad slipped" if rng.random() < 0.02 else ""
                reps = rng.randint(6, 12)
                lines.append(
                    f'{head},"{exercise}","{n}","{load:g}","{reps}","","","{note}","","{rpe}"'
                )
        workout += 1
    return ("\r\n".join(lines[: rows + 1]) + "\r\n").encode()


# --- the child: one backend, the deployed settings -------------------------------------------


def _measure(call: Any) -> tuple[Any, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - started
    return result, round(elapsed, 3), len(captured)


def child() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from tracker.models import Set
    from tracker.portability import export, importer
    from tracker.services import profile_for

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_s = time.perf_counter() - started
    athlete = get_user_model().objects.create_user("bench-importer", password="x" * 20)
    profile_for(athlete)
    data = strong_csv()

    preview, preview_s, preview_q = _measure(lambda: importer.preview(athlete, data, unit="kg"))
    done, import_s, import_q = _measure(lambda: importer.import_file(athlete, data, unit="kg"))
    again, again_s, again_q = _measure(lambda: importer.import_file(athlete, data, unit="kg"))
    document, doc_s, doc_q = _measure(lambda: export.document(athlete))
    archive, zip_s, _ = _measure(lambda: export.zip_bytes(document))
    print(
        json.dumps(
            {
                "database": database_label(),
                "rows": ROWS,
                "file_bytes": len(data),
                "migrate_s": round(migrate_s, 2),
                "preview": {"s": preview_s, "queries": preview_q},
                "import": {"s": import_s, "queries": import_q},
                "again": {"s": again_s, "queries": again_q},
                "export": {"s": round(doc_s + zip_s, 3), "queries": doc_q},
                "sessions": done.sessions,
                "sets": done.sets,
                "skipped": done.skipped,
                "again_added": again.sessions + again.sets,
                "preview_sets": preview.sets,
                "stored_sets": Set.objects.filter(athlete=athlete).count(),
                "zip_bytes": len(archive),
            }
        )
    )


# --- the parent: a fresh database per backend ------------------------------------------------


def _run_backend(backend: str, deadline: float) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.import_bench", "--child"]
    return run_child(backend, command, deadline=deadline, pg_url=PG_URL)


def markdown(info: dict[str, Any], results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "## Importing a 20,000-row Strong export (issue 12)",
        "",
        f"{machine_line(info)}.",
        f"Target: the import under {TARGET_S:g} s. Seconds are wall-clock, queries counted "
        "with Django's CaptureQueriesContext. `again` imports the same file a second time.",
        "",
        "| database | preview s (queries) | import s (queries) | again s (queries) | "
        "export s (queries) | target |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for backend, fig in results.items():
        if "error" in fig:
            lines.append(f"| {backend} | {fig['error']} | | | | |")
            continue
        cells = [f"{fig[k]['s']:.2f} ({fig[k]['queries']})" for k in ("preview", "import")]
        cells += [f"{fig[k]['s']:.2f} ({fig[k]['queries']})" for k in ("again", "export")]
        verdict = "met" if fig["import"]["s"] < TARGET_S else "MISSED"
        lines.append(f"| {fig['database']} | {' | '.join(cells)} | {verdict} |")
    measured = [fig for fig in results.values() if "error" not in fig]
    if measured:
        fig = measured[0]
        lines += [
            "",
            f"The file: {fig['rows']} rows ({fig['file_bytes'] // 1024} KB, CRLF), stored as "
            f"{fig['sessions']} sessions and {fig['sets']} sets; {fig['skipped']} rows skipped "
            f"(warm-ups, rest timers). The second import added {fig['again_added']} rows. The "
            f"export ZIP: {fig['zip_bytes'] // 1024} KB.",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--budget", type=float, default=BUDGET_S, help="seconds, all backends")
    parser.add_argument("--no-write", action="store_true", help="print, leave RESULTS alone")
    parser.add_argument("--save-file", type=Path, help="write the 20,000-row CSV there, stop")
    args = parser.parse_args(argv)
    if args.child:
        child()
        return 0
    if args.save_file:
        args.save_file.write_bytes(strong_csv())
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
