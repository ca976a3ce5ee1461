"""The causes of hip-thrust pain named by the source document, as data.

One `Cause` per cause id of the public contract (section 1), no more, no less. All
texts are our own paraphrases of `source/hip-thrust-pain.txt`; the catalogue tests
reject any run of eight or more consecutive words taken from it.

`section` names the part of the document the cause rests on, written as
"<heading>: <sub-heading>" with the headings shortened the way the contract's
example does ("Common Causes of Pain: Equipment and Setup"); `SECTIONS` maps each
short form back to the full heading. `remedy_section` is where the fix comes from.

Catalogue-only cause: `incomplete_hip_extension`. A log holds nothing that can point
to it (no lockout angle), so the rules never emit it; it is listed so the catalogue is
complete and can be browsed. `lower_back_condition` is named only beside a referral,
when lower-back pain comes with nerve symptoms: the log never diagnoses a condition.

Hamstrings and foot distance: the document contradicts itself. "Common Causes"
says feet too far forward over-recruit the hamstrings and make them cramp, while
"Specific Pain Locations" says hamstring pain comes with feet too close to the
glutes. We keep both with the same bar of evidence, split by what the log shows:
hamstring pain with the feet too far out points to `feet_too_far_forward` (cited to
"Common Causes"), with the feet too close to `feet_too_close` (cited to "Specific Pain
Locations"); the item says in one sentence that the source disagrees and what the
athlete's own log holds for each side.
"""

from __future__ import annotations

from dataclasses import dataclass

FORM = "Common Causes of Pain: Improper Form and Technique"
LOADING = "Common Causes of Pain: Loading Issues"
IMBALANCE = "Common Causes of Pain: Muscle Imbalances and Weaknesses"
CONDITION = "Common Causes of Pain: Pre-existing Conditions or Injuries"
EQUIPMENT = "Common Causes of Pain: Equipment and Setup"
LOCATIONS = "Specific Pain Locations and Their Potential Causes"
PREVENT_FORM = "Preventing Pain: Mastering Form Fundamentals"
PREVENT_LOAD = "Preventing Pain: Progressive Overload and Weight Selection"
PREVENT_GEAR = "Preventing Pain: Accessory Equipment"
PREVENT_BALANCE = "Preventing Pain: Addressing Muscle Imbalances"
SEEK_HELP = "When to Seek Professional Advice"

# Short heading -> the heading as printed in the source document.
SECTIONS = {
    "Common Causes of Pain": "Common Causes of Pain During Hip Thrusts",
    "Specific Pain Locations and Their Potential Causes": (
        "Specific Pain Locations and Their Potential Causes"
    ),
    "Preventing Pain": "Preventing Pain and Optimizing Your Hip Thrust Technique",
    "When to Seek Professional Advice": "When to Seek Professional Advice",
}

GROUPS = (
    "form",
    "loading",
    "imbalance",
    "pre-existing condition",
    "equipment",
    "when to seek help",
)


@dataclass(frozen=True)
class Cause:
    """One cause of pain: what it is, what to try, and what in a log can reveal it."""

    id: str
    group: str
    title: str  # a short headline that reads right to the athlete and to a coach
    explanation: str
    what_to_try: str
    section: str
    remedy_section: str
    regions: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    setup: tuple[tuple[str, str], ...] = ()  # (field, value)
    load_patterns: tuple[str, ...] = ()
    symptoms: tuple[str, ...] = ()
    catalogue_only: bool = False
    # Its remedy tells the athlete to lighten the load: the item gives a number to start from.
    eases_off: bool = False

    @property
    def is_referral(self) -> bool:
        return self.group == "when to seek help"


_SEE_SOMEONE = (
    "Book an assessment with a physical therapist or a sports medicine doctor and bring "
    "this log along."
)

_CAUSES = (
    # form
    Cause(
        "lumbar_hyperextension",
        "form",
        "The lower back takes over at the top",
        "Over-arching at lockout moves the work off the glutes and onto the small joints "
        "of the lower spine. It is the usual suspect for a sore lower back, more so right "
        "after the bar got heavier or when the trunk is not braced.",
        "Finish each rep with the ribs pulled down and the abs tight, stop rising once "
        "shoulders, hips and knees line up, and lighten the bar until that feels easy.",
        FORM,
        PREVENT_FORM,
        regions=("lower_back",),
        load_patterns=("top-set jump",),
        eases_off=True,
    ),
    Cause(
        "neck_position",
        "form",
        "Neck strain from the head position",
        "Craning the head back to look at the ceiling, or jamming the chin into the chest, "
        "puts strain on the neck without helping the lift.",
        "Keep the eyes ahead or a little down the body so the head travels with the "
        "torso, and keep the chin relaxed.",
        FORM,
        PREVENT_FORM,
        regions=("neck",),
    ),
    Cause(
        "feet_too_far_forward",
        "form",
        "Feet too far forward",
        "With the heels far out in front, the hamstrings and the hip flexors end up doing "
        "more of the lift and tend to cramp, while the glutes do less.",
        "Walk the feet back in until the shins stand upright at the top, then push "
        "through the heels.",
        FORM,
        PREVENT_FORM,
        regions=("hamstring", "hip_flexor"),
        characters=("cramp",),
        setup=(("foot_distance", "too_far"),),
    ),
    Cause(
        "feet_too_close",
        "form",
        "Feet too close to the glutes",
        "Heels parked near the seat shift work to the thighs. The knee and the front of "
        "the thigh take more strain, and the document also ties hamstring pain to this "
        "position.",
        "Move the feet out a little so the shins end up vertical at lockout.",
        FORM,
        PREVENT_FORM,
        regions=("knee", "hamstring"),
        setup=(("foot_distance", "too_close"),),
    ),
    Cause(
        "knee_valgus",
        "form",
        "Knees drifting inward",
        "When the side glute muscles do not hold the knees out, the knees fold inward "
        "under load and the joint takes the stress.",
        "Push the knees out over the toes, lighten the bar until they stay there, and "
        "warm up with banded bridges, clamshells or lateral band walks.",
        FORM,
        PREVENT_BALANCE,
        regions=("knee",),
        eases_off=True,
    ),
    Cause(
        "incomplete_hip_extension",
        "form",
        "Stopping short of full lockout",
        "Stopping before the hips are fully open leaves the glutes under-used and lets "
        "other muscles pick up the slack.",
        "Rise until the body makes one straight line from shoulders to knees, squeeze "
        "the glutes there, and go no higher.",
        FORM,
        PREVENT_FORM,
        catalogue_only=True,
    ),
    # loading
    Cause(
        "too_much_weight_too_soon",
        "loading",
        "The weight went up too fast",
        "Going heavy before the movement is solid raises the odds of getting hurt and "
        "magnifies whatever is already weak.",
        "Drop back to a weight you can move with clean form for every planned rep, then "
        "build up again in small steps.",
        LOADING,
        PREVENT_LOAD,
        regions=("lower_back",),
        load_patterns=("top-set jump", "volume spike"),
    ),
    Cause(
        "inadequate_progressive_overload",
        "loading",
        "Weight added faster than the body adapts",
        "Piling on load week after week leaves muscles and joints no time to catch up "
        "with what is being asked of them.",
        "Add weight only once the target reps feel comfortable with clean technique; "
        "smaller and less frequent jumps are fine.",
        LOADING,
        PREVENT_LOAD,
        load_patterns=("repeated jumps",),
    ),
    # imbalance
    Cause(
        "weak_glutes",
        "imbalance",
        "Glutes not doing their share",
        "If the glutes are weak or slow to switch on, the hamstrings, the hip flexors or "
        "the lower back muscles may take over and then ache or cramp.",
        "Before thrusting, wake the glutes up with banded bridges, clamshells or band "
        "walks, and aim to feel the squeeze in the glutes at the top.",
        IMBALANCE,
        PREVENT_BALANCE,
        regions=("lower_back", "hip_flexor", "hamstring"),
        characters=("cramp",),
    ),
    Cause(
        "tight_hip_flexors",
        "imbalance",
        "Tight hip flexors limiting the top",
        "Short hip flexors keep the hips from opening fully, so the lower back tends to "
        "arch to make up the difference and the front of the hip can get sore.",
        "Stretch the hip flexors often, for example with a half-kneeling stretch, and "
        "again in the cool-down.",
        IMBALANCE,
        PREVENT_BALANCE,
        regions=("hip_flexor",),
    ),
    Cause(
        "weak_core",
        "imbalance",
        "Core not holding the spine",
        "Without a strong brace the spine is less steady under load, which leaves the "
        "lower back exposed.",
        "Brace the abs before each rep as if about to take a hit, and train the trunk "
        "with planks, bird-dogs and dead bugs.",
        IMBALANCE,
        PREVENT_BALANCE,
        regions=("lower_back",),
    ),
    Cause(
        "tight_hamstrings",
        "imbalance",
        "Tight hamstrings",
        "Stiff hamstrings can limit the range and change how the hips move, which may "
        "show up as soreness or a strain at the back of the thigh.",
        "Stretch the hamstrings regularly, for instance a standing stretch, and finish "
        "sessions with a static stretch for them.",
        IMBALANCE,
        PREVENT_BALANCE,
        regions=("hamstring",),
    ),
    # pre-existing condition
    Cause(
        "lower_back_condition",
        "pre-existing condition",
        "A back problem may be flaring up",
        "Existing back trouble, such as a disc problem, worn facet joints or a loose lower "
        "spine, can be irritated when the spine is arched or squeezed under the bar.",
        "Keep the spine neutral and the load modest, and have the back assessed before pushing on.",
        CONDITION,
        PREVENT_FORM,
        regions=("lower_back",),
        symptoms=("numbness", "tingling", "weakness"),
        eases_off=True,
    ),
    Cause(
        "hip_impingement",
        "pre-existing condition",
        "A pinch deep in the front of the hip",
        "The shape of the hip joint can make it catch, which gives a pinching pain near "
        "the bottom or the top of the rep; groin pain can come from it too.",
        "Lighten the load and keep the form strict; if the pinch keeps returning, have "
        "the hip examined by a physical therapist or a sports medicine doctor.",
        CONDITION,
        SEEK_HELP,
        regions=("groin", "hip_flexor"),
        characters=("pinch",),
        eases_off=True,
    ),
    Cause(
        "si_joint_dysfunction",
        "pre-existing condition",
        "Pain at the back of the pelvis",
        "An irritated or unstable SI joint can flare up when the pelvis is loaded unevenly "
        "or moves around too much.",
        "Keep the load even on both sides and the pelvis steady through the whole rep; "
        "if it keeps hurting, get it assessed.",
        CONDITION,
        PREVENT_FORM,
        regions=("si_joint",),
    ),
    Cause(
        "knee_condition",
        "pre-existing condition",
        "An existing knee problem acting up",
        "Knees that already give trouble, for instance around the kneecap, can get worse "
        "when the feet or the knees are out of line.",
        "Set the feet so the shins are vertical at the top and the knees track over the "
        "toes; have a lasting knee problem checked.",
        CONDITION,
        PREVENT_FORM,
        regions=("knee",),
    ),
    Cause(
        "groin_strain",
        "pre-existing condition",
        "Groin or inner-thigh strain",
        "The inner-thigh muscles can be strained when the hips are pushed too far apart "
        "or turned inward during the lift; a very wide stance makes this more likely.",
        "Bring the feet back to about hip width and keep the knees in line with the toes.",
        CONDITION,
        PREVENT_FORM,
        regions=("groin",),
        setup=(("stance_width", "wide"),),
    ),
    # equipment
    Cause(
        "unpadded_bar",
        "equipment",
        "The bar pressing on the hip bones",
        "A bar resting on the bony points at the front of the pelvis presses straight on "
        "bone and can bruise and hurt there.",
        "Cushion the bar with a thick pad, a foam balance pad or a yoga mat folded several "
        "times, set it in the crease of the hips rather than on bone, or try a hip thrust "
        "machine.",
        EQUIPMENT,
        PREVENT_GEAR,
        regions=("hip_bone",),
        characters=("bruise",),
        setup=(("padding", "none"), ("padding", "thin")),
    ),
    Cause(
        "unstable_bench",
        "equipment",
        "A wobbly bench",
        "A bench that shifts takes stability away, so the body makes up for it with "
        "movements it should not need.",
        "Use a solid bench or surface that stays put, or a hip thrust machine, which the "
        "document notes is steadier.",
        EQUIPMENT,
        PREVENT_GEAR,
        load_patterns=("unstable bench",),
    ),
    Cause(
        "incorrect_bench_height",
        "equipment",
        "A bench height that does not suit",
        "Resting the upper back on a bench much higher or lower than suits you changes your "
        "leverage and how far the hips travel.",
        "Choose a height that places the shoulders right below the bar, and stick to it.",
        EQUIPMENT,
        PREVENT_FORM,
        load_patterns=("unusual bench height",),
    ),
    # when to seek help
    Cause(
        "persistent_pain",
        "when to seek help",
        "Pain that isn't going away",
        "Pain that keeps coming back week after week, even after rest or changes to "
        "technique or load, deserves a professional look.",
        _SEE_SOMEONE,
        SEEK_HELP,
        SEEK_HELP,
        load_patterns=("weeks of pain",),
    ),
    Cause(
        "sharp_acute_pain",
        "when to seek help",
        "A sudden, sharp pain",
        "A sharp pain that shows up suddenly in a set is not ordinary training discomfort "
        "and should be checked.",
        _SEE_SOMEONE,
        SEEK_HELP,
        SEEK_HELP,
        characters=("sharp",),
        load_patterns=("sudden spike",),
    ),
    Cause(
        "neurological_symptoms",
        "when to seek help",
        "Numbness, tingling or weak legs",
        "Pain together with numb, tingling or weak legs or feet calls for a professional "
        "evaluation.",
        _SEE_SOMEONE,
        SEEK_HELP,
        SEEK_HELP,
        symptoms=("numbness", "tingling", "weakness"),
    ),
    Cause(
        "daily_life_or_sleep",
        "when to seek help",
        "Pain in daily life or at night",
        "Pain that gets worse with everyday activities or keeps you from sleeping is a "
        "reason to get checked.",
        _SEE_SOMEONE,
        SEEK_HELP,
        SEEK_HELP,
        symptoms=("daily_activity_pain", "sleep_disturbance"),
    ),
    Cause(
        "structural_injury_signs",
        "when to seek help",
        "A pop or swelling",
        "A popping sound or marked swelling can hint at a structural injury, which needs "
        "a professional look.",
        _SEE_SOMEONE,
        SEEK_HELP,
        SEEK_HELP,
        symptoms=("popping", "swelling"),
    ),
)

CAUSES: dict[str, Cause] = {cause.id: cause for cause in _CAUSES}
CATALOGUE_ONLY = frozenset(cause.id for cause in _CAUSES if cause.catalogue_only)
REFERRAL_CAUSES = frozenset(cause.id for cause in _CAUSES if cause.is_referral)
