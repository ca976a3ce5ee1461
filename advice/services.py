"""The only bridge between the database and the pure rules: rows in, advice items out."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache as django_cache

from advice import cache
from advice.history import (
    History,
    SessionBench,
    SetupPain,
    Symptom,
    WeekCharacter,
    WeekLoad,
    WeekPain,
    WeekSetup,
)
from advice.items import AdviceItem
from advice.rules import advise
from tracker import aggregates


def _as_date(value: Any) -> date:
    # TruncWeek answers a datetime on some backends and a date on others.
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _combine(rows: Iterable[dict[str, Any]], key: tuple[str, ...]) -> dict[tuple, list[int]]:
    """Merge grouped rows on `key`: [worst score, score sum, reports]."""
    merged: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        acc = merged[tuple(_as_date(row[k]) if k == "week" else row[k] for k in key)]
        acc[0] = max(acc[0], row["max_score"])
        acc[1] += row["score_sum"]
        acc[2] += row["reports"]
    return merged


def history_of(athlete: AbstractBaseUser, today: date) -> History:
    """One athlete's history as plain data, in five queries whatever its length."""
    pain_rows = aggregates.weekly_pain(athlete)
    loads = tuple(
        WeekLoad(
            week=_as_date(r["week"]),
            top_load_kg=r["top_load_kg"],
            volume_kg=r["volume_kg"],
            sets=r["sets"],
            sessions=r["sessions"],
            e1rm_kg=None if r["e1rm_kg"] is None else Decimal(str(round(r["e1rm_kg"], 2))),
        )
        for r in aggregates.weekly_load(athlete)
    )
    pains = tuple(
        WeekPain(week=w, region=region, timing=timing, max_score=m, mean_score=s / n, reports=n)
        for (w, region, timing), (m, s, n) in _combine(
            pain_rows, ("week", "region", "timing")
        ).items()
    )
    characters = tuple(
        WeekCharacter(week=w, region=region, character=character, reports=n, max_score=m)
        for (w, region, character), (m, _s, n) in _combine(
            (r for r in pain_rows if r["character"]), ("week", "region", "character")
        ).items()
    )
    setup_counts: dict[tuple, int] = defaultdict(int)
    for row in aggregates.weekly_setups(athlete):
        for field in aggregates.SETUP_FIELDS:
            if row[field]:  # an unknown setup (imported history) says nothing
                setup_counts[(_as_date(row["week"]), field, row[field])] += row["sets"]
    setups = tuple(WeekSetup(w, f, v, n) for (w, f, v), n in setup_counts.items())
    setup_pain_rows = aggregates.weekly_setup_pain(athlete)
    setup_pains = tuple(
        SetupPain(week=w, field=field, value=value, region=region, max_score=m,
                  mean_score=s / n, reports=n)
        for field in aggregates.SETUP_FIELDS
        for (w, region, value), (m, s, n) in _combine(
            (r for r in setup_pain_rows if r[f"set__{field}"]),
            ("week", "region", f"set__{field}"),
        ).items()
    )  # fmt: skip
    benches: dict[int, SessionBench] = {}
    symptoms = []
    for row in aggregates.session_days(athlete):
        benches[row["id"]] = SessionBench(
            row["date"], row["bench_height_cm"], row["bench_stable"], row["pain_max"]
        )
        if row["symptoms__kind"]:
            symptoms.append(Symptom(row["date"], row["symptoms__kind"]))
    return History(
        today=today,
        loads=loads,
        pains=pains,
        characters=characters,
        setups=setups,
        setup_pains=setup_pains,
        benches=tuple(benches.values()),
        symptoms=tuple(symptoms),
    )


def compute_advice(athlete: AbstractBaseUser, today: date) -> list[AdviceItem]:
    """The athlete's advice, most urgent first, read from the log now (five queries)."""
    return advise(history_of(athlete, today))


def advice_for(athlete: AbstractBaseUser, today: date) -> list[AdviceItem]:
    """The athlete's advice, most urgent first: from the cache while the log is unchanged."""
    answer_key = cache.answer_key(athlete.pk, today)
    items = django_cache.get(answer_key)
    if items is None:
        items = compute_advice(athlete, today)
        django_cache.set(answer_key, items, timeout=cache.TIMEOUT)
    return items
