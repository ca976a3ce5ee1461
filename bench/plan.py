"""What a benchmark athlete did, decided before anything is written: plain data, no Django.

A history is a progression (a top set that climbs towards a ceiling, with deload weeks and
rest weeks) plus episodes, each a few weeks of one story the advice engine should recognise:
training without a pad, feet too far forward, a wide stance, a load jump followed by
lower-back pain (and red flags at its worst), a strange bench. Everything comes from the
`random.Random` passed in, so a seed gives the same history every time.
"""

from __future__ import annotations

import math
import random
from dataclasses import astuple, dataclass
from datetime import date, timedelta

WEEKS_PER_YEAR = 52
EPISODE_KINDS = ("no_pad", "feet_far", "wide", "jump", "bench")
HIP_THRUST_ACCESSORIES = (
    "glute_bridge",
    "b_stance_hip_thrust",
    "single_leg_hip_thrust",
    "kas_glute_bridge",
    "frog_pump",
    "other",
)
# Share of the top set an accessory is done with (0: bodyweight or band).
_ACCESSORY_LOAD = {
    "glute_bridge": 0.8,
    "b_stance_hip_thrust": 0.5,
    "single_leg_hip_thrust": 0.0,
    "kas_glute_bridge": 0.6,
    "frog_pump": 0.0,
    "other": 0.6,
}
_BACKGROUND_REGIONS = ("lower_back", "hip_bone", "hamstring", "knee", "hip_flexor", "si_joint")


@dataclass(frozen=True)
class Episode:
    """`weeks` weeks of one story, from week index `start` (0 = the first week of history)."""

    kind: str
    start: int
    weeks: int

    def week_in(self, week: int) -> int | None:
        """How far into the episode `week` is (0-based), or None outside it."""
        return week - self.start if self.start <= week < self.start + self.weeks else None


@dataclass(frozen=True)
class Story:
    """The shape of one athlete's history."""

    weeks: int
    start_kg: float
    ceiling_kg: float
    bench_cm: int
    imported_weeks: int  # the oldest weeks were imported: setup and RIR unknown
    episodes: tuple[Episode, ...] = ()


@dataclass(frozen=True, slots=True)
class SetPlan:
    exercise: str
    load_kg: float
    reps: int
    rir: int | None
    foot_distance: str = ""
    stance_width: str = ""
    padding: str = ""
    equipment: str = ""
    exercise_name: str = ""


@dataclass(frozen=True, slots=True)
class PainPlan:
    region: str
    score: int
    timing: str
    character: str = ""
    set_index: int | None = None  # which set of the session (in-set pain only)


@dataclass(frozen=True, slots=True)
class SessionPlan:
    date: date
    bench_height_cm: int | None
    bench_stable: bool | None
    imported: bool
    finished: bool
    checked_in: bool
    sets: tuple[SetPlan, ...]
    pains: tuple[PainPlan, ...]
    symptoms: tuple[str, ...] = ()
    notes: str = ""


def long_story(weeks: int) -> Story:
    """The showcase athlete: every episode once, at fixed points; the last one is current."""

    def at(share: float, length: int) -> Episode:
        return int(weeks * share), length

    kinds = {"no_pad": at(0.06, 8), "feet_far": at(0.28, 6), "wide": at(0.45, 5)}
    kinds |= {"jump": at(0.62, 9), "bench": (weeks - 5, 5)}  # the bench: still going on
    episodes = tuple(Episode(k, s, n) for k, (s, n) in kinds.items() if s + n <= weeks)
    return Story(weeks, 60.0, 160.0, 42, min(6, weeks // 6), episodes)


def random_story(rng: random.Random, weeks: int) -> Story:
    """One of the crowd: its own strength, bench and zero to three episodes."""
    start = rng.uniform(30, 100)
    episodes = []
    for kind in rng.sample(EPISODE_KINDS, rng.choice((0, 1, 1, 2, 3))):
        length = rng.randint(4, 8)
        if weeks > length + 4:
            episodes.append(Episode(kind, rng.randint(2, weeks - length - 1), length))
    imported = rng.choice((0, 0, 0, 4, 8))
    bench = rng.choice((38, 40, 42, 43, 45))
    return Story(weeks, start, start * rng.uniform(1.3, 2.2), bench, imported, tuple(episodes))


def _kg(value: float) -> float:
    """Round to the nearest 2.5 kg plate step, never below zero."""
    return max(0.0, round(value / 2.5) * 2.5)


def _top_kg(story: Story, week: int, rng: random.Random) -> float:
    gain = (story.ceiling_kg - story.start_kg) * (1 - math.exp(-week / 45))
    top = story.start_kg + gain
    if week % 7 == 6:  # a deload week every seventh
        top *= 0.85
    for episode in story.episodes:
        into = episode.week_in(week)
        if episode.kind == "jump" and into is not None:
            # Three weeks about a fifth heavier, then the athlete backs off.
            top *= 1.22 if into < 3 else 0.85
    return _kg(top + rng.choice((-2.5, 0, 0, 0, 2.5)))


def _days(story: Story, today: date, rng: random.Random) -> list[tuple[int, date]]:
    """(week index, day) of every session: usually Monday, Wednesday and Friday."""
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=story.weeks - 1)
    rest_weeks = set(rng.sample(range(story.weeks), max(0, story.weeks // 26)))
    days = []
    for week in range(story.weeks):
        if week in rest_weeks:
            continue
        roll = rng.random()
        weekdays = (0, 3) if roll < 0.1 else (0, 2, 4, 5) if roll > 0.95 else (0, 2, 4)
        monday = first + timedelta(weeks=week)
        days += [(week, monday + timedelta(days=d)) for d in weekdays]
    return [(w, d) for w, d in days if d <= today]


def _active(story: Story, week: int) -> dict[str, int]:
    """The episodes going on in `week`, with how far into each."""
    found = {}
    for episode in story.episodes:
        into = episode.week_in(week)
        if into is not None:
            found[episode.kind] = into
    return found


def _sets(top: float, setup: dict[str, str], rng: random.Random) -> list[SetPlan]:
    sets = [
        SetPlan("hip_thrust", _kg(max(20.0, top * share)), reps, None, **setup)
        for share, reps in ((0.4, 10), (0.6, 8), (0.8, 5))[: rng.choice((2, 3))]
    ]
    for i in range(rng.choice((3, 4, 5, 5))):
        load = top if i == 0 else _kg(top * 0.9)
        sets.append(SetPlan("hip_thrust", load, rng.randint(6, 10), rng.randint(0, 3), **setup))
    for exercise in rng.sample(HIP_THRUST_ACCESSORIES, rng.choice((1, 2))):
        share = _ACCESSORY_LOAD[exercise]
        extra = {"exercise_name": "Romanian deadlift"} if exercise == "other" else {}
        kit = dict(setup)
        if share == 0:
            kit |= {"padding": "none", "equipment": rng.choice(("band", "bodyweight"))}
        for _ in range(rng.randint(2, 4)):
            reps = rng.randint(10, 20) if share == 0 else rng.randint(8, 12)
            sets.append(
                SetPlan(exercise, _kg(top * share), reps, rng.randint(1, 3), **kit, **extra)
            )
    return sets


def _setup(active: dict[str, int], rng: random.Random) -> dict[str, str]:
    equipment = rng.choices(("barbell", "smith", "machine"), (85, 10, 5))[0]
    padding = "machine" if equipment == "machine" else "thick"
    if "no_pad" in active:
        padding = "none" if active["no_pad"] < 4 else "thin"
    return {
        "padding": padding,
        "equipment": equipment,
        "foot_distance": "too_far" if "feet_far" in active else "shins_vertical",
        "stance_width": "wide" if "wide" in active else "hip_width",
    }


def _episode_pain(active: dict[str, int], rng: random.Random) -> list[tuple[str, int, str]]:
    """(region, level, character) the episodes cause this session."""
    pains = []
    if "no_pad" in active:
        pains.append(("hip_bone", rng.randint(3, 6) - active["no_pad"] // 3, "bruise"))
    if "feet_far" in active:
        pains.append(("hamstring", rng.randint(3, 6), "cramp"))
        if rng.random() < 0.4:
            pains.append(("hip_flexor", rng.randint(2, 4), "cramp"))
    if "wide" in active:
        pains.append(("groin", rng.randint(3, 5), rng.choice(("ache", "pinch"))))
    if "jump" in active:
        into = active["jump"]
        level = 2 + into if into < 5 else 7 - 2 * (into - 4)  # climbs, then fades once lighter
        pains.append(("lower_back", max(1, min(7, level + rng.randint(-1, 1))), "ache"))
    if "bench" in active:
        pains.append(("neck", rng.randint(2, 4), "ache"))
    return [(region, max(0, min(10, level)), ch) for region, level, ch in pains]


def _pains(
    sets: list[SetPlan], active: dict[str, int], finished: bool, checked: bool, rng: random.Random
) -> list[PainPlan]:
    episode = _episode_pain(active, rng)
    working = [i for i, s in enumerate(sets) if s.exercise == "hip_thrust" and s.rir is not None]
    pains = []
    for region, level, character in episode:
        for i in rng.sample(working, min(len(working), rng.randint(1, 3))):
            pains.append(PainPlan(region, max(1, level - 1), "during", character, i))
    if not episode and rng.random() < 0.5:  # an odd twinge, not always tied to a set
        region = rng.choice(_BACKGROUND_REGIONS)
        index = rng.choice([*working, None]) if working else None
        pains.append(PainPlan(region, rng.randint(1, 2), "during", "ache", index))
    hurts = {region: level for region, level, _ in episode}
    usual = rng.sample(_BACKGROUND_REGIONS, rng.choice((3, 4, 4)))
    for timing, done, drop in (("after", finished, 0), ("next_day", checked, 1)):
        if not done:
            continue
        scores = {region: rng.choice((0, 0, 0, 1, 1, 2)) for region in usual}
        scores |= {region: max(0, level - drop) for region, level in hurts.items()}
        pains += [PainPlan(region, score, timing) for region, score in sorted(scores.items())]
    return pains


def _symptoms(active: dict[str, int], rng: random.Random) -> tuple[str, ...]:
    kinds = []
    if active.get("jump") in (3, 4) and rng.random() < 0.5:  # the worst of the back pain
        kinds += rng.sample(("daily_activity_pain", "sleep_disturbance"), rng.randint(1, 2))
    if rng.random() < 0.002:
        kinds.append(rng.choice(("tingling", "numbness", "popping")))
    return tuple(sorted(set(kinds)))


def plan_history(story: Story, today: date, rng: random.Random) -> list[SessionPlan]:
    """Every session of `story`, oldest first, none after `today`."""
    plans = []
    for week, day in _days(story, today, rng):
        active = _active(story, week)
        imported = week < story.imported_weeks
        top = _top_kg(story, week, rng)
        setup = {} if imported else _setup(active, rng)
        sets = _sets(top, setup, rng)
        if imported:  # an import keeps loads and reps, nothing else
            sets = [SetPlan(s.exercise, s.load_kg, s.reps, None) for s in sets]
        finished = not imported and rng.random() < 0.85
        checked = not imported and rng.random() < 0.7
        bench, stable = story.bench_cm, rng.choices((True, None), (9, 1))[0]
        if "bench" in active:
            bench, stable = story.bench_cm + 12, rng.random() > 0.4
        plans.append(
            SessionPlan(
                date=day,
                bench_height_cm=None if rng.random() < 0.08 else bench,
                bench_stable=stable,
                imported=imported,
                finished=finished,
                checked_in=checked,
                sets=tuple(sets),
                pains=tuple(_pains(sets, active, finished, checked, rng)),
                symptoms=_symptoms(active, rng),
                notes=rng.choice(("", "", "", "", "Felt strong.", "Short on time.")),
            )
        )
    return plans


@dataclass(frozen=True)
class Counts:
    """Rows of each kind, planned or written."""

    users: int = 0
    sessions: int = 0
    sets: int = 0
    pain_reports: int = 0
    symptoms: int = 0

    @classmethod
    def of(cls, plans: list[SessionPlan], *, users: int = 0) -> Counts:
        return cls(
            users,
            len(plans),
            sum(len(p.sets) for p in plans),
            sum(len(p.pains) for p in plans),
            sum(len(p.symptoms) for p in plans),
        )

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))
