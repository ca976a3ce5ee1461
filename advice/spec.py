"""What each cause needs before the engine names it, written from the rules' own tables and
thresholds so that it cannot drift from them (`python manage.py advice_spec` prints it).

A physiotherapist should be able to review the engine from this page alone: for each of the
contract's cause ids, what in a log triggers it, how its severity is decided, and the section
of the source document each claim is cited to. A test runs the engine over many histories
and checks that every (cause, section) it emits is listed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from advice.causes import CAUSES, CONDITION, GROUPS, LOADING, LOCATIONS, SEEK_HELP
from advice.rules import loading, referral, regions, setup
from advice.thresholds import (
    AHEAD,
    PAIN_FLOOR,
    PAIN_RISE,
    RECENT_WEEKS,
    TOP_SET_JUMP,
    VOLUME_JUMP,
)
from advice.timeline import (
    BASELINE_MAX_WEEKS,
    BASELINE_MIN_RISE,
    BASELINE_MIN_WEEKS,
    BASELINE_SDS,
    SETTLED_WEEKS,
)
from advice.trends import (
    CHRONIC_WEEKS,
    DELOAD_TOP,
    JUMP_BASE_MAX_AGE,
    JUMP_BASE_WEEKS,
    LOADABLE_KG,
    MIN_BASE_WEEKS,
    RISE_WINDOW_WEEKS,
    VOLUME_LOW,
)
from advice.wording import REGION_NAMES, setup_text, symptoms_text


@dataclass(frozen=True)
class Trigger:
    """One way a cause is named: what triggers it, its severity rule, the section cited."""

    cause: str
    when: str
    severity: str
    section: str


def _n(value: float) -> str:
    return f"{value:g}"


READING = (
    "What is read: form, setup and load causes read hip-thrust sets only (the hip thrust and "
    "its variations); pain logged on another exercise counts toward the referrals (pain that "
    "persists, red flags) and is otherwise listed apart under that exercise's name, never "
    "blamed on hip-thrust form. Pain in a set belongs to that set's setup; pain after the "
    "session or the next morning to every setup value of the session. Dates run in the "
    f"athlete's own time zone; a session may be dated up to {AHEAD.days} day ahead of the "
    "athlete's today (it counts as this week), and nothing later is read."
)
RECENT = "recent"
ACTIVE = "still going"
GLOSSARY = (
    f"*Recent* means the current week or the {RECENT_WEEKS - 1} before it. A region's pain is "
    f"*still going* when it reached {_n(PAIN_FLOOR)}/10 or more in a recent week and fewer "
    f"than {SETTLED_WEEKS} logged weeks below that have followed; it has *settled* after "
    f"{SETTLED_WEEKS}."
)
JUMP = (
    f"a load jump: a week's top set more than {TOP_SET_JUMP - 1:.0%} above the best of the "
    f"athlete's last {JUMP_BASE_WEEKS} "
    f"training weeks (none older than {JUMP_BASE_MAX_AGE} weeks; light weeks under "
    f"{DELOAD_TOP:.0%} of that best or under {VOLUME_LOW:g}x volume are skipped, so coming back "
    f"from a deload or a break to a load already handled is not a jump; both loads read to "
    f"the nearest {_n(LOADABLE_KG)} kg, so pounds and kilograms agree), or its volume (each "
    f"set's load read the same way) at {VOLUME_JUMP:g} times or more the biggest week of those "
    "(the acute:chronic ratio against the "
    f"mean of the last {CHRONIC_WEEKS} goes into the evidence when outside {VOLUME_LOW:g}-"
    f"{VOLUME_JUMP:g}); an athlete with fewer than {MIN_BASE_WEEKS} such weeks has no "
    "baseline and no jumps"
)
RISE = (
    f"pain in a region reaching {_n(PAIN_FLOOR)}/10 or more within {RISE_WINDOW_WEEKS} weeks "
    f"of the jump, {_n(PAIN_RISE)} points or more above its worst of the 4 weeks before "
    f"(evidence also says when it stands {_n(BASELINE_SDS)} standard deviations and "
    f"{_n(BASELINE_MIN_RISE)} points above the athlete's own level over the "
    f"{BASELINE_MIN_WEEKS}-{BASELINE_MAX_WEEKS} logged weeks before)"
)
NOISE = (
    "A caution becomes info when the region has a single painful week in the whole log at "
    "4/10 or less (one noisy score)."
)


def _referrals() -> list[Trigger]:
    found = [
        Trigger(
            "persistent_pain",
            f"Pain of {referral.PERSISTENT_SCORE}/10 or more in a region, at any timing (in the "
            f"set, after, next morning) and on any exercise, in most logged weeks of a run of "
            f"{referral.PERSISTENT_WEEKS} or more logged weeks that reaches a recent week. The "
            "run ends at two lighter logged weeks in a row (one lighter week does not break it) "
            "and includes one lighter week after the last painful one. It does not fire when "
            f"the run is clearly easing: down by {_n(PAIN_RISE)} points or more both by its "
            "Theil-Sen slope and by the mean of its last two weeks against its first two. A "
            "lighter load does not cancel it (the item says what was tried).",
            "see_professional",
            SEEK_HELP,
        ),
        Trigger(
            "persistent_pain",
            f"A question back (follow_up): the region's last pain was {referral.STRONG_SCORE}/10 "
            f"or more, it has not settled ({SETTLED_WEEKS} logged weeks below "
            f"{_n(PAIN_FLOOR)}/10), and nothing has been logged for {referral.QUIET_DAYS} days "
            "or more or it left the recent weeks unanswered. Dropped where a referral already "
            "speaks of that region.",
            "caution",
            SEEK_HELP,
        ),
        Trigger(
            "persistent_pain",
            f"A note (not a referral): pain at {_n(PAIN_FLOOR)}/10 or more on another exercise "
            "in a recent week, one note per region naming the exercise and its worst score. "
            "Form and setup causes never read it.",
            "info",
            SEEK_HELP,
        ),
        Trigger(
            "sharp_acute_pain",
            f"In a recent week, pain in a set described as sharp at {referral.SHARP_SCORE}/10 "
            f"or more, or pain in a set at {referral.SPIKE_SCORE}/10 or more that stands "
            f"{referral.SPIKE_JUMP} points (or two standard deviations) above the region's mean "
            f"over the last {referral.SPIKE_BASE_WEEKS} logged weeks (at least "
            f"{referral.SPIKE_MIN_WEEKS} logged weeks; empty weeks do not count). Pain after the "
            "session or the next morning never counts as sudden.",
            "see_professional",
            SEEK_HELP,
        ),
    ]
    for cause, kinds in referral.SYMPTOM_CAUSES:
        found.append(
            Trigger(
                cause,
                f"A reported red flag ({symptoms_text(list(kinds))}), however long ago, until "
                "the athlete marks it as gone (advice page, morning check-in or the API); a "
                "later report opens it again. Always listed first.",
                "see_professional",
                SEEK_HELP,
            )
        )
    found.append(
        Trigger(
            "lower_back_condition",
            f"Lower-back pain at {_n(PAIN_FLOOR)}/10 or more within {referral.NERVE_NEAR_DAYS} "
            f"days of an open nerve symptom ({symptoms_text(list(referral.NERVE_SYMPTOMS))}), "
            "beside the neurological referral. The log never diagnoses the condition.",
            "caution",
            CAUSES["lower_back_condition"].section,
        )
    )
    return found


def _loading() -> list[Trigger]:
    return [
        Trigger(
            "too_much_weight_too_soon",
            f"{JUMP[0].upper()}{JUMP[1:]}, followed by {RISE}, and that pain is {ACTIVE}. The "
            "item gives a load to start from: the heaviest top set lifted without pain in that "
            "region before the jump.",
            "caution",
            LOADING,
        ),
        Trigger(
            "too_much_weight_too_soon",
            "The same pain settled after the top set came back below the jump (what helped).",
            "info",
            LOADING,
        ),
        Trigger(
            "lumbar_hyperextension",
            "A load jump followed by a rise in lower-back pain (the document's pairing).",
            "caution",
            LOCATIONS,
        ),
        *(
            Trigger(
                cause,
                "A load jump followed by a rise in lower-back pain (listed contributor).",
                "info",
                LOCATIONS,
            )
            for cause in ("weak_core", "weak_glutes")
        ),
        Trigger(
            "inadequate_progressive_overload",
            f"Two or more load jumps within {loading.CLUSTER_WEEKS} weeks, one followed by a "
            "rise in pain that is still going.",
            "caution",
            LOADING,
        ),
        Trigger(
            "inadequate_progressive_overload",
            f"Two or more load jumps within {loading.CLUSTER_WEEKS} weeks, recent, with no rise "
            "in pain.",
            "info",
            LOADING,
        ),
    ]


HAMSTRING = ("hamstring", "foot_distance")
CONTRADICTION = (
    " The source contradicts itself on hamstrings (one section blames feet too far forward, "
    "another feet too close): both placements need the same evidence, and the item says so in "
    "one sentence with the log's hamstring reports and sets for each placement."
)


def _setup() -> list[Trigger]:
    found = []
    for rule in setup.SETUP_RULES:
        values = " or ".join(setup_text(rule.field, v) for v in rule.values)
        worse = f"(twice the report rate or {_n(PAIN_RISE)} points higher on average)"
        compared = (
            f"other values used too, and the pain clearly worse than with them {worse}"
            if rule.needs_contrast
            else f"clearly worse than with other values {worse}, or no other value used"
        )
        found.append(
            Trigger(
                rule.cause,
                f"{REGION_NAMES[rule.region].capitalize()} pain at {_n(PAIN_FLOOR)}/10 or more "
                f"with {values}: at least {rule.min_reports} report(s), in the set (that set's "
                "setup) or after the session and the next morning (every setup value of that "
                f"session); {compared}. Caution when the latest such pain is {RECENT}, at least "
                f"{setup.MODERATE}/10 and the pain is {ACTIVE}, unless it rests on one week of "
                "pain felt only the next morning (soreness until it comes back; "
                f"{' and '.join(REGION_NAMES[r] for r in setup.BRUISES)} pain, a bruise, "
                "excepted); otherwise info; info too once "
                "the athlete moved off the value and the pain settled (what helped)."
                + (CONTRADICTION if (rule.region, rule.field) == HAMSTRING else ""),
                "caution or info",
                rule.section,
            )
        )
    found += [
        Trigger(
            "si_joint_dysfunction",
            "Pain in any region placed on the same side (left or right) at least "
            f"{setup.MIN_SIDED_REPORTS} times with single-leg or B-stance sets, one report at "
            f"{_n(PAIN_FLOOR)}/10 or more, and at most half as many on the other side: "
            f"caution when the latest is {RECENT}, at least {setup.MODERATE}/10 and the "
            f"region's pain is {ACTIVE}; otherwise info.",
            "caution or info",
            CONDITION,
        ),
        Trigger(
            "unstable_bench",
            "Sessions on a bench marked unstable, recent, with pain clearly above sessions on "
            f"a steady bench ({_n(PAIN_RISE)} points): caution; without such pain, or settled "
            "since: info.",
            "caution or info",
            CAUSES["unstable_bench"].section,
        ),
        Trigger(
            "incorrect_bench_height",
            f"Sessions {setup.BENCH_HEIGHT_GAP_CM} cm or more from the athlete's median bench "
            f"height with pain {_n(PAIN_RISE)} points above the usual height, the latest "
            "recent: caution; back at the usual height and settled: info.",
            "caution or info",
            CAUSES["incorrect_bench_height"].section,
        ),
    ]
    return found


def _regions() -> list[Trigger]:
    found = []
    for region, pairs in regions.REGION_MAP.items():
        for cause, main, section in pairs:
            severity = "caution or info" if main else "info"
            rule = (
                f"caution when the pain is repeated ({regions.REPEATED_WEEKS} or more {RECENT} "
                f"weeks at {_n(PAIN_FLOOR)}/10 or more) and at least {regions.MODERATE}/10, "
                "else info"
                if main
                else "info"
            )
            role = "the region's first-named cause" if main else "a listed contributor"
            found.append(
                Trigger(
                    cause,
                    f"{REGION_NAMES[region].capitalize()} pain that is {ACTIVE} ({role}): {rule}.",
                    severity,
                    section,
                )
            )
    found.append(
        Trigger(
            "hip_impingement",
            f"Groin or front-of-hip pain described as a pinch at {_n(PAIN_FLOOR)}/10 or more in "
            f"a {RECENT} week, while that pain is still going.",
            "caution",
            CAUSES["hip_impingement"].section,
        )
    )
    return found


def triggers() -> list[Trigger]:
    """Every way the engine can name a cause, grouped by cause in catalogue order."""
    found = [*_referrals(), *_loading(), *_setup(), *_regions()]
    order = {cause_id: n for n, cause_id in enumerate(CAUSES)}
    return sorted(found, key=lambda t: order[t.cause])


def render() -> str:
    """The whole specification as Markdown."""
    by_cause: dict[str, list[Trigger]] = {}
    for trigger in triggers():
        by_cause.setdefault(trigger.cause, []).append(trigger)
    lines = [
        "# How the advice engine decides",
        "",
        "Generated from the rules' own tables and thresholds (`python manage.py advice_spec`).",
        "Scores are 0-10; weeks run Monday to Sunday; a logged week has any entry. "
        "Every timing counts at its score. One item per cause names every region that "
        f"supports it. {NOISE} Items are ordered by severity (see_professional, caution, "
        "info), then strength.",
        "",
        READING,
        "",
        GLOSSARY,
        "",
    ]
    for group in GROUPS:
        lines += [f"## {group.capitalize()}", ""]
        for cause in (c for c in CAUSES.values() if c.group == group):
            lines += [f"### `{cause.id}`: {cause.title}", ""]
            if cause.catalogue_only:
                lines += ["Never named: nothing in a training log can point to it.", ""]
            for trigger in by_cause.get(cause.id, []):
                lines += [
                    f"- When: {trigger.when}",
                    f"  - Severity: {trigger.severity}",
                    f'  - Cites: "{trigger.section}"',
                ]
            lines += [
                f'- What to try (cited to "{cause.remedy_section}"): {cause.what_to_try}',
                "",
            ]
    return "\n".join(lines)
