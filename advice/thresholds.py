"""The numbers the advice engine decides by that other parts of the app show too: the week
(Mondays), what counts as recent, as pain worth acting on, as a rise and as a jump.

Pure constants and one date function: the roster, the charts and the rules read the same
values from here, so "pain rising" or "a load jump" means one thing everywhere.
"""

from __future__ import annotations

from datetime import date, timedelta

WEEK = timedelta(days=7)
RECENT_WEEKS = 4  # "recent" = the current week and the three before it
PAIN_FLOOR = 3.0  # weekly pain worth acting on
PAIN_RISE = 2.0  # points above the earlier level that count as "pain rose"
TOP_SET_JUMP = 1.10  # top set more than 10% above the best the athlete has handled...
VOLUME_JUMP = 1.30  # ...or volume this far above the biggest week handled (and ACWR band top)
# A session may be dated the athlete's tomorrow (contract v1.1: a phone whose clock or zone runs
# ahead); what it holds counts as today's, never as nothing.
AHEAD = timedelta(days=1)


def monday(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())
