"""Issue 5's benchmark: advice for an athlete with three years of history, on SQLite and
PostgreSQL, against a one-row ORM read measured in the same run. Not a timed test: it
reports, it does not assert. Target (issue 21): cold advice at most 30 ms and 5 queries.

    .venv/bin/python -m bench.advice            # or: make bench-advice

For each backend the parent creates a fresh database (a temporary SQLite file; a
PostgreSQL database `thrustlog_bench` it creates and drops) and runs a child process with
the deployed settings (debug off): migrate, generate (bench.data), then time
`advice_for(athlete, today)`. Results go to bench/RESULTS.md and bench/results.json.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from typing import Any

from bench.common import (
    BACKENDS,
    machine_line,
    run_backends,
    run_child,
)

NAME = "advice"
TARGET_MS = 30.0
TARGET_QUERIES = 5
BUDGET_S = 400.0  # the whole run, both backends: `make bench` must stop by itself


def _child_args(args: argparse.Namespace) -> list[str]:
    return [
        sys.executable,
        "-m",
        "bench.measure_advice",
        f"--runs={args.runs}",
        f"--warmup={args.warmup}",
        f"--cohort={args.cohort}",
        *(["--profile"] if args.profile else []),
    ]


def _run_backend(backend: str, args: argparse.Namespace, deadline: float) -> dict[str, Any]:
    """Figures for one backend, or {"error": ...} when it could not be measured."""
    return run_child(backend, _child_args(args), deadline=deadline)


def _verdict(fig: dict[str, Any]) -> str:
    fast = fig["advice"]["median_ms"] <= TARGET_MS
    few = fig["queries"] <= TARGET_QUERIES
    return (
        "met"
        if fast and few
        else "MISSED: "
        + ", ".join(what for what, ok in (("time", fast), ("queries", few)) if not ok)
    )


def markdown(info: dict[str, Any], results: dict[str, dict[str, Any]]) -> str:
    """The RESULTS.md section: one row per backend, then what the data set held."""
    lines = [
        "## Advice for three years of history (issues 5 and 21)",
        "",
        f"{machine_line(info)}.",
        f"Target (issue 21): cold advice (`compute_advice`) at most {TARGET_MS:g} ms and "
        f"{TARGET_QUERIES} queries. "
        "Baseline: `User.objects.filter(pk=...).first()`, timed in the same rounds.",
        "",
        "| database | advice median ms | p95 ms | queries | timeline_of / rules ms | "
        "old week changed ms | history from the log ms | cached median ms | "
        "baseline median ms | ratio | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for backend, fig in results.items():
        if "error" in fig:
            lines.append(f"| {backend} | {fig['error']} | | | | | | | | | |")
            continue
        adv, base, split = fig["advice"], fig["baseline"], fig["breakdown_ms"]
        lines.append(
            f"| {fig['database']} | {adv['median_ms']:.1f} | {adv['p95_ms']:.1f} | "
            f"{fig['queries']} | {split['timeline_of']:.1f} / {split['advise_on']:.1f} | "
            f"{split.get('advice_old_week', float('nan')):.1f} | "
            f"{split.get('history_from_log', float('nan')):.1f} | "
            f"{fig['advice_cached']['median_ms']:.2f} | "
            f"{base['median_ms']:.3f} | {fig['ratio']:.0f}x | {_verdict(fig)} |"
        )
    measured = [fig for fig in results.values() if "error" not in fig]
    if measured:
        fig = measured[0]
        counts = fig["long_athlete"]
        lines += [
            "",
            f"The athlete: {counts['sessions']} sessions, {counts['sets']} sets, "
            f"{counts['pain_reports']} pain reports, {counts['symptoms']} red flags "
            f"({fig['advice_items']} advice items), among {fig['population']['users']} users "
            f"and {fig['population']['sets']} sets in all. {fig['advice']['runs']} timed runs "
            f"after {fig['warmup']} warm-up rounds. The advice column is cold (`compute_advice`: "
            "what a request pays after a set logged this week: the weeks two or more weeks "
            "old come indexed from the cache, checked against the stored weeks); 'old week "
            "changed' is the same after a change to an older week, which indexes those again "
            "(`advice.services._frozen_weeks`); cached is `advice_for` on an "
            "unchanged log (the cache is forgotten on every write). `timeline_of` reads the "
            "weekly roll-ups (one query, and one for resolved red flags) and indexes the newer "
            "weeks' cells for the rules, which then run on it (`advise_on`): the two halves of "
            "`compute_advice`. 'history from the log' is the History read from every row "
            "(`history_from_log`, five queries, what advice cost before the roll-ups). The "
            "process's loaded objects are frozen out of the "
            "garbage collector first, as a served worker's are (thrustlog/gunicorn.py). Profile: "
            "`.venv/bin/python -m bench.advice --profile` (needs pyinstrument).",
            "",
            "| database | migrate s | generate s | slowest query ms |",
            "| --- | ---: | ---: | ---: |",
        ]
        for fig in measured:
            slowest = max(fig["query_ms"], key=lambda q: q["ms"])
            lines.append(
                f"| {fig['database']} | {fig['migrate_s']:.1f} | {fig['generate_s']:.1f} | "
                f"{slowest['ms']:.1f} (`{slowest['function']}`) |"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    # The other athletes only change the tables' size around the one measured; 100 keeps the
    # whole run well inside its budget (generation is most of it).
    parser.add_argument("--cohort", type=int, default=100, help="other athletes (1 year each)")
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--budget", type=float, default=BUDGET_S, help="seconds, all backends")
    parser.add_argument("--profile", action="store_true", help="pyinstrument report to stderr")
    parser.add_argument("--no-write", action="store_true", help="print, leave RESULTS alone")
    args = parser.parse_args(argv)

    deadline = time.monotonic() + args.budget
    return run_backends(
        NAME,
        args.backends,
        lambda backend: _run_backend(backend, args, deadline),
        markdown,
        write=not args.no_write,
    )


if __name__ == "__main__":
    sys.exit(main())
