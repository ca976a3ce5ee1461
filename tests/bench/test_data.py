"""The benchmark generator writes what it planned, and its bulk rows obey every model rule."""

import random
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.db.models import F

from bench.data import create_athlete, create_coach, create_cohort
from bench.plan import Counts, long_story, plan_history, random_story
from tracker.models import PainReport, Profile, Set, Symptom, TrainingSession

TODAY = date(2026, 3, 4)


def _written(**athlete) -> Counts:
    return Counts(
        users=User.objects.filter(**athlete).count(),
        sessions=TrainingSession.objects.filter(
            **{f"athlete__{k}": v for k, v in athlete.items()}
        ).count(),
        sets=Set.objects.filter(**{f"athlete__{k}": v for k, v in athlete.items()}).count(),
        pain_reports=PainReport.objects.filter(
            **{f"athlete__{k}": v for k, v in athlete.items()}
        ).count(),
        symptoms=Symptom.objects.filter(
            **{f"session__athlete__{k}": v for k, v in athlete.items()}
        ).count(),
    )


def test_the_same_seed_plans_the_same_history():
    first = plan_history(long_story(30), TODAY, random.Random(7))
    again = plan_history(long_story(30), TODAY, random.Random(7))
    assert first == again
    assert first != plan_history(long_story(30), TODAY, random.Random(8))


def test_three_years_plan_about_the_issue_s_sizes():
    counts = Counts.of(plan_history(long_story(156), TODAY, random.Random(1)))
    assert 400 <= counts.sessions <= 500
    assert 4500 <= counts.sets <= 5500
    assert 2600 <= counts.pain_reports <= 3400
    assert counts.symptoms >= 3


def test_no_session_is_planned_after_today():
    rng = random.Random(3)
    plans = plan_history(random_story(rng, 20), TODAY, rng)
    assert plans
    assert max(p.date for p in plans) <= TODAY


@pytest.mark.django_db
def test_an_athlete_s_rows_are_all_written():
    athlete, counts = create_athlete(username="long", weeks=40, today=TODAY, seed=5)
    assert _written(username="long") == counts
    assert counts.sets > counts.sessions > 0
    assert counts.pain_reports > 0
    assert Profile.objects.filter(user=athlete).exists()


@pytest.mark.django_db
def test_a_cohort_and_a_coach_are_written():
    counts = create_cohort(athletes=3, weeks=6, today=TODAY, seed=2, prefix="crowd")
    coach = create_coach(username="the-coach")
    assert _written(username__startswith="crowd") == counts
    assert counts.users == 3
    assert coach.profile.is_coach
    assert coach.check_password("thrustlog-bench")


@pytest.mark.django_db
def test_bulk_rows_pass_model_validation_and_stay_with_their_owner():
    create_athlete(username="long", weeks=40, today=TODAY, seed=5)
    for model in (Profile, TrainingSession, Set, PainReport, Symptom):
        for row in model.objects.all():
            # The database enforced the constraints on insert; these are the field validators
            # (ranges, choices, time zones) that only Django checks.
            row.full_clean(validate_unique=False, validate_constraints=False)
    assert not Set.objects.exclude(athlete=F("session__athlete")).exists()
    assert not PainReport.objects.exclude(athlete=F("session__athlete")).exists()
    in_set = PainReport.objects.filter(set__isnull=False)
    assert in_set.exists()
    assert not in_set.exclude(session=F("set__session")).exists()
