"""A coach's daily summary of who needs a look, at the clock time the coach picked."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import mail

from coaching.tasks import send_coach_summaries
from notifications.services import preference_update
from tests.coaching.builders import roster_of
from tracker.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def evening_coach(coach):
    coach.email = "cora@example.com"
    coach.save()
    Profile.objects.update_or_create(user=coach, defaults={"time_zone": "Europe/Berlin"})
    return coach


def _summaries_at(moment: datetime) -> list:
    mail.outbox.clear()
    send_coach_summaries.call(moment.isoformat())
    return list(mail.outbox)


def test_the_summary_names_the_most_urgent_athletes_at_the_coachs_time(evening_coach):
    roster_of(evening_coach, 6)  # referral, caution, spike, rising, stopped, quiet
    now = datetime.now(UTC)
    preference_update(user=evening_coach, coach_summary_at=time(18, 0), now=now)
    due = evening_coach.notification_preference.next_summary_at

    assert _summaries_at(due - timedelta(minutes=1)) == []
    [sent] = _summaries_at(due + timedelta(minutes=1))
    assert sent.subject == "4 athletes to look at"
    assert sent.body.startswith("Athlete000: See a professional: A sudden, sharp pain")
    assert "and 1 more" in sent.body
    assert _summaries_at(due + timedelta(minutes=6)) == []  # once a day


def test_no_summary_on_a_day_when_nobody_needs_a_look(evening_coach):
    roster_of(evening_coach, 1, start=5)  # the quiet one
    now = datetime.now(UTC)
    preference_update(user=evening_coach, coach_summary_at=time(18, 0), now=now)
    due = evening_coach.notification_preference.next_summary_at

    assert _summaries_at(due + timedelta(minutes=1)) == []
