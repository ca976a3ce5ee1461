"""The in-process half of bench/advice.py, run once per backend with that backend's settings:
migrate, generate, then time advice for the three-year athlete. Prints one JSON line.

Not meant to be run by hand: bench/advice.py gives it a fresh database and the environment.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from functools import partial
from typing import Any

import django

from bench import common


def _log(message: str) -> None:
    print(f"   {message}", file=sys.stderr, flush=True)


def _analyze() -> None:
    """Give PostgreSQL's planner statistics, as autovacuum would soon after a bulk load.
    SQLite has no automatic ANALYZE, so it runs as a deployed SQLite would: without."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _queries(athlete: Any, today: date) -> tuple[int, list[dict[str, Any]]]:
    """How many queries one advice run makes, and each one's time (debug cursor, once)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from advice.services import compute_advice

    with CaptureQueriesContext(connection) as captured:
        compute_advice(athlete, today)
    return len(captured), [
        {"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"][:160], "function": _table(q)}
        for q in captured
    ]


def _table(query: dict[str, Any]) -> str:
    """What a captured query reads: its first table (the roll-ups, resolutions, experiments)."""
    found = re.search(r'FROM "?(\w+)"?', query["sql"])
    return found.group(1) if found else query["sql"][:30]


def _profile(athlete: Any, today: date) -> None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        _log("--profile needs pyinstrument (.venv/bin/pip install pyinstrument)")
        return
    from advice.services import compute_advice

    with Profiler(interval=0.0005) as profiler:
        for _ in range(10):
            compute_advice(athlete, today)
    sys.stderr.write(profiler.output_text(unicode=False, color=False, show_all=False))


def measure(*, runs: int, warmup: int, cohort: int, profile: bool) -> dict[str, Any]:
    """Everything bench/advice.py reports for the configured database."""
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from advice.cache import forget_frozen
    from advice.rules import advise, advise_on
    from advice.services import (
        advice_for,
        compute_advice,
        history_from_log,
        history_of,
        timeline_of,
    )
    from bench.common import Timing, time_interleaved
    from bench.data import populate
    from tracker import aggregates, rollups

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_s = time.perf_counter() - started
    _log(f"{common.database_label()}: migrated in {migrate_s:.1f} s")

    today = date.today()
    population = populate(today=today, cohort=cohort)
    athlete = population.long_athlete
    _analyze()
    _log(f"generated {population.counts} in {population.seconds:.1f} s")

    # As a served worker does after loading the app (thrustlog/gunicorn.py post_worker_init).
    gc.collect()
    gc.freeze()
    query_count, query_ms = _queries(athlete, today)
    history = history_of(athlete, today)
    timeline = timeline_of(athlete, today)
    steps: dict[str, Any] = {
        # Cold: read and reason from the log, as after any write. Cached: an unchanged log.
        "advice": lambda: compute_advice(athlete, today),
        # After a change to a week two or more weeks old (or a first read in a fortnight): the
        # older weeks are indexed again and kept.
        "advice_old_week": lambda: (forget_frozen(athlete.pk), compute_advice(athlete, today)),
        "advice_cached": lambda: advice_for(athlete, today),
        "baseline": lambda: User.objects.filter(pk=athlete.pk).first(),
        "history_of": lambda: history_of(athlete, today),
        "rules": lambda: advise(history),
        # What compute_advice runs: the roll-ups' cells read into a timeline, then the rules.
        "timeline_of": lambda: timeline_of(athlete, today),
        "advise_on": lambda: advise_on(timeline),
    }
    # The raw reads the roll-ups replaced (history_from_log runs them, in this order): timed
    # beside history_of to show what a read of the log itself costs.
    raw_steps = (
        "weekly_load",
        "session_setups",
        "pain_entries",
        "session_days",
        "symptom_resolutions",
    )
    for name in raw_steps:
        steps[name] = partial(getattr(aggregates, name), athlete)
    steps["history_from_log"] = lambda: history_from_log(athlete, today)
    steps["rollups"] = lambda: rollups.summaries(athlete.pk)
    timings = time_interleaved(steps, runs=runs, warmup=warmup)
    if profile:
        _profile(athlete, today)
    advice: Timing = timings["advice"]
    baseline: Timing = timings["baseline"]
    return {
        "database": common.database_label(),
        "migrate_s": round(migrate_s, 2),
        "generate_s": round(population.seconds, 2),
        "population": asdict(population.counts),
        "long_athlete": asdict(population.long_counts),
        "advice_items": len(advice_for(athlete, today)),
        "warmup": warmup,
        "advice": asdict(advice),
        "advice_cached": asdict(timings["advice_cached"]),
        "baseline": asdict(baseline),
        "ratio": round(advice.median_ms / baseline.median_ms, 1),
        "queries": query_count,
        "query_ms": query_ms,
        "breakdown_ms": {name: timings[name].median_ms for name in timings},
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--cohort", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    django.setup()
    figures = measure(runs=args.runs, warmup=args.warmup, cohort=args.cohort, profile=args.profile)
    print(json.dumps(figures, default=str))


if __name__ == "__main__":
    main()
