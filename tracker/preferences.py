"""The athlete's display unit and time zone, kept in the session so pages need no profile query."""

from django.http import HttpRequest

from tracker.choices import Unit
from tracker.models import Profile


def remember(request: HttpRequest, profile: Profile) -> None:
    request.session["time_zone"] = profile.time_zone
    request.session["unit"] = profile.unit


def unit_of(request: HttpRequest) -> str:
    session = getattr(request, "session", None)
    return session.get("unit", Unit.KG) if session is not None else Unit.KG


def context(request: HttpRequest) -> dict[str, str]:
    """Template context processor: `{{ unit }}` on every page."""
    return {"unit": unit_of(request)}
