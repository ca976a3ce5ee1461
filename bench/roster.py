"""Issues 8 and 18: a coach's roster of 500 athletes, each with 12 weeks of history, on SQLite
and PostgreSQL. Not a timed test: it reports, it does not assert. Target: under 150 ms of
server time and a number of queries that does not grow with the athletes.

The roster reads stored rows, so the length of each log changes only the time `refresh` takes
(12 weeks keep the set-up within the budget; issue 8's run used a year for 50 athletes). A few
athletes have replied to the coach, so the unread replies are read too.

    .venv/bin/python -m bench.roster              # print the figures
    .venv/bin/python -m bench.roster --write      # and record them in bench/RESULTS.md

For each backend the parent makes a fresh database (bench.common; PostgreSQL: a database
`thrustlog_bench_roster` it creates and drops, or BENCH_ROSTER_PG_URL) and runs itself as a
child with the deployed settings (debug off): migrate, generate the athletes (bench.data),
link them to a coach, compute their roster rows, then time, interleaved:

- the roster page, GET /coach/ (server time through Django's test client: middleware,
  session, query, template), and GET /api/v1/athletes/?page_size=50;
- `coaching.queries.roster` alone, and a one-row ORM read as the baseline;
- `coaching.summaries.refresh` for one athlete: the work a coached athlete's write adds
  after its commit (an uncoached athlete's write adds one EXISTS query).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from collections.abc import Sequence
from functools import partial
from typing import Any

from bench import common

NAME = "roster"
TARGET_MS = 150.0
BUDGET_S = 540.0
ATHLETES = 500
WEEKS = 12
REPLIES = 25  # athletes with a reply the coach has not read
STATIC_PLAIN = "django.contrib.staticfiles.storage.StaticFilesStorage"
PG_URL = os.environ.get(
    "BENCH_ROSTER_PG_URL", "postgres://postgres@127.0.0.1:5432/thrustlog_bench_roster"
)


# --- the child: one backend, in process ------------------------------------------------------


def _log(message: str) -> None:
    print(f"   {message}", file=sys.stderr, flush=True)


def _count_queries(call: Any) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def _cpu_ms(call: Any, runs: int) -> float:
    """Median CPU time of this process for one call, in ms: what the server spends itself,
    less sensitive than wall time to other work on a shared machine (the database server's
    own CPU is not in it)."""
    samples = []
    for _ in range(runs):
        started = time.process_time()
        call()
        samples.append((time.process_time() - started) * 1000)
    return round(sorted(samples)[len(samples) // 2], 1)


def _get(client: Any, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")


def _replies(coach: Any, cohort: list[Any]) -> None:
    from coaching import services

    for athlete in cohort[:REPLIES]:
        session = athlete.training_sessions.first()
        if session is None:
            continue
        note = services.comment_add(coach=coach, athlete=athlete, session=session, body="Nice.")
        services.message_post(thread=note.thread, author=athlete, body="Thanks, it felt good.")


def measure(*, athletes: int, runs: int, warmup: int) -> dict[str, Any]:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from bench.data import create_coach, create_cohort
    from coaching import queries
    from coaching.models import CoachLink
    from coaching.roster import ATTENTION
    from coaching.summaries import refresh

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_s = time.perf_counter() - started

    started = time.perf_counter()
    counts = create_cohort(athletes=athletes, weeks=WEEKS, prefix="roster-athlete")
    coach = create_coach(username="roster-coach")
    cohort = list(User.objects.filter(username__startswith="roster-athlete").order_by("pk"))
    CoachLink.objects.bulk_create(CoachLink(coach=coach, athlete=a) for a in cohort)
    _replies(coach, cohort)
    generate_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would soon after a bulk load

    started = time.perf_counter()
    for athlete in cohort:
        refresh(athlete.pk)
    refresh_all_s = time.perf_counter() - started
    _log(f"{counts.sets} sets; roster rows computed in {refresh_all_s:.1f} s")

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(coach)
    page, api = "/coach/", "/api/v1/athletes/?page_size=100"
    today = timezone.localdate()
    one = cohort[0]
    calls = {
        "page": partial(_get, client, page),
        "api": partial(_get, client, api),
        "roster_query": lambda: queries.roster(coach, today=today),
        "refresh_one": lambda: refresh(one.pk),
        "baseline": lambda: User.objects.filter(pk=one.pk).first(),
    }
    rows = queries.roster(coach, today=today)
    query_counts = {name: _count_queries(call) for name, call in calls.items()}
    load_before = os.getloadavg()[0]
    timings = common.time_interleaved(calls, runs=runs, warmup=warmup)
    cpu = {name: _cpu_ms(calls[name], runs) for name in ("page", "api", "roster_query")}
    load_after = os.getloadavg()[0]
    return {
        "database": common.database_label(),
        "athletes": athletes,
        "population": counts.__dict__,
        "rows": len(rows),
        "attention": {a: n for a in ATTENTION if (n := sum(r.attention == a for r in rows))},
        "queries": query_counts,
        "timings": {name: t.__dict__ for name, t in timings.items()},
        "cpu_ms": cpu,
        "load": [round(load_before, 1), round(load_after, 1)],
        "migrate_s": round(migrate_s, 2),
        "generate_s": round(generate_s, 2),
        "refresh_all_s": round(refresh_all_s, 2),
        "warmup": warmup,
    }


def child(argv: Sequence[str]) -> None:
    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("--athletes", type=int, default=ATHLETES)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args(argv)
    # WhiteNoise looks for collectstatic's folder, which these figures do not need.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    # Deployed pages name their static files through collectstatic's manifest, which a fresh
    # checkout lacks; plain static URLs cost the same (a name lookup) and need no build step.
    plain = {**settings.STORAGES, "staticfiles": {"BACKEND": STATIC_PLAIN}}
    with override_settings(STORAGES=plain):
        figures = measure(athletes=args.athletes, runs=args.runs, warmup=args.warmup)
    print(json.dumps(figures, default=str))


# --- the parent: fresh databases, one child each, the report ---------------------------------


def _run_backend(backend: str, args: argparse.Namespace, deadline: float) -> dict[str, Any]:
    command = [
        sys.executable, "-m", "bench.roster", "--child",
        f"--athletes={args.athletes}", f"--runs={args.runs}", f"--warmup={args.warmup}",
    ]  # fmt: skip
    return common.run_child(backend, command, deadline=deadline, pg_url=PG_URL)


def markdown(info: dict[str, Any], results: dict[str, dict[str, Any]]) -> str:
    lines = [
        f"## A coach's roster of {ATHLETES} athletes, {WEEKS} weeks of history each "
        "(issues 8 and 18)",
        "",
        f"{common.machine_line(info)}.",
        f"Target: the roster under {TARGET_MS:g} ms of server time, queries independent of the "
        "number of athletes. Medians (p95) in ms; queries in brackets.",
        "",
        "| database | GET /coach/ | GET /api/v1/athletes/?page_size=100 | roster query | "
        "refresh one athlete "
        "| baseline | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for backend, fig in results.items():
        if "error" in fig:
            lines.append(f"| {backend} | {fig['error']} | | | | | |")
            continue
        t, q = fig["timings"], fig["queries"]

        def cell(name: str, t: dict = t, q: dict = q) -> str:
            return f"{t[name]['median_ms']:.1f} ({t[name]['p95_ms']:.1f}) [{q[name]}]"

        met = max(t["page"]["median_ms"], t["api"]["median_ms"]) < TARGET_MS
        lines.append(
            f"| {fig['database']} | {cell('page')} | {cell('api')} | {cell('roster_query')} | "
            f"{cell('refresh_one')} | {t['baseline']['median_ms']:.3f} | "
            f"{'met' if met else 'MISSED'} |"
        )
    measured = [fig for fig in results.values() if "error" not in fig]
    if measured:
        fig = measured[0]
        pop = fig["population"]
        groups = ", ".join(f"{n} {group}" for group, n in fig["attention"].items())
        lines += [
            "",
            f"{fig['rows']} roster rows ({groups}; {REPLIES} with an unread reply) over "
            f"{pop['sessions']} sessions, "
            f"{pop['sets']} sets and {pop['pain_reports']} pain reports; "
            f"{fig['timings']['page']['runs']} timed runs after {fig['warmup']} warm-up rounds. "
            "The roster reads stored rows (coaching.summaries): the log itself is read only by "
            "`refresh`, after a coached athlete's write commits.",
            "",
            "Wall time on a shared machine counts others' work too: the load average (2 cores) "
            "and this process's own CPU time per request (median) were:",
            "",
            "| database | load average | CPU ms: GET /coach/ | API | roster query |",
            "| --- | --- | ---: | ---: | ---: |",
        ]
        lines += [
            f"| {f['database']} | {f['load'][0]} to {f['load'][1]} | {f['cpu_ms']['page']} | "
            f"{f['cpu_ms']['api']} | {f['cpu_ms']['roster_query']} |"
            for f in measured
        ]
        lines += [
            "",
            f"| database | migrate s | generate s | all {ATHLETES} rows computed s |",
            "| --- | ---: | ---: | ---: |",
        ]
        lines += [
            f"| {f['database']} | {f['migrate_s']:.1f} | {f['generate_s']:.1f} | "
            f"{f['refresh_all_s']:.1f} |"
            for f in measured
        ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        child(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--athletes", type=int, default=ATHLETES)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--backends", default=",".join(common.BACKENDS))
    parser.add_argument("--budget", type=float, default=BUDGET_S, help="seconds, all backends")
    parser.add_argument("--write", action="store_true", help="record in bench/RESULTS.md")
    args = parser.parse_args(argv)

    deadline = time.monotonic() + args.budget
    return common.run_backends(
        NAME,
        args.backends,
        lambda backend: _run_backend(backend, args, deadline),
        markdown,
        write=args.write,
    )


if __name__ == "__main__":
    sys.exit(main())
