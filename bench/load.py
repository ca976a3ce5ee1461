"""Issue 9's benchmark: Thrustlog served as deployed, under load, against the framework's floor
measured in the same run; then page weight and Lighthouse. It reports, it does not assert.

    .venv/bin/python -m bench.load --write    # or: make bench (installs wrk and Lighthouse)

For each backend (SQLite, PostgreSQL) the parent makes a fresh database and runs a child with
the deployed settings plus the floor (`bench.settings`): migrate, generate 200 athletes with a
year each, one with three years and a coach following 50 (bench.data), and print who signs
in. It then serves that database with gunicorn (thrustlog/gunicorn.py: a worker per core,
debug off, WhiteNoise, Redis as the cache) and loads it with wrk (bench/wrk.py) at 1, 8 and
32 clients, each run bounded in time, taking turns between the targets at every level:

- floor: POST /bench/floor/, a view that inserts one row and answers JSON (bench/floor);
- log a set: POST /api/v1/sets/ with a fresh client_id each time, 64 athletes at once;
- Today: GET / as the three-year athlete; charts: GET /charts/ (the dashboard data, 12 weeks);
- advice: GET /api/v1/advice/ for three years; roster: GET /coach/, 50 athletes.

On the last backend it also measures page weight (bench/pages.py: first and repeat visit in
Chromium) and Lighthouse mobile scores for the session page, the charts and the roster.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

from bench import common, wrk

NAME = "load"
BUDGET_S = 540.0  # the whole run; `make bench-load` adds `timeout` as a last resort
CLIENTS = (1, 8, 32)
SECONDS = 4.0
WARMUP_SECONDS = 1.0
WRITERS = 64
COACHED = 50
PG_URL = os.environ.get(
    "BENCH_LOAD_PG_URL", "postgres://postgres@127.0.0.1:5432/thrustlog_bench_load"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
SETTINGS = "bench.settings"
# Targets (issue 9): reported beside the figures, never asserted.
SET_SHARE_OF_FLOOR = 0.8
SET_P99_MS = 50.0
LATENCY_TARGETS_MS = {"advice": 50.0, "roster": 150.0, "charts": 100.0}
PAGES = {  # page weight for each; Lighthouse for the first three (issue 9's three)
    "session": "the session (log) page",
    "charts": "the charts",
    "roster": "the coach's roster",
    "today": "Today",
    "advice_page": "advice",
}
LIGHTHOUSE_PAGES = ("session", "charts", "roster")
TARGETS = ["floor", "set", "today", "charts", "advice", "roster"]
SET_BODY = (
    '{"session": %s, "load_kg": 102.5, "reps": 8, "rir": 2, "foot_distance": "shins_vertical", '
    '"stance_width": "hip_width", "padding": "thick", "equipment": "barbell", "client_id": "%s"}'
)


def _log(message: str) -> None:
    print(f"   {message}", file=sys.stderr, flush=True)


# --- the child: one database, filled, and who signs in -----------------------------------------


def _session_cookie(user: Any) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)  # through login(): the session holds the athlete's time zone
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def prepare(*, cohort: int, writers: int) -> dict[str, Any]:
    """Migrate and fill the database; answer the identities the load and the pages use."""
    import zoneinfo
    from datetime import datetime
    from decimal import Decimal

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from accounts.services import token_issue
    from bench.data import COHORT_PREFIX, populate
    from coaching.models import CoachLink
    from coaching.summaries import refresh
    from tracker import services

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    population = populate(cohort=cohort)
    athletes = list(User.objects.filter(username__startswith=COHORT_PREFIX).order_by("username"))
    if len(athletes) <= COACHED:
        raise SystemExit(f"--cohort must be over {COACHED}: the coach follows {COACHED}")
    coach, long_athlete = population.coach, population.long_athlete
    CoachLink.objects.bulk_create(CoachLink(coach=coach, athlete=a) for a in athletes[:COACHED])
    for athlete in athletes[:COACHED]:
        refresh(athlete.pk)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would soon after a bulk load

    def today_session(athlete: Any) -> Any:
        zone = zoneinfo.ZoneInfo(athlete.profile.time_zone)
        session, _ = services.session_start(athlete=athlete, date=datetime.now(zone).date())
        return session

    # Writers follow no coach: a coached athlete's write also refreshes a roster row.
    write_as = []
    for athlete in athletes[COACHED : COACHED + writers]:
        _, key = token_issue(user=athlete, device="bench")
        write_as.append({"token": key, "session": today_session(athlete).pk})

    session = today_session(long_athlete)
    for load in ("100", "120", "140"):
        services.set_log(
            athlete=long_athlete, session=session, load_kg=Decimal(load), reps=8, rir=2,
            foot_distance="shins_vertical", stance_width="hip_width", padding="thick",
            equipment="barbell",
        )  # fmt: skip
    _, long_key = token_issue(user=long_athlete, device="bench")
    return {
        "database": common.database_label(),
        "population": population.counts.__dict__,
        "long_athlete": population.long_counts.__dict__,
        "prepare_s": round(time.perf_counter() - started, 1),
        "writers": write_as,
        "athlete": {
            "token": long_key,
            "cookie": _session_cookie(long_athlete),
            "session": session.pk,
        },
        "coach": {"cookie": _session_cookie(coach)},
    }


def child(argv: Sequence[str]) -> None:
    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("--cohort", type=int, default=200)
    parser.add_argument("--writers", type=int, default=WRITERS)
    args = parser.parse_args(argv)
    django.setup()
    print(json.dumps(prepare(cohort=args.cohort, writers=args.writers), default=str))


# --- the parent: fixtures, gunicorn, wrk, pages, the report ----------------------------------


def targets(fixtures: dict[str, Any]) -> list[wrk.Target]:
    """What is loaded, in the order every concurrency level takes turns through."""
    athlete, coach = fixtures["athlete"], fixtures["coach"]
    as_athlete = (wrk.Identity({"Cookie": f"sessionid={athlete['cookie']}"}),)
    as_coach = (wrk.Identity({"Cookie": f"sessionid={coach['cookie']}"}),)
    with_token = (wrk.Identity({"Authorization": f"Token {athlete['token']}"}),)
    writers = tuple(
        wrk.Identity({"Authorization": f"Token {w['token']}"}, session=str(w["session"]))
        for w in fixtures["writers"]
    )
    json_in = {"Accept": "application/json", "Content-Type": "application/json"}
    return [
        wrk.Target("floor", "POST", "/bench/floor/", expect=201),
        wrk.Target(
            "set",
            "POST",
            "/api/v1/sets/",
            expect=201,
            identities=writers,
            body=SET_BODY,
            headers=json_in,
        ),
        wrk.Target("today", "GET", "/", expect=200, identities=as_athlete),
        wrk.Target("charts", "GET", "/charts/", expect=200, identities=as_athlete),
        wrk.Target("advice", "GET", "/api/v1/advice/", expect=200, identities=with_token),
        wrk.Target("roster", "GET", "/coach/", expect=200, identities=as_coach),
    ]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _redis_url() -> str | None:
    """The benchmark's own Redis database, emptied (ids repeat between backends), or None."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.RedisError as error:
        _log(f"Redis not usable ({error}); the cache is per worker")
        return None
    return REDIS_URL


def _env(url: str, redis_url: str | None) -> dict[str, str]:
    extra = {"DJANGO_SETTINGS_MODULE": SETTINGS}
    if redis_url:
        extra["REDIS_URL"] = redis_url
    return common.django_env(url, **extra)


def collectstatic(env: dict[str, str]) -> float:
    """Hashed, compressed static files, as a deployment builds them (staticfiles/)."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=common.REPO, env=env, check=True, timeout=240,
    )  # fmt: skip
    return time.perf_counter() - started


def _status(url: str, *, method: str = "GET", headers: dict[str, str], body: str | None) -> int:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    request = urllib.request.Request(
        url, data=body.encode() if body else None, headers=headers, method=method
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def check_target(base: str, target: wrk.Target) -> None:
    """One request as wrk will send it must answer as expected (a redirect to the log-in page
    would be fast, and wrong)."""
    who = target.identities[0]
    body = (
        target.body % (who.session, "00000000-0000-4000-8000-000000000000") if target.body else None
    )
    found = _status(
        base + target.path,
        method=target.method,
        headers={**target.headers, **who.headers},
        body=body,
    )
    if found != target.expect:
        raise RuntimeError(f"{target.method} {target.path} answered {found}, not {target.expect}")


@contextmanager
def gunicorn(env: dict[str, str]) -> Iterator[str]:
    """Thrustlog under gunicorn as deployed; yields its base URL."""
    port = _free_port()
    command = [
        sys.executable, "-m", "gunicorn", "-c", "python:thrustlog.gunicorn",
        "--bind", f"127.0.0.1:{port}", "--no-control-socket", "thrustlog.wsgi",
    ]  # fmt: skip
    log = open(common.BENCH_DIR / "out" / "gunicorn.log", "ab")  # noqa: SIM115
    server = subprocess.Popen(command, cwd=common.REPO, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while _ready(base) is False:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start: see bench/out/gunicorn.log")
            time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _ready(base: str) -> bool:
    try:
        return _status(base + "/accounts/login/", headers={}, body=None) == 200
    except OSError:
        return False


def load(base: str, found: list[wrk.Target], args: argparse.Namespace, deadline: float) -> dict:
    """Every target at every level, taking turns; each wrk run stops by itself."""
    runs: dict[str, list[dict[str, Any]]] = {t.name: [] for t in found}
    seeds = iter(range(int(time.time()), 2**31))  # never the same client_ids twice
    for target in found:  # warm: imports, connections, caches, the advice of the athlete
        check_target(base, target)
        wrk.run(base, target, clients=8, seconds=args.warmup, seed=next(seeds))
    for clients in args.clients:
        for target in found:
            if deadline - time.monotonic() < args.seconds + 5:
                raise TimeoutError("the time budget ran out during the load runs")
            result = wrk.run(base, target, clients=clients, seconds=args.seconds, seed=next(seeds))
            runs[target.name].append(asdict(result))
            _log(
                f"{target.name:>7} x{clients:<2} {result.rps:8.1f} rps  p50 {result.p50_ms:6.1f}"
                f"  p99 {result.p99_ms:6.1f} ms" + ("" if result.clean else "  (errors)")
            )
    return runs


def measure_pages(base: str, fixtures: dict[str, Any], *, lighthouse_runs: int) -> dict:
    """Page weight of every page and Lighthouse for the issue's three, on a quiet server."""
    from bench import pages

    athlete = {"sessionid": fixtures["athlete"]["cookie"]}
    coach = {"sessionid": fixtures["coach"]["cookie"]}
    paths = {
        "session": (f"/sessions/{fixtures['athlete']['session']}/", athlete),
        "charts": ("/charts/", athlete),
        "roster": ("/coach/", coach),
        "today": ("/", athlete),
        "advice_page": ("/advice/", athlete),
    }
    found: dict[str, Any] = {}
    # A page that cannot be measured is reported as such: the load figures must not be lost.
    for name, (path, cookies) in paths.items():
        found[name] = {"path": path}
        try:
            found[name]["weight"] = pages.page_weight(base, path, cookies=cookies)
        except pages.PageError as error:
            found[name]["error"] = str(error)
    try:
        pages.ensure_lighthouse()
    except pages.Unavailable as error:
        return {"pages": found, "lighthouse_error": str(error)}
    for name in LIGHTHOUSE_PAGES:
        path, cookies = paths[name]
        _log(f"Lighthouse {path} x{lighthouse_runs}")
        try:
            found[name]["lighthouse"] = pages.lighthouse(
                base, path, cookies=cookies, runs=lighthouse_runs
            )
        except pages.PageError as error:
            found[name]["error"] = str(error)
    return {"pages": found}


def run_backend(
    backend: str, args: argparse.Namespace, deadline: float, *, with_pages: bool
) -> dict[str, Any]:
    """Figures for one backend, or {"error": ...}."""
    redis_url = _redis_url()
    try:
        # Our own PostgreSQL database: other benchmarks may run at the same time.
        with common.fresh_database(backend, pg_url=PG_URL) as url:
            env = _env(url, redis_url)
            started = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-m", "bench.load", "--child", f"--cohort={args.cohort}"],
                env=env, capture_output=True, text=True, timeout=max(10, deadline - started),
            )  # fmt: skip
            fixtures = common.child_figures(done)
            if "error" in fixtures:
                return fixtures
            _log(f"{fixtures['population']['sets']} sets in {fixtures['prepare_s']} s")
            chosen = [t for t in targets(fixtures) if t.name in args.targets]
            with gunicorn(env) as base:
                figures = {
                    "database": fixtures["database"],
                    "cache": "Redis" if redis_url else "per-worker memory",
                    "population": fixtures["population"],
                    "long_athlete": fixtures["long_athlete"],
                    "prepare_s": fixtures["prepare_s"],
                    "runs": load(base, chosen, args, deadline),
                }
                if with_pages and deadline - time.monotonic() > 60:
                    figures |= measure_pages(base, fixtures, lighthouse_runs=args.lighthouse_runs)
            return figures
    except common.Unavailable as error:
        return {"error": f"skipped: {error}"}
    except (subprocess.TimeoutExpired, TimeoutError):
        return {"error": "stopped: over the time budget"}


# --- the report ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        child(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default=",".join(common.BACKENDS))
    parser.add_argument(
        "--clients", type=lambda s: [int(c) for c in s.split(",")], default=list(CLIENTS)
    )
    parser.add_argument("--seconds", type=float, default=SECONDS, help="per wrk run")
    parser.add_argument("--warmup", type=float, default=WARMUP_SECONDS, help="seconds per target")
    parser.add_argument("--cohort", type=int, default=200, help="athletes with a year each")
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--no-pages", action="store_true", help="load only")
    parser.add_argument(
        "--targets", type=lambda s: s.split(","), default=TARGETS, help="e.g. floor,set"
    )
    parser.add_argument("--budget", type=float, default=BUDGET_S, help="seconds, in all")
    parser.add_argument("--write", action="store_true", help="record in bench/RESULTS.md")
    args = parser.parse_args(argv)

    deadline = time.monotonic() + args.budget
    (common.BENCH_DIR / "out").mkdir(exist_ok=True)
    info = common.machine()
    backends = args.backends.split(",")
    env = _env(f"sqlite:///{common.BENCH_DIR / 'out' / 'collectstatic.sqlite3'}", None)
    info["collectstatic_s"] = round(collectstatic(env), 1)
    results = {}
    for backend in backends:
        print(f"== load benchmark on {backend} ==", file=sys.stderr, flush=True)
        with_pages = not args.no_pages and backend == backends[-1]
        results[backend] = run_backend(backend, args, deadline, with_pages=with_pages)
    report = {"machine": info, "settings": _settings(args), "results": results}
    text = markdown(report)
    if args.write:
        common.write_results(NAME, report, text)
    print(text)
    failed = any(fig.get("error", "").startswith(("failed", "stopped")) for fig in results.values())
    return 1 if failed else 0


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "clients": args.clients,
        "seconds": args.seconds,
        "warmup_seconds": args.warmup,
        "workers": os.environ.get("WEB_CONCURRENCY") or len(os.sched_getaffinity(0)),
        "writers": WRITERS,
        "lighthouse_runs": args.lighthouse_runs,
    }


def _floor_rps(fig: dict[str, Any], clients: int) -> float | None:
    return next((r["rps"] for r in fig["runs"]["floor"] if r["clients"] == clients), None)


def _run(fig: dict[str, Any], target: str, clients: int) -> dict[str, Any] | None:
    return next((r for r in fig["runs"].get(target, []) if r["clients"] == clients), None)


def _load_table(fig: dict[str, Any]) -> list[str]:
    lines = [
        "| target | clients | requests/s | x floor | p50 ms | p95 ms | p99 ms | wrong answers |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for target, runs in fig["runs"].items():
        for r in runs:
            floor = _floor_rps(fig, r["clients"])
            ratio = f"{r['rps'] / floor:.2f}" if floor else "-"
            wrong = r["unexpected"] + r["socket_errors"]
            lines.append(
                f"| {target} | {r['clients']} | {r['rps']:.0f} | {ratio} | {r['p50_ms']:.1f} | "
                f"{r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {wrong or ''} |"
            )
    return lines


def _verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("met" if ok else "MISSED")


def targets_met(fig: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(target, what was measured, met?) for one backend's figures."""
    found: list[tuple[str, str, bool | None]] = []
    sets, floor = _run(fig, "set", 8), _floor_rps(fig, 8)
    if sets and floor:
        share = sets["rps"] / floor
        found.append(
            (
                f"log a set: >= {SET_SHARE_OF_FLOOR:g}x the floor's throughput (8 clients)",
                f"{sets['rps']:.0f} / {floor:.0f} = {share:.2f}x",
                share >= SET_SHARE_OF_FLOOR,
            )
        )
        found.append(
            (
                f"log a set: p99 under {SET_P99_MS:g} ms (8 clients)",
                f"{sets['p99_ms']:.1f} ms",
                sets["p99_ms"] < SET_P99_MS,
            )
        )
    for target, limit in LATENCY_TARGETS_MS.items():
        one = _run(fig, target, 1)
        if one:
            found.append(
                (
                    f"{target}: under {limit:g} ms (1 client, median)",
                    f"{one['p50_ms']:.1f} ms",
                    one["p50_ms"] < limit,
                )
            )
    return found


def _pages_table(pages: dict[str, Any]) -> list[str]:
    lines = [
        "| page | first visit KB (requests) | repeat visit KB (requests) | Lighthouse "
        "performance / accessibility / best practices | LCP ms | TBT ms | CLS |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for name, page in pages.items():
        if "weight" not in page:
            lines.append(f"| {PAGES[name]} `{page['path']}` | {page['error']} | | | | | |")
            continue
        w = page["weight"]
        cells = "| - | - | - | - |"
        if "error" in page:
            cells = f"| {page['error']} | | | |"
        if lh := page.get("lighthouse"):
            met = (
                lh["performance"] >= 95
                and lh["accessibility"] == 100
                and lh["best-practices"] >= 95
            )
            cells = (
                f"| {lh['performance']} / {lh['accessibility']} / {lh['best-practices']} "
                f"({_verdict(met)}) | {lh['lcp_ms']:.0f} | {lh['tbt_ms']:.0f} | {lh['cls']:.3f} |"
            )
        lines.append(
            f"| {PAGES[name]} `{page['path']}` | {w['first_kb']:.1f} ({w['first_requests']}) | "
            f"{w['repeat_kb']:.1f} ({w['repeat_requests']}) {cells}"
        )
    return lines


def markdown(report: dict[str, Any]) -> str:
    """The RESULTS.md section: load per backend, the targets, then the pages."""
    info, settings, results = report["machine"], report["settings"], report["results"]
    clients = ", ".join(str(c) for c in settings["clients"])
    lines = [
        "## Under load: gunicorn, wrk, page weight and Lighthouse (issue 9)",
        "",
        f"{common.machine_line(info)}.",
        f"gunicorn with {settings['workers']} sync workers (thrustlog/gunicorn.py), debug off, "
        "WhiteNoise, Redis as the cache; wrk on the same machine, one connection per client, "
        f"each sending its next request when the last is answered; {clients} clients, "
        f"{settings['seconds']:g} s per run after a {settings['warmup_seconds']:g} s warm-up per "
        "target; at each level the targets take turns. The floor is `POST /bench/floor/` in the "
        "same server (insert one row, answer JSON); x floor = requests/s over the floor's at "
        "the same level. Targets: floor, set (`POST /api/v1/sets/`, a new client_id each "
        f"time, {settings['writers']} athletes), today (`GET /`), charts (`GET /charts/`, "
        "12 weeks of a three-year history), advice (`GET /api/v1/advice/`, three years), "
        "roster (`GET /coach/`, 50 athletes).",
    ]
    for backend, fig in results.items():
        lines += ["", f"### {fig.get('database', backend)}", ""]
        if "error" in fig:
            lines.append(fig["error"])
            continue
        pop = fig["population"]
        lines += [
            f"{pop['users']} users, {pop['sessions']} sessions, {pop['sets']} sets, "
            f"{pop['pain_reports']} pain reports (generated in {fig['prepare_s']:.0f} s); "
            f"cache: {fig['cache']}.",
            "",
            *_load_table(fig),
            "",
            "| target (issue 9) | measured | |",
            "| --- | --- | --- |",
            *(f"| {t} | {m} | {_verdict(ok)} |" for t, m, ok in targets_met(fig)),
        ]
        if "pages" in fig:
            lines += [
                "",
                "Pages, on this server when idle, in Debian's Chromium at 390x844: transferred "
                "bytes (gzip, headers included) of a first visit and of a repeat visit with a "
                "warm HTTP cache; Lighthouse 12 mobile (simulated slow 4G and a slower CPU), "
                f"medians of {settings.get('lighthouse_runs', 3)} runs.",
                "",
                *_pages_table(fig["pages"]),
            ]
        if "lighthouse_error" in fig:
            lines += ["", f"Lighthouse: {fig['lighthouse_error']}"]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
