"""Bounds every way into the log shares (forms, the API, imports): shared/contract.md v1.1.

A session's date lies between 1900-01-01 and the athlete's today plus one day (their "today"
may already be tomorrow where the server is). Outside that, pages would have to draw weeks
before the calendar's first or after its last: refused at the door instead.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

EARLIEST_SESSION_DATE = date(1900, 1, 1)
FUTURE_SLACK = timedelta(days=1)


def history_bounds() -> tuple[date, date]:
    """The dates a page or the advice reads the log between: from 1900-01-01 to the day after
    tomorrow. A row stored before the doors refused other dates must not crash a page (week
    arithmetic near year 1 or 9999 leaves the calendar), and a row dated after anyone's
    tomorrow (time zones reach 14 hours ahead) is not history yet."""
    return EARLIEST_SESSION_DATE, timezone.now().date() + FUTURE_SLACK + timedelta(days=1)


def session_date_problem(value: date, *, today: date) -> str | None:
    """Why a session may not be dated `value` for an athlete whose today is `today`, or None."""
    if value < EARLIEST_SESSION_DATE:
        return f"The date {value.isoformat()} is before {EARLIEST_SESSION_DATE.isoformat()}."
    if value > today + FUTURE_SLACK:
        return f"The date {value.isoformat()} is in the future."
    return None


def validate_session_date(value: date, *, today: date) -> None:
    """Raise Django's ValidationError (code "session_date") for a date out of bounds."""
    problem = session_date_problem(value, today=today)
    if problem is not None:
        raise ValidationError(problem, code="session_date")
