from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.conf import settings

from tracker import records as record_rules
from tracker import rows, units
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


@register.simple_tag
def error_summary(form: Any) -> list[dict[str, str]]:
    """Every error of a bound form, in page order, with the id of the control to jump to.

    Chips (radios, checkboxes) have no id of their own: the first chip stands for its group.
    """
    if form is None or not getattr(form, "is_bound", False) or not form.errors:
        return []
    rows = [{"target": "", "label": "", "message": str(e)} for e in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            target = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
            rows.append({"target": target, "label": str(field.label), "message": str(error)})
    return rows


@register.filter
def records(logged: Any, unit: str = "kg") -> str:
    """The records a set set, in words: {{ set|records:unit }}."""
    return record_rules.describe(logged, units.display(logged.load_kg, unit))


@register.simple_tag
def sets_in_short(sets: Any, unit: str = "kg") -> str:
    """The sets of a session in one line, reps grouped by load (tracker.rows.sets_in_short)."""
    return rows.sets_in_short(sets, unit)


def _whole(kg: Decimal, unit: str) -> Decimal:
    return units.from_kg(Decimal(kg), unit).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _with_sign(amount: Decimal, shown: str) -> str:
    """`shown` (an amount without its sign) as a change: "+5 kg", "-11 lb", "±0 kg"."""
    if amount == 0:
        return f"±{shown}"
    return f"+{shown}" if amount > 0 else f"−{shown}"


@register.filter
def volume(kg: Decimal | None, unit: str = "kg") -> str:
    """A session's volume in whole units ("6800 lb"): the sum of many loads, each stored in
    kg, has a decimal in lb that no one lifted (6800.2 lb)."""
    return "" if kg is None else f"{_whole(kg, unit)} {unit}"


@register.filter
def signed_volume(kg: Decimal | None, unit: str = "kg") -> str:
    """A change of volume, in whole units with its sign: "+880 kg"."""
    if kg is None:
        return ""
    whole = _whole(kg, unit)
    return _with_sign(whole, f"{abs(whole)} {unit}")


@register.filter
def signed_load(kg: Decimal | None, unit: str = "kg") -> str:
    """A change of load with its sign: "+5 kg", "-11 lb", "±0 kg"."""
    if kg is None:
        return ""
    rounded = units.from_kg(abs(kg), unit) * (1 if kg > 0 else -1)
    return _with_sign(rounded, units.display(abs(kg), unit))


@register.simple_tag
def offline_send_timeout_ms() -> int:
    """How long the phone waits for an answer before trying again (static/js/offline/sync.js)."""
    return int(settings.OFFLINE_SEND_TIMEOUT_SECONDS * 1000)


@register.simple_tag
def offline_answer_wait_ms() -> int:
    """How long the set form waits for the server's answer with a signal (offline/forms.js)."""
    return int(settings.OFFLINE_ANSWER_WAIT_SECONDS * 1000)
