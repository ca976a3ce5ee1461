"""`manage.py seed_demo` gives every new user the same demo, once."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from tracker.models import PainReport, Set, Symptom, TrainingSession

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (User, TrainingSession, Set, PainReport, Symptom)
    }


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seeding_twice_gives_the_same_counts():
    seed()
    first = counts()
    seed()
    assert counts() == first


def test_the_demo_has_a_coach_and_three_athletes_with_twelve_weeks():
    seed()
    assert User.objects.get(username="coach").profile.is_coach
    for name in ("ada", "ben", "cleo"):
        dates = TrainingSession.objects.filter(athlete__username=name).values_list(
            "date", flat=True
        )
        assert (max(dates) - min(dates)).days >= 7 * 11


def test_the_load_jump_athlete_reports_rising_lower_back_pain_after_sessions():
    seed()
    after = PainReport.objects.filter(
        athlete__username="ben", region="lower_back", timing="after"
    ).order_by("session__date")
    scores = list(after.values_list("score", flat=True))
    assert scores
    assert scores[-1] > scores[0]


def test_the_no_pad_athlete_reports_hip_bone_pain_on_unpadded_sets():
    seed()
    assert PainReport.objects.filter(
        athlete__username="cleo", region="hip_bone", set__padding="none", score__gte=4
    ).exists()


def test_the_command_prints_the_demo_logins():
    out = seed()
    assert "ada" in out
    assert "thrustlog-demo" in out


def test_the_demo_coach_follows_the_three_athletes_once():
    from coaching.models import CoachLink

    seed()
    seed()
    athletes = CoachLink.objects.filter(coach__username="coach", ended_at__isnull=True)
    assert sorted(athletes.values_list("athlete__username", flat=True)) == ["ada", "ben", "cleo"]
