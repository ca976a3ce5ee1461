"""factory-boy factories for every model: valid objects by default, one place for all tests."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth.models import User
from factory.django import DjangoModelFactory

from tracker.choices import (
    Equipment,
    FootDistance,
    Padding,
    PainRegion,
    PainTiming,
    RedFlag,
    StanceWidth,
)
from tracker.models import PainReport, Profile, Set, Symptom, SymptomResolution, TrainingSession

PASSWORD = "a-long-test-passphrase"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"athlete{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password(PASSWORD)
    profile = factory.RelatedFactory("tests.factories.ProfileFactory", factory_related_name="user")


class ProfileFactory(DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory, profile=None)


class TrainingSessionFactory(DjangoModelFactory):
    class Meta:
        model = TrainingSession

    athlete = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(date.today)
    bench_height_cm = 40
    bench_stable = True


class SetFactory(DjangoModelFactory):
    class Meta:
        model = Set

    session = factory.SubFactory(TrainingSessionFactory)
    athlete = factory.SelfAttribute("session.athlete")
    position = factory.Sequence(lambda n: n + 1)
    load_kg = Decimal("80.00")
    reps = 8
    rir = 2
    foot_distance = FootDistance.SHINS_VERTICAL
    stance_width = StanceWidth.HIP_WIDTH
    padding = Padding.THICK
    equipment = Equipment.BARBELL


class PainReportFactory(DjangoModelFactory):
    class Meta:
        model = PainReport

    session = factory.SubFactory(TrainingSessionFactory)
    athlete = factory.SelfAttribute("session.athlete")
    region = PainRegion.LOWER_BACK
    score = 3
    timing = PainTiming.AFTER


class SymptomFactory(DjangoModelFactory):
    class Meta:
        model = Symptom

    session = factory.SubFactory(TrainingSessionFactory)
    kind = RedFlag.NUMBNESS


class SymptomResolutionFactory(DjangoModelFactory):
    class Meta:
        model = SymptomResolution

    athlete = factory.SubFactory(UserFactory)
    kind = RedFlag.NUMBNESS
    date = factory.LazyFunction(date.today)


# --- coaching (appended by the coaching work) -----------------------------------------------


def _in_two_weeks():  # type: ignore[no-untyped-def]
    # Imported here so this block stays a pure append to the file.
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() + timedelta(days=14)


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = "coaching.Invitation"

    coach = factory.SubFactory(UserFactory)
    code = factory.Sequence(lambda n: f"T{n:07d}"[-8:])
    expires_at = factory.LazyFunction(_in_two_weeks)


class CoachLinkFactory(DjangoModelFactory):
    """An active link (the athlete accepted); pass ended_at for an ended one."""

    class Meta:
        model = "coaching.CoachLink"

    coach = factory.SubFactory(UserFactory)
    athlete = factory.SubFactory(UserFactory)


def _thread_of(note):  # type: ignore[no-untyped-def]
    from coaching.models import Thread

    thread, _ = Thread.objects.get_or_create(
        coach=note.coach, athlete=note.athlete, session=note.session,
        cause=note.cause, region=note.region,
    )  # fmt: skip
    return thread


class CommentFactory(DjangoModelFactory):
    """A coach's note on a session of a linked athlete; pass session=None, cause=... for advice.
    It joins the coach and athlete's thread on that subject; author=athlete makes a reply."""

    class Meta:
        model = "coaching.Comment"

    session = factory.SubFactory(TrainingSessionFactory)
    athlete = factory.SelfAttribute("session.athlete")
    coach = factory.SubFactory(UserFactory)
    cause = ""
    region = ""
    author = factory.SelfAttribute("coach")
    thread = factory.LazyAttribute(_thread_of)
    body = "Keep the chin tucked on the way up."
