"""Advice evidence as a person reads it: "hip bone pain after the session: 6/10", loads in
the reader's unit."""

from django import template

from advice.items import Evidence
from advice.wording import Voice, pain_text

register = template.Library()


@register.filter
def evidence_value(entry: Evidence, unit: str = "kg") -> str:
    """The number of one evidence line with its unit: 6/10, 102.5 kg, 1.4x, or nothing."""
    if entry.kind == "pain":
        return pain_text(entry.value)
    if entry.kind == "kg":
        return Voice(unit=unit).load(entry.value)
    if entry.kind == "ratio":
        return f"{entry.value:g}x"
    if entry.kind == "flag":
        return ""
    return f"{entry.value:g}"
