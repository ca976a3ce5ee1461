"""The only bridge between the database and the pure rules: rows in, advice items out."""

import dataclasses
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.cache import cache as django_cache

from advice import attention, cache, experiments
from advice.attention import Reason as Reason
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
    made,
)
from advice.items import AdviceItem
from advice.rules import advise_on
from advice.thresholds import monday
from advice.timeline import Indexed, Timeline, WeekCells

# Re-exported for the charts and the roster: only this module may reach the rules.
from advice.trends import Jump as Jump
from advice.trends import Rise as Rise
from advice.trends import jumps, rise_after
from advice.wording import Voice
from tracker import aggregates, queries, rollups
from tracker.aggregates import as_date
from tracker.choices import HIP_THRUST_FAMILY, PainSide
from tracker.rollups import Summary

OTHER_EXERCISE = "another exercise"
REASON_CODES = attention.CODES  # why a coach should look now (the roster's filters, the API)
ONE_SIDE = frozenset({PainSide.LEFT, PainSide.RIGHT})


def reply_reason(count: int, since: date | None) -> Reason | None:
    """The attention reason for `count` replies a coach has not read yet (None for none)."""
    return attention.unread_reply(count, since)


def _setups_by_session(
    rows: Iterable[dict[str, Any]],
) -> tuple[dict[tuple, int], dict[int, set[tuple[str, str]]], dict[int, list[str]]]:
    """Weekly set counts per setup value (hip-thrust family sets; the exercise counts as a
    setup value), each session's setup values, and each session's other exercises."""
    weekly: dict[tuple, int] = defaultdict(int)
    setup_of: dict[int, set[tuple[str, str]]] = defaultdict(set)
    others: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        if row["exercise"] not in HIP_THRUST_FAMILY:
            others[row["session_id"]].append(row["exercise_name"] or OTHER_EXERCISE)
            continue
        week = monday(row["session__date"])
        used = [("exercise", row["exercise"])]
        # An unknown setup (imported history) says nothing.
        used += [(field, row[field]) for field in aggregates.SETUP_FIELDS if row[field]]
        for field, value in used:
            weekly[week, field, value] += row["sets"]
        setup_of[row["session_id"]].update(used)
    return weekly, setup_of, others


def _week_loads(rows: Iterable[Mapping[str, Any]]) -> tuple[WeekLoad, ...]:
    """tracker.aggregates.weekly_load rows as the rules read them."""
    return tuple(
        WeekLoad(
            week=as_date(r["week"]),
            top_load_kg=r["top_load_kg"],
            volume_kg=r["volume_kg"],
            sets=r["sets"],
            sessions=r["sessions"],
            e1rm_kg=None if r.get("e1rm_kg") is None else Decimal(str(round(r["e1rm_kg"], 2))),
            loadable_volume_kg=r.get("loadable_volume_kg"),
        )
        for r in rows
    )


@dataclass
class _Dated:
    """The session-dated rows of the weeks read so far: benches, red flags, other pain."""

    benches: list[SessionBench] = dataclasses.field(default_factory=list)
    symptoms: list[Symptom] = dataclasses.field(default_factory=list)
    other_pains: list[OtherPain] = dataclasses.field(default_factory=list)

    def add(self, summary: Summary) -> None:
        day = date.fromisoformat
        self.benches += [
            made(SessionBench, date=day(d), bench_height_cm=height, bench_stable=stable,
                  pain_max=worst, checked_in=checked)
            for d, height, stable, worst, checked in summary["benches"]
        ]  # fmt: skip
        self.symptoms += [
            made(Symptom, date=day(d), symptom=kind) for d, kind in summary["symptoms"]
        ]
        self.other_pains += [
            made(OtherPain, date=day(d), region=r, timing=t, score=score, exercise=name,
                  character=c)
            for d, r, t, score, name, c in summary["other_pains"]
        ]  # fmt: skip


def _resolutions(athlete: User) -> tuple[Resolution, ...]:
    return tuple(Resolution(r["date"], r["kind"]) for r in aggregates.symptom_resolutions(athlete))


def history_of(athlete: User, today: date) -> History:
    """One athlete's history as plain data, from the weekly roll-ups (tracker/rollups.py):
    two queries whatever its length, the same History as `history_from_log`."""
    loads: list[WeekLoad] = []
    pains: list[WeekPain] = []
    characters: list[WeekCharacter] = []
    setups: list[WeekSetup] = []
    setup_pains: list[SetupPain] = []
    sided: list[SidedPain] = []
    dated = _Dated()
    for week, summary in rollups.summaries(athlete.pk):
        load = summary["load"]
        if load is not None:
            top, volume, sets, sessions, e1rm, *loadable = load  # loadable: since 2026-12
            e1rm_kg = None if e1rm is None else Decimal(str(round(e1rm, 2)))
            loads.append(
                WeekLoad(week, Decimal(top), Decimal(volume), sets, sessions, e1rm_kg,
                         Decimal(loadable[0]) if loadable else None)
            )  # fmt: skip
        pains += [
            made(WeekPain, week=week, region=r, timing=t, max_score=m,
                  mean_score=total / n, reports=n)
            for r, t, m, total, n in summary["pains"]
        ]  # fmt: skip
        characters += [
            made(WeekCharacter, week=week, region=r, character=c, reports=n, max_score=m,
                  timing=t)
            for r, c, n, m, t in summary["characters"]
        ]  # fmt: skip
        setups += [
            made(WeekSetup, week=week, field=f, value=v, sets=n) for f, v, n in summary["setups"]
        ]
        setup_pains += [
            made(SetupPain, week=week, field=f, value=v, region=r, max_score=m,
                  mean_score=total / n, reports=n)
            for f, v, r, m, total, n in summary["setup_pains"]
        ]  # fmt: skip
        sided += [
            made(SidedPain, week=week, region=r, side=side, exercise=e, max_score=m, reports=n)
            for r, side, e, m, n in summary["sided"]
        ]
        dated.add(summary)
    return History(
        today=today,
        loads=tuple(loads),
        pains=tuple(pains),
        characters=tuple(characters),
        setups=tuple(setups),
        setup_pains=tuple(setup_pains),
        benches=tuple(dated.benches),
        symptoms=tuple(dated.symptoms),
        resolutions=_resolutions(athlete),
        other_pains=tuple(dated.other_pains),
        sided_pains=tuple(sided),
    )


# The older weeks (this far before the week of the day asked about, and earlier) are indexed
# once and kept in the cache; each read indexes only the newer ones. A set logged this week
# leaves the older weeks as they were, so advice after it does not read three years again.
FROZEN_LAG = timedelta(weeks=2)
FROZEN_REFRESH = timedelta(weeks=6)  # index again once this many newer weeks have piled up


@dataclass
class _Frozen:
    """The timeline's indexes of an athlete's weeks up to `through`, and their dated rows,
    for the stored weeks whose digest is `digest`."""

    through: date
    digest: bytes
    indexed: Indexed
    dated: _Dated


def _digest(texts: Iterable[tuple[date, str]]) -> bytes:
    """What identifies weeks as stored: any change, added or removed week changes it."""
    found = hashlib.blake2b(digest_size=16)
    for week, text in texts:
        found.update(week.isoformat().encode())
        found.update(text.encode())
    return found.digest()


def _cells(weeks: Iterable[tuple[date, str]], dated: _Dated) -> list[WeekCells]:
    """Stored weeks read as the timeline's cells; their dated rows go to `dated`."""
    found = []
    for week, text in weeks:
        summary = json.loads(text)
        load = summary["load"]
        if load is not None:
            # What the timeline reads of a WeekLoad, as floats (as from its Decimals).
            top, volume, _, _, _, *loadable = load  # loadable: since 2026-12
            load = (float(top), float(volume), float(loadable[0] if loadable else volume))
        found.append(
            WeekCells(week, load, summary["pains"], summary["characters"], summary["setups"],
                      summary["setup_pains"], summary["sided"])
        )  # fmt: skip
        dated.add(summary)
    return found


def _frozen_weeks(athlete: User, today: date, texts: list[tuple[date, str]]) -> _Frozen:
    """The athlete's older weeks indexed: as kept in the cache while the stored weeks are the
    same, else indexed again from `texts` (and kept)."""
    latest = monday(today) - FROZEN_LAG
    kept = cache.frozen(athlete.pk)
    if (
        isinstance(kept, _Frozen)
        and latest - FROZEN_REFRESH <= kept.through <= latest
        and kept.digest == _digest((w, t) for w, t in texts if w <= kept.through)
    ):
        return kept
    older = [(week, text) for week, text in texts if week <= latest]
    dated = _Dated()
    timeline = Timeline.of_weeks(today, _cells(older, dated))
    frozen = _Frozen(latest, _digest(older), timeline.indexed(), dated)
    cache.keep_frozen(athlete.pk, frozen)  # a copy: what is returned is the caller's
    return frozen


def timeline_of(athlete: User, today: date, voice: Voice | None = None) -> Timeline:
    """`Timeline(history_of(athlete, today), voice)` in the same two queries, built from the
    roll-ups' weekly cells as they are stored (already summed per week, region, timing and
    setup value) rather than from a row object per cell: what cold advice costs is mostly
    these cells, some 11,000 for three years of history. Weeks older than FROZEN_LAG come
    already indexed from the cache when their stored sums have not changed."""
    texts = rollups.summary_texts(athlete.pk)
    frozen = _frozen_weeks(athlete, today, texts)
    dated = frozen.dated
    newer = _cells([(week, text) for week, text in texts if week > frozen.through], dated)
    return Timeline.of_weeks(
        today,
        newer,
        benches=dated.benches,
        symptoms=dated.symptoms,
        resolutions=_resolutions(athlete),
        other_pains=dated.other_pains,
        voice=voice,
        before=frozen.indexed,
    )


def history_from_log(athlete: User, today: date) -> History:
    """One athlete's history as plain data read from the log's rows, in five queries whatever
    its length: what the roll-ups must always give (the tests compare the two).

    Pain felt in a set belongs to that set's exercise and setup; pain after the session or
    the next morning to every setup value of the session's hip-thrust sets. Pain placed on
    one side is also kept per exercise (`SidedPain`). Pain on other
    exercises (or in a session with only those) becomes `OtherPain`.
    """
    loads = _week_loads(aggregates.weekly_load(athlete))
    weekly_setups, setup_of, others = _setups_by_session(aggregates.session_setups(athlete))
    pains, characters, setup_pains, sided = (rollups.Cells() for _ in range(4))
    other_pains = []
    for row in aggregates.pain_entries(athlete):
        day, region, timing, score = (
            row["session__date"],
            row["region"],
            row["timing"],
            row["score"],
        )
        session = row["session_id"]
        in_set = row["set__exercise"] is not None
        if in_set and row["set__exercise"] not in HIP_THRUST_FAMILY:
            name = row["set__exercise_name"] or OTHER_EXERCISE
        elif not in_set and session in others and session not in setup_of:
            name = " and ".join(sorted(set(others[session])))
        else:
            name = ""
        if name:
            other_pains.append(OtherPain(day, region, timing, score, name, row["character"]))
            continue
        week = monday(day)
        pains.add((week, region, timing), score)
        if row["character"]:
            characters.add((week, region, row["character"], timing), score)
        if in_set:
            used = {("exercise", row["set__exercise"])}
            used |= {(f, row[f"set__{f}"]) for f in aggregates.SETUP_FIELDS if row[f"set__{f}"]}
        else:
            used = setup_of.get(session, set())
        for field, value in sorted(used):  # a set's order differs between processes
            setup_pains.add((week, field, value, region), score)
            if field == "exercise" and row["side"] in ONE_SIDE:
                sided.add((week, region, row["side"], value), score)
    benches: dict[int, SessionBench] = {}
    symptoms = []
    for row in aggregates.session_days(athlete):
        benches[row["id"]] = SessionBench(
            row["date"],
            row["bench_height_cm"],
            row["bench_stable"],
            row["pain_max"],
            checked_in=row["checked_in_at"] is not None,
        )
        if row["symptoms__kind"]:
            symptoms.append(Symptom(row["date"], row["symptoms__kind"]))
    return History(
        today=today,
        loads=loads,
        pains=tuple(
            WeekPain(w, region, timing, m, total / n, n)
            for (w, region, timing), (m, total, n) in pains.cells.items()
        ),
        characters=tuple(
            WeekCharacter(w, region, character, n, m, timing)
            for (w, region, character, timing), (m, _, n) in characters.cells.items()
        ),
        setups=tuple(WeekSetup(w, f, v, n) for (w, f, v), n in weekly_setups.items()),
        setup_pains=tuple(
            SetupPain(w, field, value, region, m, total / n, n)
            for (w, field, value, region), (m, total, n) in setup_pains.cells.items()
        ),
        benches=tuple(benches.values()),
        symptoms=tuple(symptoms),
        resolutions=tuple(
            Resolution(r["date"], r["kind"]) for r in aggregates.symptom_resolutions(athlete)
        ),
        other_pains=tuple(other_pains),
        sided_pains=tuple(
            SidedPain(w, region, side, exercise, m, n)
            for (w, region, side, exercise), (m, _, n) in sided.cells.items()
        ),
    )


def voice_for(athlete: User, unit: str, *, coach: bool = False) -> Voice:
    """How the athlete's advice speaks: to them, or about them (by first name) to a coach,
    with loads in the athlete's unit either way (the unit their bar is loaded in)."""
    name = athlete.first_name or athlete.get_username() if coach else None
    return Voice(name=name, unit=unit)


# Where "what helped" notes come from besides the rules: functions (athlete, today, voice) ->
# items. The reports app adds its experiments here when it starts (reports/apps.py), so the
# advice knows no app built on it.
HelpedNotes = Callable[[User, date, Voice], list[AdviceItem]]
HELPED_NOTE_SOURCES: list[HelpedNotes] = []


def compute_advice(athlete: User, today: date, voice: Voice | None = None) -> list[AdviceItem]:
    """The athlete's advice, most urgent first, read from the log now (five queries, and those
    of the "what helped" sources: an experiment that helped says so with its own numbers)."""
    voice = voice or Voice()
    items = advise_on(timeline_of(athlete, today, voice))
    notes = [note for source in HELPED_NOTE_SOURCES for note in source(athlete, today, voice)]
    return experiments.with_helped(items, notes) if notes else items


@dataclass(frozen=True)
class Triage:
    """What the roster stores for a coached athlete: the advice, why to look now, and the
    last weeks for a sparkline."""

    items: list[AdviceItem]
    reasons: list[Reason]
    weeks: list[tuple[date, int, float]]  # (Monday, worst pain of any region, volume kg)


def triage(history: History, voice: Voice, *, weeks: int = 8) -> Triage:
    """The advice and the attention reasons over one history (read once by the caller), from
    one timeline."""
    timeline = Timeline(history, voice)
    items = advise_on(timeline)
    shown = [timeline.this_week - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    lines = [
        (
            week,
            max((timeline.region_week(r, week).peak for r in timeline.regions()), default=0),
            timeline.loads.get(week, (0.0, 0.0, 0.0))[1],
        )
        for week in shown
    ]
    return Triage(items, attention.reasons(timeline, items), lines)


def load_jumps(load_rows: Iterable[Mapping[str, Any]], today: date) -> list[Jump]:
    """The advice engine's load jumps in tracker.aggregates.weekly_load rows, oldest first:
    the charts mark the same weeks the advice talks about."""
    return jumps(Timeline(History(today=today, loads=_week_loads(load_rows))))


def pain_rises(
    load_rows: Iterable[Mapping[str, Any]], worst: Mapping[date, int], region: str, today: date
) -> list[Rise]:
    """The load jumps after which `region`'s pain rose (`worst`: its worst score per week),
    judged as the load-jump rule judges them."""
    pains = tuple(WeekPain(week, region, "after", s, float(s), 1) for week, s in worst.items())
    timeline = Timeline(History(today=today, loads=_week_loads(load_rows), pains=pains))
    return [rise for jump in jumps(timeline) if (rise := rise_after(timeline, region, jump))]


def advice_for(
    athlete: User, today: date | None = None, *, coach: bool = False
) -> list[AdviceItem]:
    """The athlete's advice for their own today (their time zone, whoever asks), worded for
    the athlete or for a coach: from the cache while the log is unchanged."""
    return advice_in_unit(athlete, today, coach=coach)[0]


def advice_in_unit(
    athlete: User, today: date | None = None, *, coach: bool = False
) -> tuple[list[AdviceItem], str]:
    """`advice_for`, and the athlete's display unit it was worded in (read in the same
    query), for pages that show the evidence to someone else (a coach)."""
    own_today, unit = queries.calendar_of(athlete)
    today = today or own_today
    voice = voice_for(athlete, unit, coach=coach)
    answer_key = (
        f"{cache.answer_key(athlete.pk, today)}:{'coach' if coach else 'self'}:{voice.unit}"
    )
    items = django_cache.get(answer_key)
    if items is None:
        items = compute_advice(athlete, today, voice)
        django_cache.set(answer_key, items, timeout=cache.TIMEOUT)
    return items, unit
