"""How advice speaks: to the athlete ("your lower back") or about them to a coach ("Ada's
lower back"), with pain as "5/10", dates as the rest of the app writes them ("3 Nov 2026")
and loads in the reader's unit, rounded to what can be put on a bar.

Pure: no Django. The machine values of the contract never reach a sentence: regions are
named as people say them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

LB_PER_KG = Decimal("2.20462262185")
# The smallest step a lifter can usually load: a pair of 1.25 kg or 2.5 lb plates.
LOADABLE_STEP = {"kg": Decimal("2.5"), "lb": Decimal("5")}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

REGION_NAMES = {
    "lower_back": "lower back",
    "si_joint": "SI joint (low back, beside the spine)",
    "hip_flexor": "front of the hip",
    "hip_bone": "hip bone",
    "groin": "groin",
    "hamstring": "hamstring",
    "knee": "knee",
    "neck": "neck",
}
SHORT_REGION_NAMES = {**REGION_NAMES, "si_joint": "SI joint"}
TIMING_WORDS = {"during": "in a set", "after": "after the session", "next_day": "the next morning"}
SYMPTOM_WORDS = {
    "numbness": "numbness",
    "tingling": "tingling",
    "weakness": "weakness in the legs",
    "popping": "a popping sound",
    "swelling": "swelling",
    "daily_activity_pain": "pain in daily life",
    "sleep_disturbance": "pain at night",
}
EXERCISE_WORDS = {
    "hip_thrust": "hip thrusts",
    "glute_bridge": "glute bridges",
    "single_leg_hip_thrust": "single-leg hip thrusts",
    "b_stance_hip_thrust": "B-stance hip thrusts",
    "frog_pump": "frog pumps",
    "kas_glute_bridge": "Kas glute bridges",
}
SETUP_WORDS = {
    ("padding", "none"): "no pad",
    ("padding", "thin"): "a thin pad",
    ("padding", "thick"): "a thick pad",
    ("padding", "mat"): "a folded mat",
    ("padding", "machine"): "the machine's pad",
    ("foot_distance", "too_close"): "the feet close to the glutes",
    ("foot_distance", "shins_vertical"): "the shins vertical",
    ("foot_distance", "too_far"): "the feet far forward",
    ("stance_width", "narrow"): "a narrow stance",
    ("stance_width", "hip_width"): "a hip-width stance",
    ("stance_width", "wide"): "a wide stance",
    ("equipment", "barbell"): "a barbell",
    ("equipment", "smith"): "a Smith machine",
    ("equipment", "machine"): "a hip-thrust machine",
    ("equipment", "dumbbell"): "a dumbbell",
    ("equipment", "band"): "a band",
    ("equipment", "bodyweight"): "bodyweight only",
}


def day_text(day: date) -> str:
    """3 Nov 2026: the app's date format (Django's "j M Y"), independent of any locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def week_text(week: date) -> str:
    return f"the week of {day_text(week)}"


def pain_text(score: float) -> str:
    """5/10 (a mean keeps one decimal: 4.5/10)."""
    return f"{score:.1f}/10".replace(".0/", "/")


def region_text(region: str) -> str:
    return REGION_NAMES.get(region, region.replace("_", " "))


def regions_text(regions: list[str]) -> str:
    """lower back, knee and hamstring."""
    names = [SHORT_REGION_NAMES.get(r, r.replace("_", " ")) for r in regions]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def setup_text(field: str, value: str) -> str:
    return SETUP_WORDS.get((field, value), EXERCISE_WORDS.get(value, value.replace("_", " ")))


def symptoms_text(symptoms: list[str]) -> str:
    words = [SYMPTOM_WORDS.get(s, s.replace("_", " ")) for s in symptoms]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


@dataclass(frozen=True)
class Voice:
    """Who reads the advice: the athlete (`name` None) or a coach reading about `name`."""

    name: str | None = None
    unit: str = "kg"

    @property
    def you(self) -> str:
        """ "you" or "Ada", as a subject: "you reported", "Ada reported"."""
        return self.name or "you"

    @property
    def You(self) -> str:
        return self.name or "You"

    @property
    def your(self) -> str:
        return f"{self.name}'s" if self.name else "your"

    @property
    def Your(self) -> str:
        return f"{self.name}'s" if self.name else "Your"

    @property
    def have(self) -> str:
        """ "you have" / "Ada has"."""
        return f"{self.name} has" if self.name else "you have"

    def load(self, kg: float | Decimal) -> str:
        """A load in the reader's unit, rounded to the nearest loadable step: "102.5 kg"."""
        value = Decimal(str(kg))
        if self.unit == "lb":
            value *= LB_PER_KG
        step = LOADABLE_STEP.get(self.unit, LOADABLE_STEP["kg"])
        steps = (value / step).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        return f"{(steps * step).normalize():f} {self.unit}"

    def volume(self, kg: float | Decimal) -> str:
        """A weekly volume (load x reps) in the reader's unit, whole numbers: "3,240 kg"."""
        value = Decimal(str(kg)) * (LB_PER_KG if self.unit == "lb" else 1)
        return f"{value.quantize(Decimal('1'), rounding=ROUND_HALF_UP):,f} {self.unit}"
