"""Issue 7's benchmark: the charts page for an athlete with three years of history, on SQLite
and PostgreSQL: milliseconds and queries for the data (aggregates + figure builders) and the
whole view, and the page's transferred bytes, gzipped, on a first and a repeat visit.
It reports, it does not assert (tests/dashboard/ asserts the limits).

    .venv/bin/python -m bench.dashboard               # print the results
    .venv/bin/python -m bench.dashboard --write       # also record them in bench/RESULTS.md

For each backend the parent makes a fresh database (a temporary SQLite file; a PostgreSQL
database `thrustlog_bench_dashboard`, created and dropped) and runs this module again with
`--child` under the deployed settings (debug off): migrate, generate the history with
bench.data, measure, print one JSON line.

Bytes: static files as whitenoise serves them (gzip level 9, precompressed by
collectstatic), the page at level 6. A repeat visit downloads the page alone: in
production the static files have hashed names and are cached for good.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from bench.common import (
    BACKENDS,
    database_label,
    machine_line,
    run_backends,
    run_child,
)

NAME = "dashboard"
PG_URL = os.environ.get(
    "BENCH_DASHBOARD_PG_URL", "postgres://postgres@127.0.0.1:5432/thrustlog_bench_dashboard"
)
RANGES = ("12w", "1y", "all")
BUDGET_S = 240.0


# -- the child: one backend, in-process ---------------------------------------------------


def _timed(call: Callable[[], object], runs: int, warmup: int) -> dict[str, float]:
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 2),
        "p95_ms": round(samples[max(0, round(0.95 * len(samples)) - 1)], 2),
    }


def _queries(call: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def _page_bytes(html: bytes) -> dict[str, int]:
    from pathlib import Path

    from django.contrib.staticfiles import finders

    files = [
        Path(finders.find(p)) for p in re.findall(r'(?:href|src)="/static/([^"]+)"', html.decode())
    ]
    statics = {f.name: len(gzip.compress(f.read_bytes(), 9, mtime=0)) for f in files}
    page = len(gzip.compress(html, 6, mtime=0))
    return {"page": page, "raw_page": len(html), "first": page + sum(statics.values()),
            "repeat": page, **{f"static:{k}": v for k, v in statics.items()}}  # fmt: skip


def child(args: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import timezone

    from bench.data import create_athlete
    from tracker import aggregates, charts

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    athlete, counts = create_athlete(years=3)
    generated = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    today = timezone.localdate()
    # The manifest storage needs collectstatic; names differ, bytes do not.
    plain = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip
    client = Client()
    client.force_login(athlete)
    results: dict[str, Any] = {}
    with override_settings(STORAGES=plain, ALLOWED_HOSTS=["testserver"]):
        for range_id in RANGES:
            options = charts.Options(range=range_id)

            def data(options: charts.Options = options) -> object:
                rows = charts.Rows(**aggregates.chart_rows(athlete, **options.windows(today)))
                return charts.build(rows, options, unit="kg", today=today)

            def page(range_id: str = range_id) -> bytes:
                return client.get("/charts/", {"range": range_id}).content

            def rows(options: charts.Options = options) -> object:
                return charts.Rows(**aggregates.chart_rows(athlete, **options.windows(today)))

            results[range_id] = {
                "rows": _timed(rows, args.runs, args.warmup),
                "data": _timed(data, args.runs, args.warmup),
                "data_queries": _queries(data),
                "view": _timed(page, args.runs, args.warmup),
                "view_queries": _queries(page),
                "bytes": _page_bytes(page()),
            }
    return {
        "database": database_label(),
        "history": {k: getattr(counts, k) for k in ("sessions", "sets", "pain_reports")},
        "migrate_s": round(migrated - started, 1),
        "generate_s": round(generated - migrated, 1),
        "runs": args.runs,
        "ranges": results,
    }


# -- the parent: fresh databases, one child per backend -----------------------------------


def _run_backend(backend: str, args: argparse.Namespace, deadline: float) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.dashboard", "--child", f"--runs={args.runs}",
               f"--warmup={args.warmup}"]  # fmt: skip
    return run_child(backend, command, deadline=deadline, pg_url=PG_URL)


def markdown(info: dict[str, Any], results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "## Charts page for three years of history (issue 7)",
        "",
        f"{machine_line(info)}.",
        "Queries = the five aggregate queries (aggregates.chart_rows); data = those + the five "
        "figure builders; view = GET /charts/ "
        "through Django's test client (session, user, data, template). Bytes gzipped: static "
        "files at level 9 (whitenoise), the page at level 6; a repeat visit is the page alone.",
        "",
        "| database | range | queries ms | data median ms | data queries | view median ms | "
        "p95 ms | view queries | page KB | first visit KB | repeat visit KB |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for backend, fig in results.items():
        if "error" in fig:
            lines.append(f"| {backend} | {fig['error']} | | | | | | | | | |")
            continue
        for range_id, r in fig["ranges"].items():
            b = r["bytes"]
            lines.append(
                f"| {fig['database']} | {range_id} | {r['rows']['median_ms']:.1f} | "
                f"{r['data']['median_ms']:.1f} | "
                f"{r['data_queries']} | {r['view']['median_ms']:.1f} | {r['view']['p95_ms']:.1f} "
                f"| {r['view_queries']} | {b['raw_page'] / 1000:.1f} raw | "
                f"{b['first'] / 1000:.1f} | {b['repeat'] / 1000:.1f} |"
            )
    measured = [fig for fig in results.values() if "error" not in fig]
    if measured:
        fig = measured[0]
        h = fig["history"]
        statics = {k[7:]: v for k, v in fig["ranges"]["12w"]["bytes"].items()
                   if k.startswith("static:")}  # fmt: skip
        lines += [
            "",
            f"The athlete: {h['sessions']} sessions, {h['sets']} sets, {h['pain_reports']} pain "
            f"reports (bench.data, three years). {fig['runs']} timed runs per figure. Static "
            "files, gzipped: "
            + ", ".join(f"{name} {size / 1000:.1f} KB" for name, size in statics.items())
            + ".",
        ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--write", action="store_true", help="record in bench/RESULTS.md")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args)))
        return 0

    deadline = time.monotonic() + BUDGET_S
    return run_backends(
        NAME,
        args.backends,
        lambda backend: _run_backend(backend, args, deadline),
        markdown,
        write=args.write,
        fails=("failed",),
    )


if __name__ == "__main__":
    sys.exit(main())
