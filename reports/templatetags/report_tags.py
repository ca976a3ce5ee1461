"""The report's small pieces: scores with a dash for "no report", the SVG charts, the
experiments panel (advice page, coach's view) and the "I'm trying this" form on an advice item."""

from datetime import date
from typing import Any

from django import template
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.safestring import SafeString

from advice.causes import REFERRAL_CAUSES
from advice.items import AdviceItem
from advice.services import voice_for
from reports import queries, svg
from reports.forms import VALUES, ExperimentForm
from reports.models import ChangeField
from reports.report import LoadWeek, RegionPain, experiment_line

register = template.Library()

# The change an advice item's cause suggests first (the athlete can pick another value).
CAUSE_CHANGES = {
    "unpadded_bar": ("padding", "thick"),
    "feet_too_far_forward": ("foot_distance", "shins_vertical"),
    "feet_too_close": ("foot_distance", "shins_vertical"),
    "groin_strain": ("stance_width", "hip_width"),
    "too_much_weight_too_soon": ("load", "lighter"),
}


@register.filter
def score(value: int | None) -> str:
    return "–" if value is None else str(value)


@register.simple_tag
def pain_chart(region: RegionPain, weeks: list[date]) -> SafeString:
    return svg.pain_chart(region, weeks)


@register.simple_tag
def load_chart(loads: list[LoadWeek], unit: str) -> SafeString:
    return svg.load_chart(loads, unit)


@register.inclusion_tag("reports/partials/experiments.html", takes_context=True)
def experiments_panel(
    context: template.Context, athlete: User, coach: bool = False
) -> dict[str, Any]:
    """The athlete's experiments and their results (three queries at most).

    The unit is the page's (the athlete's own, or the one a coach's advice was worded in) and
    the day the viewer's: the athlete's profile is read once per page, by the advice. For a
    coach in another time zone the comparison may end a day off; the counts say so.
    """
    today, unit = timezone.localdate(), context.get("unit") or "kg"
    voice = voice_for(athlete, unit, coach=coach)
    outcomes = queries.outcomes_for(athlete, queries.experiments_of(athlete), today)
    return {
        "lines": [experiment_line(e, o, voice) for e, o in outcomes],
        "coach": coach,
        "csrf_token": context.get("csrf_token"),
        "name": voice.name,
    }


def _helped_note(item: AdviceItem) -> bool:
    """The engine's "... helped" notes and the experiments' "What helped: ..." ones."""
    return item.severity == "info" and (
        item.title.endswith("helped") or item.title.startswith("What helped")
    )


@register.inclusion_tag("reports/partials/experiment_form.html", takes_context=True)
def experiment_form(context: template.Context, item: AdviceItem) -> dict[str, Any]:
    """ "I'm trying this" on an advice item: the change its cause suggests, today, its regions.
    Not on a referral (the change to make there is to see someone) nor on a note that a change
    already helped."""
    if item.cause in REFERRAL_CAUSES or item.follow_up or _helped_note(item):
        return {"form": None}
    field, value = CAUSE_CHANGES.get(item.cause, (ChangeField.OTHER, ""))
    regions = list(item.regions or ((item.region,) if item.region else ()))
    form = ExperimentForm(
        initial={
            "field": field,
            "value": value,
            "regions": regions,
            "cause": item.cause,
            "started_on": context.get("today"),
        },
        today=context.get("today") or date.today(),
        prefix=f"try-{item.cause}",
    )
    choices = VALUES[field].choices if field in VALUES else []
    return {
        "form": form,
        "item": item,
        "choices": choices,
        "value": value,
        "csrf_token": context.get("csrf_token"),
    }
