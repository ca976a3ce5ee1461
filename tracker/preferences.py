"""The athlete's display unit, time zone, bar and plates and rest, kept in the session so pages
need no profile query."""

from decimal import Decimal, InvalidOperation

from django.http import HttpRequest

from tracker import plates
from tracker.choices import Unit
from tracker.models import Profile


def remember(request: HttpRequest, profile: Profile) -> None:
    request.session["time_zone"] = profile.time_zone
    request.session["unit"] = profile.unit
    request.session["kit"] = {
        "bar": "" if profile.bar_weight is None else str(profile.bar_weight),
        "plates": profile.plates,
        "plates_unit": profile.plates_unit,
    }
    request.session["rest_seconds"] = profile.rest_seconds


def unit_of(request: HttpRequest) -> str:
    session = getattr(request, "session", None)
    return session.get("unit", Unit.KG) if session is not None else Unit.KG


def kit_of(request: HttpRequest) -> plates.Kit:
    """The athlete's bar and plates in the display unit (the defaults until they say)."""
    session = getattr(request, "session", None)
    kept = (session.get("kit") if session is not None else None) or {}
    try:
        bar = Decimal(str(kept["bar"])) if kept.get("bar") else None
    except InvalidOperation:
        bar = None
    return plates.kit_for(
        unit_of(request), bar, kept.get("plates", ""), kept.get("plates_unit", "")
    )


def needs_first_run(request: HttpRequest) -> bool:
    """Not yet told the app their unit, bar and plates (nor said "not now")."""
    session = getattr(request, "session", None)
    kit = session.get("kit") if session is not None else None
    return kit is not None and not kit.get("plates_unit")


def rest_of(request: HttpRequest) -> int:
    session = getattr(request, "session", None)
    return int(session.get("rest_seconds", 90)) if session is not None else 90


def context(request: HttpRequest) -> dict[str, str]:
    """Template context processor: `{{ unit }}` on every page."""
    return {"unit": unit_of(request)}
