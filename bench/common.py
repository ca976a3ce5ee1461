"""What every benchmark shares: fresh databases, the deployed settings, timing, the machine,
and the results files (bench/RESULTS.md sections and bench/results.json keys).

Nothing here imports Django: a benchmark's parent process prepares a database and starts a
child (or a server) with `django_env(url)`, so each backend gets its own settings.
"""

from __future__ import annotations

import json
import math
import os
import platform
import secrets
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS_MD = BENCH_DIR / "RESULTS.md"
RESULTS_JSON = BENCH_DIR / "results.json"
BACKENDS = ("sqlite", "postgresql")
# The server the benchmarks may create and drop a database on (override: BENCH_PG_URL).
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/thrustlog_bench")


class Unavailable(RuntimeError):
    """A backend that cannot be benchmarked here (e.g. no PostgreSQL server)."""


def django_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a deployed Thrustlog: debug off, a fresh secret, one database.

    TLS redirects and secure cookies are off because benchmarks talk plain HTTP to
    127.0.0.1, as a TLS-terminating proxy would (see the settings' comment).
    """
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="thrustlog.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DATABASE_URL=database_url,
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


def _pg_admin(url: str) -> tuple[str, str]:
    """(URL of the server's maintenance database, name of the benchmark database)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unsafe database name in BENCH_PG_URL: {name!r}")
    return urlunsplit(parts._replace(path="/postgres")), name


def _pg_execute(admin_url: str, sql: str) -> None:
    import psycopg

    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql)  # type: ignore[arg-type]  # names checked by _pg_admin
    except psycopg.OperationalError as error:
        raise Unavailable(f"PostgreSQL: {error}".strip()) from error


@contextmanager
def fresh_database(backend: str, *, pg_url: str | None = None) -> Iterator[str]:
    """An empty database for `backend`, dropped afterwards; yields its DATABASE_URL.

    PostgreSQL: the database named in `pg_url` (default PG_URL); benchmarks that may run
    at the same time as another should each pass a database name of their own.
    """
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="thrustlog-bench-") as folder:
            yield f"sqlite:///{folder}/bench.sqlite3"
    elif backend == "postgresql":
        url = pg_url or PG_URL
        admin, name = _pg_admin(url)
        _pg_execute(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _pg_execute(admin, f'CREATE DATABASE "{name}"')
        try:
            yield url
        finally:
            _pg_execute(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        raise ValueError(f"unknown backend {backend!r}; one of {BACKENDS}")


def database_label() -> str:
    """The database a child is measuring, e.g. "PostgreSQL 15.20" (call after django.setup())."""
    from django.db import connection

    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        return f"PostgreSQL {major}.{minor}"
    return f"SQLite {connection.Database.sqlite_version}"


def child_figures(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """A finished child's figures (the JSON on its last line), or {"error": ...}."""
    sys.stderr.write(done.stderr)  # its progress lines
    if done.returncode != 0 or not done.stdout.strip():
        return {"error": f"failed (exit {done.returncode}): {done.stderr.strip()[-500:]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_child(
    backend: str, command: list[str], *, deadline: float, pg_url: str | None = None
) -> dict[str, Any]:
    """Run a benchmark's child against a fresh database for `backend`, within `deadline`
    (time.monotonic()); its figures, or {"error": ...} saying why there are none."""
    try:
        with fresh_database(backend, pg_url=pg_url) as url:
            remaining = deadline - time.monotonic()
            if remaining < 10:
                return {"error": "skipped: the time budget ran out"}
            done = subprocess.run(
                command, env=django_env(url), capture_output=True, text=True, timeout=remaining
            )
    except Unavailable as error:
        return {"error": f"skipped: {error}"}
    except subprocess.TimeoutExpired:
        return {"error": "stopped: over the time budget"}
    return child_figures(done)


@dataclass(frozen=True)
class Timing:
    """Wall-clock figures of one call repeated `runs` times, in milliseconds."""

    runs: int
    median_ms: float
    p95_ms: float
    min_ms: float
    max_ms: float

    @classmethod
    def of(cls, samples_ns: list[int]) -> Timing:
        ms = sorted(s / 1e6 for s in samples_ns)
        p95 = ms[max(0, math.ceil(0.95 * len(ms)) - 1)]  # nearest rank
        median = statistics.median(ms)
        return cls(len(ms), *(round(v, 3) for v in (median, p95, ms[0], ms[-1])))


def time_interleaved(
    calls: dict[str, Callable[[], object]], *, runs: int, warmup: int
) -> dict[str, Timing]:
    """Time each call `runs` times after `warmup` untimed rounds, taking turns in every
    round so that a noisy moment on a shared machine hits all of them alike."""
    samples: dict[str, list[int]] = {name: [] for name in calls}
    for round_ in range(warmup + runs):
        for name, call in calls.items():
            started = time.perf_counter_ns()
            call()
            elapsed = time.perf_counter_ns() - started
            if round_ >= warmup:
                samples[name].append(elapsed)
    return {name: Timing.of(found) for name, found in samples.items()}


def _git(*args: str) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip()


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict[str, Any]:
    """Where and when the figures were taken."""
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _git("rev-parse", "--short", "HEAD") + (" (with local changes)" if dirty else ""),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "django": metadata.version("django"),
        "sqlite": sqlite3.sqlite_version,
    }


def machine_line(info: dict[str, Any]) -> str:
    return (
        f"{info['date']}, commit {info['commit']}; {info['nproc']} CPUs ({info['cpu']}); "
        f"Python {info['python']}, Django {info['django']}, SQLite {info['sqlite']}"
    )


_HEADER = (
    "# Benchmarks\n\n"
    "Written by `make bench` (the load section) and `make bench-features` (the others); "
    "each section is replaced by its own benchmark's next run.\n"
    "Absolute times on shared machines are noisy: compare the ratios to the baseline measured "
    "in the same run.\n"
)


def run_backends(
    name: str,
    backends: str,
    run_backend: Callable[[str], dict[str, Any]],
    markdown: Callable[[dict[str, Any], dict[str, Any]], str],
    *,
    write: bool,
    fails: tuple[str, ...] = ("failed", "stopped"),
) -> int:
    """Each backend in turn ("sqlite,postgresql"), the report printed and, with `write`, saved
    as benchmark `name`'s section of RESULTS.md; 1 when a backend's error starts with `fails`."""
    info = machine()
    results = {}
    for backend in backends.split(","):
        print(f"== {name} benchmark on {backend} ==", file=sys.stderr, flush=True)
        results[backend] = run_backend(backend)
    text = markdown(info, results)
    if write:
        write_results(name, {"machine": info, "results": results}, text)
    print(text)
    return 1 if any(fig.get("error", "").startswith(fails) for fig in results.values()) else 0


def write_results(name: str, figures: dict[str, Any], markdown: str) -> None:
    """Replace benchmark `name`'s key in results.json and its section in RESULTS.md."""
    data = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    data[name] = figures
    RESULTS_JSON.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n")

    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    section = f"{start}\n{markdown.strip()}\n{end}"
    text = RESULTS_MD.read_text() if RESULTS_MD.exists() else _HEADER
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    RESULTS_MD.write_text(text)
