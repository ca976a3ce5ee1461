"""Coaches' notes on the athlete's own pages, and labels for the roster.

The athlete's session and advice pages belong to tracker and advice; each shows coaches' notes
through one tag here, so those views need not know coaching exists.
"""

from typing import Any

from django import template

from advice.items import SEVERITIES
from coaching import queries
from coaching.forms import FLAG_LABELS
from tracker.choices import PainRegion, RedFlag

register = template.Library()

SEVERITY_LABELS = dict(
    zip(SEVERITIES, ("Good to know", "Worth changing", "See a professional"), strict=True)
)
_ADVICE_NOTES = "coaching_advice_notes"


@register.filter
def severity_label(value: str) -> str:
    return SEVERITY_LABELS.get(value, value)


@register.filter
def flag_label(value: str) -> str:
    return FLAG_LABELS.get(value, value)


@register.filter
def region_short(value: str) -> str:
    """ "hip_bone" -> "Hip bone": a roster row has no room for the label's explanation."""
    try:
        return PainRegion(value).label.split(" (")[0]
    except ValueError:
        return value


SPARK_WIDTH, SPARK_HEIGHT = 96, 28


@register.inclusion_tag("coaching/partials/sparkline.html")
def sparkline(weekly: tuple[tuple[Any, int, float], ...]) -> dict[str, Any]:
    """{% sparkline row.weekly %}: weekly volume as bars and worst pain as a line (0-10), drawn
    as inline SVG on the server (no script, no style attribute); its label says the numbers."""
    if not weekly:
        return {"weeks": ()}
    step = SPARK_WIDTH / len(weekly)
    most = max((volume for _, _, volume in weekly), default=0) or 1
    bars = [
        (round(i * step + 1, 1), round(SPARK_HEIGHT - volume / most * SPARK_HEIGHT, 1),
         round(step - 2, 1), round(volume / most * SPARK_HEIGHT, 1))
        for i, (_, _, volume) in enumerate(weekly)
    ]  # fmt: skip

    def y(pain: int) -> float:  # 0-10 inside a 2-pixel margin
        return round(SPARK_HEIGHT - 2 - pain / 10 * (SPARK_HEIGHT - 4), 1)

    points = " ".join(
        f"{round(i * step + step / 2, 1)},{y(pain)}" for i, (_, pain, _) in enumerate(weekly)
    )
    pains = ", ".join(str(pain) for _, pain, _ in weekly)
    return {
        "weeks": weekly,
        "bars": bars,
        "points": points,
        "width": SPARK_WIDTH,
        "height": SPARK_HEIGHT,
        "label": f"Worst pain by week, last {len(weekly)} weeks: {pains} out of 10",
    }


@register.filter
def red_flag_label(value: str) -> str:
    try:
        return RedFlag(value).label
    except ValueError:
        return value


@register.inclusion_tag("coaching/partials/notes.html")
def session_notes(session: Any) -> dict[str, Any]:
    """{% session_notes session %}: every coach's notes on the athlete's own session."""
    return {"notes": queries.notes_on_session(session), "for_athlete": True}


@register.inclusion_tag("coaching/partials/notes.html", takes_context=True)
def advice_notes(context: template.Context, item: Any) -> dict[str, Any]:
    """{% advice_notes item %}: coaches' notes on one advice item, for the signed-in athlete.

    The notes of the whole page are read once (on the first item), not once per item.
    """
    cache = context.render_context
    if _ADVICE_NOTES not in cache:
        cache[_ADVICE_NOTES] = queries.notes_on_advice(context["request"].user)
    notes = cache[_ADVICE_NOTES].get((item.cause, item.region or ""), [])
    return {"notes": notes, "for_athlete": True}
