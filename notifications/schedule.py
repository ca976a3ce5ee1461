"""When a clock time in a time zone next comes round: plain Python, no Django.

Reminders are kept as "07:30 in Europe/Berlin", not as a UTC hour, so they follow the clock
across daylight-saving changes.
"""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone_of(name: str) -> ZoneInfo:
    """The zone called `name`, or UTC for a name tzdata does not know."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def next_at(local: time, zone: ZoneInfo, after: datetime) -> datetime:
    """The first moment after `after` (aware) at which clocks in `zone` show `local`, in UTC.

    On the night clocks go forward, a time inside the gap comes an hour later by the new clock
    (02:30 becomes 03:30); on the night they go back, the first of the two 02:30s counts.
    """
    if after.tzinfo is None:
        raise ValueError("`after` must be an aware datetime.")
    day = after.astimezone(zone).date()
    for offset in range(3):  # today, tomorrow, and the day after for any zone's edge cases
        wall = datetime.combine(day + timedelta(days=offset), local.replace(tzinfo=None))
        instant = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
        if instant > after:
            return instant
    raise AssertionError("unreachable: a clock time comes round within two days")
