"""Plain data the advice rules read: one athlete's history, aggregated per week.

Nothing here imports Django. `advice.services` builds these from the database
(weekly aggregation happens there, in SQL, once; the dashboards read the same
aggregates), and `advice.rules` turns them into advice items.

Weeks are identified by their Monday. Loads are kilograms. Pain scores are 0..10.
Machine values (regions, timings, setup values, symptoms, exercises) are those of the
public contract, section 1.

Only hip-thrust training feeds the hip-thrust causes: pain felt in a set of another
exercise (an `other` set, say a deadlift) arrives as `OtherPain`, never as `WeekPain`,
so the form and setup rules cannot blame it on the hip thrust, while the referral rules
still read it (pain is pain).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

# Frozen dataclasses set each field in __init__ through object.__setattr__: about 4 us a row,
# and three years of history hold some 11,000 rows. `made` fills a row's __dict__ at once
# instead: the same object (the same fields in __dict__, so equal and hashed alike), several
# times faster.
_new, _assign = object.__new__, object.__setattr__
Row = TypeVar("Row")


def made(kind: type[Row], **fields: Any) -> Row:
    """A frozen dataclass row from its fields, as `kind(**fields)` makes it, only faster."""
    row = _new(kind)
    _assign(row, "__dict__", fields)
    return row


@dataclass(frozen=True)
class WeekLoad:
    """Training done in one week (all hip-thrust family sets with a load)."""

    week: date
    top_load_kg: Decimal  # heaviest set of the week
    volume_kg: Decimal  # sum of load x reps
    sets: int
    sessions: int
    e1rm_kg: Decimal | None = None  # best Epley estimate from sets of <= 10 reps
    # Sum of load x reps with each load read to the step a bar is loaded in (2.5 kg), so the
    # same lifts logged in pounds or kilograms give the same ratios; None: as volume_kg.
    loadable_volume_kg: Decimal | None = None


@dataclass(frozen=True)
class WeekPain:
    """Pain reported in one region at one timing during one week."""

    week: date
    region: str
    timing: str  # during | after | next_day
    max_score: int
    mean_score: float
    reports: int


@dataclass(frozen=True)
class WeekCharacter:
    """How often a region was described with a pain character in one week."""

    week: date
    region: str
    character: str  # ache | sharp | cramp | pinch | bruise
    reports: int
    max_score: int
    timing: str = "during"  # a sharp pain is sudden only when it came in a set


@dataclass(frozen=True)
class WeekSetup:
    """How many sets in a week used one value of one setup field."""

    week: date
    field: str  # padding | foot_distance | stance_width | equipment
    value: str
    sets: int


@dataclass(frozen=True)
class SetupPain:
    """Pain reported with one setup value, per week, at any timing.

    In-set pain (`during`) belongs to the set it was felt in; pain after the session and
    the next morning belongs to every setup value used in that session's sets, since the
    athlete cannot say which set caused it.
    """

    week: date
    field: str  # padding | foot_distance | stance_width | equipment | exercise
    value: str
    region: str
    max_score: int
    mean_score: float
    reports: int


@dataclass(frozen=True)
class SidedPain:
    """Pain the athlete placed on one side (left or right) in one region, per week and
    exercise: the exercise of the set it was felt in, or for pain after the session each
    hip-thrust exercise of that session."""

    week: date
    region: str
    side: str  # left | right
    exercise: str
    max_score: int
    reports: int


@dataclass(frozen=True)
class SessionBench:
    """The bench a session was done on, when the athlete said."""

    date: date
    bench_height_cm: int | None
    bench_stable: bool | None
    # Worst pain score reported with this session (any region or timing), None when
    # no report: lets a wobbly or unusual bench be tied to that session's pain rather
    # than to the whole week's. Rules fall back to the week's worst pain when None.
    pain_max: int | None = None
    # Whether the next-morning check-in of this session was done (None: not known).
    checked_in: bool | None = None


@dataclass(frozen=True)
class Symptom:
    """A red-flag symptom reported with a session."""

    date: date
    symptom: str


@dataclass(frozen=True)
class Resolution:
    """The athlete said a red-flag symptom is gone, on `date`: reports up to then are over."""

    date: date
    symptom: str


@dataclass(frozen=True)
class OtherPain:
    """Pain felt in a set of an exercise outside the hip-thrust family (or in a session that
    had only such sets)."""

    date: date
    region: str
    timing: str
    score: int
    exercise: str  # what the athlete called it ("Deadlift"), or "another exercise"
    character: str = ""


@dataclass(frozen=True)
class History:
    """Everything the rules may look at, for one athlete, oldest first.

    `today` is the date the advice is for: "recent" is measured from it, so the
    same history and the same `today` always give the same advice.
    """

    today: date
    loads: tuple[WeekLoad, ...] = ()
    pains: tuple[WeekPain, ...] = ()
    characters: tuple[WeekCharacter, ...] = ()
    setups: tuple[WeekSetup, ...] = ()
    setup_pains: tuple[SetupPain, ...] = ()
    benches: tuple[SessionBench, ...] = ()
    symptoms: tuple[Symptom, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    other_pains: tuple[OtherPain, ...] = ()
    sided_pains: tuple[SidedPain, ...] = ()
