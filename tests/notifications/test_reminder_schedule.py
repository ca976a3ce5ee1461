"""The next-morning check-in reminder comes at the clock time the athlete picked, in their
own time zone, on either side of a daylight-saving change (Europe/Berlin: clocks go forward
on the last Sunday of March, back on the last Sunday of October)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import NotificationPreference
from notifications.schedule import next_at
from notifications.services import preference_update
from notifications.tasks import send_check_in_reminders
from tests.factories import TrainingSessionFactory, UserFactory
from tracker.models import Profile
from tracker.services import profile_update

BERLIN = ZoneInfo("Europe/Berlin")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (utc(2026, 3, 28, 12), utc(2026, 3, 29, 5, 30)),  # Sunday 07:30 is already summer time
        (utc(2026, 3, 27, 12), utc(2026, 3, 28, 6, 30)),  # Saturday 07:30, still winter time
        (utc(2026, 3, 29, 5, 30), utc(2026, 3, 30, 5, 30)),  # strictly after: the next day
        (utc(2026, 10, 24, 12), utc(2026, 10, 25, 6, 30)),  # back to winter time that night
        (utc(2026, 10, 23, 12), utc(2026, 10, 24, 5, 30)),  # the Saturday, summer time
    ],
)
def test_07_30_in_berlin_stays_07_30_on_the_clock_across_the_change(after, expected):
    found = next_at(time(7, 30), BERLIN, after)
    assert found == expected
    assert found.astimezone(BERLIN).time() == time(7, 30)


def test_a_time_inside_the_spring_gap_comes_an_hour_later_by_the_new_clock():
    found = next_at(time(2, 30), BERLIN, utc(2026, 3, 28, 12))
    assert found == utc(2026, 3, 29, 1, 30)  # 03:30 summer time: 02:30 never happens that night
    assert found.astimezone(BERLIN).time() == time(3, 30)


def test_a_time_the_autumn_night_has_twice_comes_once_at_the_first():
    first = next_at(time(2, 30), BERLIN, utc(2026, 10, 24, 12))
    assert first == utc(2026, 10, 25, 0, 30)  # 02:30 summer time
    assert next_at(time(2, 30), BERLIN, first) == utc(2026, 10, 26, 1, 30)  # not the second 02:30


# --- the periodic job ------------------------------------------------------------------------


@pytest.fixture
def berliner(db):
    athlete = UserFactory(username="ada", email="ada@example.com")
    Profile.objects.filter(user=athlete).update(time_zone="Europe/Berlin")
    return athlete


def _reminders_at(moment: datetime) -> list[str]:
    mail.outbox.clear()
    send_check_in_reminders.call(moment.isoformat())
    return [m.subject for m in mail.outbox]


def test_the_reminder_after_saturdays_session_comes_at_07_30_summer_time_on_sunday(berliner):
    TrainingSessionFactory(athlete=berliner, date=date(2026, 3, 28))
    preference_update(user=berliner, check_in_at=time(7, 30), now=utc(2026, 3, 28, 12))

    assert NotificationPreference.objects.get().next_check_in_at == utc(2026, 3, 29, 5, 30)
    assert _reminders_at(utc(2026, 3, 29, 5, 29)) == []  # 07:29 in Berlin
    assert _reminders_at(utc(2026, 3, 29, 5, 31)) == ["Morning check-in"]
    assert NotificationPreference.objects.get().next_check_in_at == utc(2026, 3, 30, 5, 30)


def test_the_reminder_after_saturdays_session_comes_at_07_30_winter_time_in_october(berliner):
    TrainingSessionFactory(athlete=berliner, date=date(2026, 10, 24))
    preference_update(user=berliner, check_in_at=time(7, 30), now=utc(2026, 10, 24, 12))

    assert _reminders_at(utc(2026, 10, 25, 5, 31)) == []  # 06:31 in Berlin that morning
    assert _reminders_at(utc(2026, 10, 25, 6, 31)) == ["Morning check-in"]


def test_a_due_reminder_is_sent_once_however_often_the_job_runs(berliner):
    TrainingSessionFactory(athlete=berliner, date=date(2026, 3, 28))
    preference_update(user=berliner, check_in_at=time(7, 30), now=utc(2026, 3, 28, 12))

    assert _reminders_at(utc(2026, 3, 29, 5, 31)) == ["Morning check-in"]
    assert _reminders_at(utc(2026, 3, 29, 5, 36)) == []


def test_no_reminder_when_there_was_no_session_yesterday(berliner):
    TrainingSessionFactory(athlete=berliner, date=date(2026, 3, 27))  # Friday
    preference_update(user=berliner, check_in_at=time(7, 30), now=utc(2026, 3, 28, 12))

    assert _reminders_at(utc(2026, 3, 29, 5, 31)) == []


def test_no_reminder_when_yesterdays_session_is_already_checked_in(berliner):
    TrainingSessionFactory(
        athlete=berliner, date=date(2026, 3, 28), checked_in_at=utc(2026, 3, 29, 5)
    )
    preference_update(user=berliner, check_in_at=time(7, 30), now=utc(2026, 3, 28, 12))

    assert _reminders_at(utc(2026, 3, 29, 5, 31)) == []


def test_without_a_chosen_time_there_is_no_reminder(berliner):
    TrainingSessionFactory(athlete=berliner, date=date(2026, 3, 28))
    preference_update(user=berliner, check_in_at=None, now=utc(2026, 3, 28, 12))

    assert NotificationPreference.objects.get().next_check_in_at is None
    assert _reminders_at(utc(2026, 3, 29, 5, 31)) == []


def test_moving_to_another_time_zone_moves_the_next_reminder_to_the_new_clock(db):
    athlete = UserFactory(username="ines")  # the profile's time zone starts as UTC
    preference_update(user=athlete, check_in_at=time(7, 30))
    assert NotificationPreference.objects.get().next_check_in_at.time() == time(7, 30)

    profile_update(athlete=athlete, time_zone="Europe/Berlin")

    moved = NotificationPreference.objects.get().next_check_in_at
    assert moved.astimezone(BERLIN).time() == time(7, 30)
    assert timezone.now() < moved <= timezone.now() + timedelta(days=1)


def test_changing_other_settings_leaves_the_next_reminder_alone(berliner):
    preference_update(user=berliner, check_in_at=time(7, 30), now=utc(2026, 3, 28, 12))

    profile_update(athlete=berliner, unit="lb")

    assert NotificationPreference.objects.get().next_check_in_at == utc(2026, 3, 29, 5, 30)
