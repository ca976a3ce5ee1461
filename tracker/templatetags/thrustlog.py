from decimal import Decimal

from django import template

from tracker import units
from tracker.choices import PainRegion

register = template.Library()


@register.filter
def load(kg: Decimal | None, unit: str = "kg") -> str:
    """A stored load in the athlete's unit: {{ set.load_kg|load:unit }}."""
    return units.display(kg, unit)


@register.filter
def region_label(value: str) -> str:
    """ "hip_bone" -> "Hip bone (where the bar sits)"."""
    try:
        return PainRegion(value).label
    except ValueError:
        return value
