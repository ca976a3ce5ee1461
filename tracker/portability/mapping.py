"""How another app's words become Thrustlog's: exercise names, equipment, RPE. Pure functions.

- A name with "hip thrust" or "glute bridge" in it (any spelling: "Hip-Thrust", "hipthrust")
  is that exercise of the hip-thrust family, with the equipment read from the name (barbell,
  smith, machine, dumbbell, band, bodyweight; none named: unknown, left blank).
- Any other exercise stays an "other" exercise under its own name: nothing is lost, and
  charts and advice, which read the hip-thrust family only, are not misled by it.
- RPE becomes reps in reserve: RIR = 10 - RPE, rounded half up. An RPE outside 1..10 is no
  rating (Strong writes 0 for "no RPE"): no RIR.
- A file that does not say its unit may say it by its barbell loads (`unit_from_plates`).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tracker.choices import Equipment, Exercise

NAME_LENGTH = 100  # Set.exercise_name


@dataclass(frozen=True)
class Mapped:
    exercise: str  # an Exercise value
    exercise_name: str  # the source's name, kept for "other" exercises
    equipment: str  # an Equipment value, or "" (not known)


# Most specific first: a "single-leg hip thrust" is not a plain hip thrust.
_FAMILY = (
    (
        re.compile(r"\b(single|one)[ -]?leg(ged)?\b.*\bhip[ -]?thrust"),
        Exercise.SINGLE_LEG_HIP_THRUST,
    ),
    (
        re.compile(r"\bhip[ -]?thrust.*\b(single|one)[ -]?leg(ged)?\b"),
        Exercise.SINGLE_LEG_HIP_THRUST,
    ),
    (re.compile(r"\bb[ -]?stance\b.*\bhip[ -]?thrust"), Exercise.B_STANCE_HIP_THRUST),
    (re.compile(r"\bhip[ -]?thrust.*\bb[ -]?stance\b"), Exercise.B_STANCE_HIP_THRUST),
    (re.compile(r"\bhip[ -]?thrust"), Exercise.HIP_THRUST),
    (re.compile(r"\bkas\b.*\bglute[ -]?bridge"), Exercise.KAS_GLUTE_BRIDGE),
    (re.compile(r"\bglute[ -]?bridge"), Exercise.GLUTE_BRIDGE),
    (re.compile(r"\bfrog[ -]?pumps?\b"), Exercise.FROG_PUMP),
)
# "Smith machine" names a machine too: smith first.
_EQUIPMENT = (
    (re.compile(r"\bsmith\b"), Equipment.SMITH),
    (re.compile(r"\bmachine\b|\bhip[ -]?thrust(er)? machine|\bglute drive\b"), Equipment.MACHINE),
    (re.compile(r"\bdumbb?ells?\b|\bdb\b"), Equipment.DUMBBELL),
    (re.compile(r"\bband(ed|s)?\b|\bresistance band"), Equipment.BAND),
    (re.compile(r"\bbarbell\b|\bbb\b"), Equipment.BARBELL),
    (re.compile(r"\bbody ?weight\b|\bbw\b"), Equipment.BODYWEIGHT),
)


def exercise_of(name: str) -> Mapped:
    """The exercise and equipment a source's exercise name stands for."""
    text = " ".join(name.lower().replace("_", " ").split())
    for pattern, exercise in _FAMILY:
        if pattern.search(text):
            return Mapped(exercise.value, "", equipment_of(text))
    return Mapped(Exercise.OTHER.value, " ".join(name.split())[:NAME_LENGTH], "")


def equipment_of(text: str) -> str:
    lowered = text.lower()
    for pattern, equipment in _EQUIPMENT:
        if pattern.search(lowered):
            return equipment.value
    return ""


def rir_from_rpe(rpe: Decimal | None) -> int | None:
    """Reps in reserve for an RPE: 10 - RPE, rounded half up; no RPE or one outside 1..10, None."""
    if rpe is None or not Decimal(1) <= rpe <= Decimal(10):
        return None
    rir = (Decimal(10) - rpe).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(min(max(rir, Decimal(0)), Decimal(9)))


PLATE_SAMPLE = 6  # barbell loads needed before their pattern says anything


def unit_from_plates(loads: Sequence[Decimal]) -> str | None:
    """The unit a list of barbell loads was written in, when their plates make it plain.

    A pound bar weighs 45 and pound plates come in 45, 35, 25, 10, 5 and 2.5, loaded in pairs:
    pound loads are whole multiples of 5, most of them 45 plus tens (95, 135, 185, 225). Metric
    plates go down to 1.25 kg: kilogram loads often end in .5 or .25 (22.5, 102.5, 61.25).
    Anything less clear-cut is None (the athlete's own unit decides).
    """
    weights = [w for w in loads if w > 0]
    if len(weights) < PLATE_SAMPLE:
        return None
    fractional = sum(1 for w in weights if w != w.to_integral_value())
    if fractional / len(weights) >= Decimal("0.25"):
        return "kg"
    pound_like = sum(1 for w in weights if w % 10 == 5 and w >= 45)
    if fractional == 0 and pound_like / len(weights) >= Decimal("0.75"):
        return "lb"
    return None
