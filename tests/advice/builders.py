"""Small builders for advice histories: weeks are numbered from 1 (WEEK_ONE, a Monday).

A training week gives one consistent set of rows, as the database bridge would: the
load, the setup every set used, in-set pain both per region and per setup value.
Lasting pain, characters, benches and symptoms are added with their own helpers.
`history(rows, today_week=n)` sorts the rows into a `History` dated mid-week n.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from advice.history import (
    History,
    OtherPain,
    Resolution,
    SessionBench,
    SetupPain,
    SidedPain,
    Symptom,
    WeekCharacter,
    WeekLoad,
    WeekPain,
    WeekSetup,
)
from advice.items import AdviceItem
from advice.rules import advise

WEEK_ONE = date(2026, 1, 5)  # a Monday
REPS, SETS = 8, 4
DEFAULT_SETUP = {
    "exercise": "hip_thrust",
    "padding": "thick",
    "foot_distance": "shins_vertical",
    "stance_width": "hip_width",
    "equipment": "barbell",
}
T = TypeVar("T")

Row = (
    WeekLoad
    | WeekPain
    | WeekCharacter
    | WeekSetup
    | SetupPain
    | SessionBench
    | Symptom
    | Resolution
    | OtherPain
    | SidedPain
)


def week(n: int) -> date:
    """The Monday of week n (week 1 is WEEK_ONE)."""
    return WEEK_ONE + timedelta(weeks=n - 1)


def day(n: int, weekday: int = 2) -> date:
    """A day in week n (default Wednesday)."""
    return week(n) + timedelta(days=weekday)


def training_week(
    n: int, top_kg: float, *, sets: int = SETS, pain: Mapping[str, int] | None = None, **setup: str
) -> list[Row]:
    """One week of sets at `top_kg`, all with one setup (DEFAULT_SETUP overridden by
    `setup`); `pain` is in-set pain per region (one report), stored per region and per
    setup value as the bridge does."""
    load = Decimal(str(top_kg))
    used = {**DEFAULT_SETUP, **setup}
    rows: list[Row] = [WeekLoad(week(n), load, load * REPS * sets, sets, 2)]
    rows += [WeekSetup(week(n), field, value, sets) for field, value in used.items()]
    for region, score in (pain or {}).items():
        rows.append(WeekPain(week(n), region, "during", score, float(score), 1))
        rows += [
            SetupPain(week(n), field, value, region, score, float(score), 1)
            for field, value in used.items()
        ]
    return rows


def loads(tops: Sequence[float], *, first_week: int = 1, **setup: str) -> list[Row]:
    """One training week per entry of `tops`, from `first_week` on, all with `setup`."""
    return [
        row
        for offset, top in enumerate(tops)
        for row in training_week(first_week + offset, top, **setup)
    ]


def progression(weeks: int = 12, *, start_kg: float = 100, step_kg: float = 2.5) -> list[Row]:
    """`weeks` training weeks adding `step_kg` each week: a clean, slow progression."""
    return loads([start_kg + step_kg * i for i in range(weeks)])


def loads_with_jump(
    weeks: int = 12, *, jump_week: int = 7, base_kg: float = 100, jump: float = 0.2
) -> list[Row]:
    """Flat at `base_kg`, then from `jump_week` on `jump` heavier (0.2 = +20%)."""
    return loads([base_kg * (1 + jump) if n >= jump_week else base_kg for n in range(1, weeks + 1)])


def lasting_pain(n: int, region: str, score: int, timing: str = "after", **setup: str) -> list[Row]:
    """Pain after the session (or the next morning) in week n, tied as the bridge ties it
    to every setup value of that week's sets (DEFAULT_SETUP overridden by `setup`)."""
    used = {**DEFAULT_SETUP, **setup}
    rows: list[Row] = [pain(n, region, score, timing)]
    rows += [
        SetupPain(week(n), field, value, region, score, float(score), 1)
        for field, value in used.items()
    ]
    return rows


def pain(n: int, region: str, score: int, timing: str = "after") -> WeekPain:
    return WeekPain(week(n), region, timing, score, float(score), 1)


def pains(region: str, scores: Mapping[int, int], timing: str = "after") -> list[WeekPain]:
    """Pain in one region at one timing: {week number: score}."""
    return [pain(n, region, score, timing) for n, score in scores.items()]


def character(n: int, region: str, kind: str, score: int, reports: int = 1) -> WeekCharacter:
    return WeekCharacter(week(n), region, kind, reports, score)


def bench(
    n: int, height: int | None = 40, *, stable: bool | None = True, pain_max: int | None = 0
) -> SessionBench:
    return SessionBench(day(n), height, stable, pain_max)


def symptom(on: date, kind: str) -> Symptom:
    return Symptom(on, kind)


def resolution(on: date, kind: str) -> Resolution:
    """The athlete marked a red-flag symptom as gone on `on`."""
    return Resolution(on, kind)


def other_pain(n: int, region: str, score: int, exercise: str = "Deadlift") -> OtherPain:
    """In-set pain on another exercise, on Wednesday of week n."""
    return OtherPain(day(n), region, "during", score, exercise)


def sided_pain(
    n: int, region: str, side: str, score: int, exercise: str = "single_leg_hip_thrust"
) -> list[Row]:
    """In-set pain placed on one side in week n, with a training week of `exercise` sets,
    as the bridge stores it (per region, per setup value, and per side and exercise)."""
    return [
        *training_week(n, 60, pain={region: score}, exercise=exercise),
        SidedPain(week(n), region, side, exercise, score, 1),
    ]


def history(rows: Iterable[Row], *, today_week: int = 12) -> History:
    """A History of `rows`, for Wednesday of `today_week`."""
    rows = list(rows)

    def of(kind: type[T]) -> tuple[T, ...]:
        return tuple(row for row in rows if isinstance(row, kind))

    return History(
        today=day(today_week),
        loads=of(WeekLoad),
        pains=of(WeekPain),
        characters=of(WeekCharacter),
        setups=of(WeekSetup),
        setup_pains=of(SetupPain),
        benches=of(SessionBench),
        symptoms=of(Symptom),
        resolutions=of(Resolution),
        other_pains=of(OtherPain),
        sided_pains=of(SidedPain),
    )


def shifted(past: History, *, weeks: int) -> History:
    """The same history (and its today) moved `weeks` later in time."""
    delta = timedelta(weeks=weeks)

    def move(row: T) -> T:
        dates = {f.name: getattr(row, f.name) + delta for f in fields(row)  # type: ignore[arg-type]
                 if isinstance(getattr(row, f.name), date)}  # fmt: skip
        return replace(row, **dates)  # type: ignore[type-var]

    return replace(
        past,
        today=past.today + delta,
        **{
            f.name: tuple(map(move, getattr(past, f.name)))
            for f in fields(past)
            if f.name != "today"
        },
    )


def advice_for(rows: Iterable[Row], *, today_week: int = 12) -> list[AdviceItem]:
    return advise(history(rows, today_week=today_week))


def severities(items: Iterable[AdviceItem]) -> dict[tuple[str, str | None], str]:
    """(cause, region) -> severity for every region an item names, the shape most scenario
    tables compare against (an item stands for its cause in all of its regions)."""
    return {
        (item.cause, region): item.severity
        for item in items
        for region in (item.regions or (item.region,))
    }
