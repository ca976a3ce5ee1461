"""Coaches' notes on the athlete's own pages, and labels for the roster.

The athlete's session and advice pages belong to tracker and advice; each shows coaches' notes
through one tag here, so those views need not know coaching exists.
"""

from typing import Any
from uuid import uuid4

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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


@register.simple_tag
def sparkline(weekly: tuple[tuple[Any, int, float], ...]) -> str:
    """{% sparkline row.weekly %}: weekly volume as bars and worst pain as a line (0-10), drawn
    as inline SVG on the server (no script, no style attribute); its label says the numbers.
    Built as a string, not from a template: a roster page draws fifty."""
    if not weekly:
        return ""
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
    # Numbers only: nothing to escape.
    rects = mark_safe(
        "".join(
            f'<rect class="spark-volume" x="{x}" y="{top}" width="{w}" height="{h}"></rect>'
            for x, top, w, h in bars
        )
    )
    return format_html(
        '<svg class="spark" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-label="{label}">{rects}<polyline class="spark-pain" points="{points}"></polyline>'
        "</svg>",
        w=SPARK_WIDTH,
        h=SPARK_HEIGHT,
        label=f"Worst pain by week, last {len(weekly)} weeks: {pains} out of 10",
        rects=rects,
        points=points,
    )


@register.filter
def red_flag_label(value: str) -> str:
    try:
        return RedFlag(value).label
    except ValueError:
        return value


def _thread_context(context: template.Context, threads: list, **extra: Any) -> dict[str, Any]:
    request = context["request"]
    return {
        "threads": threads,
        "user": request.user,
        "here": request.path,
        "client_id": uuid4(),
        "csrf_token": context.get("csrf_token"),
        **extra,
    }


@register.inclusion_tag("coaching/partials/notes.html", takes_context=True)
def session_notes(context: template.Context, session: Any) -> dict[str, Any]:
    """{% session_notes session %}: every coach's thread on the athlete's own session, with a
    reply box while the coach still coaches them."""
    return _thread_context(context, queries.threads_on_session(session, context["request"].user))


@register.inclusion_tag("coaching/partials/notes.html", takes_context=True)
def advice_notes(context: template.Context, item: Any) -> dict[str, Any]:
    """{% advice_notes item %}: coaches' threads on one advice item, for the signed-in athlete.

    The threads of the whole page are read once (on the first item), not once per item.
    """
    cache = context.render_context
    if _ADVICE_NOTES not in cache:
        user = context["request"].user
        cache[_ADVICE_NOTES] = queries.threads_on_advice(user, user)
    threads = cache[_ADVICE_NOTES].get((item.cause, item.region or ""), [])
    return _thread_context(context, threads)


@register.inclusion_tag("coaching/partials/unread_notes.html", takes_context=True)
def unread_notes(context: template.Context) -> dict[str, Any]:
    """{% unread_notes %}: what the athlete's coaches wrote that they have not read yet, with a
    reply box each (Today puts it first)."""
    threads = queries.unread_notes(context["request"].user)
    count = sum(getattr(t, "unread", 0) for t in threads)
    return _thread_context(context, threads, count=count, only_new=True)
