"""Real logs through the refresh to the roster's filters: why a coach should look now.

The athlete whose lower back went 3 -> 7 over five weeks is under "Pain rising"; the one with
a single 4/10 set in clean weeks is not (the issue's two cases). A painful session without its
next-morning check-in shows as such."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from coaching import summaries
from tests.coaching.conftest import link, signed_in
from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _weeks_of_pain(athlete, scores: list[int]) -> None:
    """One session a week, oldest first, the last one two days ago, with in-set lower-back
    pain at each score (0: none)."""
    today = timezone.localdate()
    for weeks_ago, score in enumerate(reversed(scores)):
        session = TrainingSessionFactory(
            athlete=athlete, date=today - timedelta(days=2 + 7 * weeks_ago)
        )
        logged = SetFactory(session=session)
        if score:
            PainReportFactory(
                session=session, set=logged, region="lower_back", score=score, timing="during"
            )


def _coached(coach, username: str, scores: list[int]):
    athlete = UserFactory(username=username)
    _weeks_of_pain(athlete, scores)
    link(coach, athlete)
    summaries.refresh(athlete.pk)
    return athlete


def _shown(coach, flag: str) -> list[str]:
    page = signed_in(coach).get(reverse("coaching:roster"), {"flag": flag})
    return [row.username for row in page.context["rows"]]


def test_pain_from_3_to_7_over_five_weeks_is_rising_and_a_single_4_is_not(coach):
    _coached(coach, "climbing", [0, 0, 0, 3, 4, 5, 6, 7])
    _coached(coach, "one-off", [0, 0, 0, 0, 0, 0, 0, 4])
    assert _shown(coach, "rising_pain") == ["climbing"]


def test_the_most_urgent_reason_is_the_badge_and_the_rest_follow_it(coach):
    _coached(coach, "climbing", [0, 0, 0, 3, 4, 5, 6, 7])
    page = signed_in(coach).get(reverse("coaching:roster"))
    (row,) = page.context["rows"]
    # Five weeks at 4/10 or more is also lasting pain: the referral outranks the trend.
    assert row.badge == "See a professional: lasting pain, lower back"
    assert ("pain_rising", "Lower back pain rising: 3 to 7/10") in row.reasons
    assert escape(row.badge) in page.text


def test_a_painful_session_without_its_check_in_is_listed(coach):
    athlete = _coached(coach, "quiet-morning", [0, 0, 0, 0, 0, 0, 0, 6])
    assert _shown(coach, "check_in_missing") == [athlete.username]


def test_the_filter_chips_count_the_athletes_behind_them(coach):
    _coached(coach, "climbing", [0, 0, 0, 3, 4, 5, 6, 7])
    _coached(coach, "one-off", [0, 0, 0, 0, 0, 0, 0, 4])
    page = signed_in(coach).get(reverse("coaching:roster")).text
    assert "Everyone (2)" in page
    assert "Pain rising (1)" in page
