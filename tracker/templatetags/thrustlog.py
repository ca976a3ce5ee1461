from decimal import Decimal

from django import template

from tracker import units

register = template.Library()


@register.filter
def load(kg: Decimal | None, unit: str = "kg") -> str:
    """A stored load in the athlete's unit: {{ set.load_kg|load:unit }}."""
    return units.display(kg, unit)
