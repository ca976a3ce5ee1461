"""The time zones an athlete can choose: real places, not the tz database's odds and ends.

The database also holds "Factory", "localtime", "posixrules", "Etc/GMT+5" (sign reversed) and
old aliases ("US/Eastern", "GB"). A phone reports a real place (Intl in the browser); the list
offered in Settings holds only those, plus UTC.
"""

import zoneinfo
from functools import cache

AREAS = (
    "Africa/", "America/", "Antarctica/", "Arctic/", "Asia/", "Atlantic/", "Australia/",
    "Europe/", "Indian/", "Pacific/",
)  # fmt: skip
DEFAULT = "UTC"


@cache
def choices() -> tuple[str, ...]:
    """Every zone named for a place (Europe/Berlin, America/Argentina/Salta), and UTC."""
    places = (z for z in zoneinfo.available_timezones() if z.startswith(AREAS))
    return (DEFAULT, *sorted(places))


@cache
def _by_folded_name() -> dict[str, str]:
    return {_fold(zone): zone for zone in choices()}


def _fold(name: str) -> str:
    return name.strip().casefold().replace(" ", "_")


def real_zone(name: str | None) -> str | None:
    """The zone `name` stands for ("america/new york" -> "America/New_York"), or None."""
    if not name or len(name) > 64:
        return None
    return _by_folded_name().get(_fold(name))
