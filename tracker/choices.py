"""The log's vocabulary: machine values from the public contract (section 1), our labels."""

from django.db import models


class PainRegion(models.TextChoices):
    LOWER_BACK = "lower_back", "Lower back"
    SI_JOINT = "si_joint", "SI joint (low back, beside the spine)"
    HIP_FLEXOR = "hip_flexor", "Hip flexor (front of the hip)"
    HIP_BONE = "hip_bone", "Hip bone (where the bar sits)"
    GROIN = "groin", "Groin (inner thigh)"
    HAMSTRING = "hamstring", "Hamstring (back of the thigh)"
    KNEE = "knee", "Knee"
    NECK = "neck", "Neck"


class PainTiming(models.TextChoices):
    DURING = "during", "During the set"
    AFTER = "after", "After the session"
    NEXT_DAY = "next_day", "Next morning"


class PainCharacter(models.TextChoices):
    ACHE = "ache", "Ache"
    SHARP = "sharp", "Sharp"
    CRAMP = "cramp", "Cramp"
    PINCH = "pinch", "Pinch"
    BRUISE = "bruise", "Bruise"


class PainSide(models.TextChoices):
    """Where a pain was felt across the body (an extension of the contract's vocabulary):
    one-sided pain with single-leg or B-stance sets points to uneven loading."""

    LEFT = "left", "Left"
    RIGHT = "right", "Right"
    BOTH = "both", "Both sides"


class FootDistance(models.TextChoices):
    TOO_CLOSE = "too_close", "Close to the glutes"
    SHINS_VERTICAL = "shins_vertical", "Shins vertical"
    TOO_FAR = "too_far", "Far forward"


class StanceWidth(models.TextChoices):
    NARROW = "narrow", "Narrow"
    HIP_WIDTH = "hip_width", "Hip width"
    WIDE = "wide", "Wide"


class Padding(models.TextChoices):
    NONE = "none", "No pad"
    THIN = "thin", "Thin pad"
    THICK = "thick", "Thick pad"
    MAT = "mat", "Folded mat"
    MACHINE = "machine", "Machine belt/pad"


class Equipment(models.TextChoices):
    BARBELL = "barbell", "Barbell"
    SMITH = "smith", "Smith machine"
    MACHINE = "machine", "Hip-thrust machine"
    DUMBBELL = "dumbbell", "Dumbbell"
    BAND = "band", "Band"
    BODYWEIGHT = "bodyweight", "Bodyweight"


class RedFlag(models.TextChoices):
    NUMBNESS = "numbness", "Numbness in the legs or feet"
    TINGLING = "tingling", "Tingling in the legs or feet"
    WEAKNESS = "weakness", "Weakness in the legs or feet"
    POPPING = "popping", "A pop or popping sound"
    SWELLING = "swelling", "Noticeable swelling"
    DAILY_ACTIVITY_PAIN = "daily_activity_pain", "Pain in everyday activities"
    SLEEP_DISTURBANCE = "sleep_disturbance", "Pain that disturbs sleep"


class Exercise(models.TextChoices):
    HIP_THRUST = "hip_thrust", "Hip thrust"
    GLUTE_BRIDGE = "glute_bridge", "Glute bridge"
    SINGLE_LEG_HIP_THRUST = "single_leg_hip_thrust", "Single-leg hip thrust"
    B_STANCE_HIP_THRUST = "b_stance_hip_thrust", "B-stance hip thrust"
    FROG_PUMP = "frog_pump", "Frog pump"
    KAS_GLUTE_BRIDGE = "kas_glute_bridge", "Kas glute bridge"
    OTHER = "other", "Other exercise"


# The exercises whose sets count as hip-thrust training in charts and advice.
HIP_THRUST_FAMILY = frozenset(Exercise.values) - {Exercise.OTHER}
# A set's setup, in the order the weekly sums list it; the dashboard compares the first three
# (equipment is a choice of lift, not of setup).
SETUP_FIELDS = ("padding", "foot_distance", "stance_width", "equipment")
COMPARED_SETUP_FIELDS = ("padding", "foot_distance", "stance_width")


class Unit(models.TextChoices):
    KG = "kg", "Kilograms (kg)"
    LB = "lb", "Pounds (lb)"
