"""Coaches' notes: on a session or a piece of advice; the athlete sees them, clearly marked."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import Comment
from tests.coaching.conftest import link, signed_in
from tests.factories import (
    CommentFactory,
    PainReportFactory,
    SetFactory,
    SymptomFactory,
    TrainingSessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate())
    SymptomFactory(session=session, kind="numbness")
    logged = SetFactory(session=session, padding="none")
    PainReportFactory(session=session, set=logged, region="hip_bone", score=7,
                      timing="during", character="sharp")  # fmt: skip
    return session


def note_url(athlete) -> str:
    return reverse("coaching:note_create", args=[athlete.pk])


def test_a_coach_notes_a_session_and_the_athlete_sees_it_marked(coach_client, athlete, session):
    response = coach_client.post(
        note_url(athlete), {"body": "Drop 10 kg and film a set.", "session": session.pk}
    )
    assert response.url == reverse("coaching:athlete_session", args=[athlete.pk, session.pk])
    note = Comment.objects.get()
    assert (note.session, note.athlete, note.cause) == (session, athlete, "")
    page = signed_in(athlete).get(reverse("tracker:session", args=[session.pk])).text
    assert "Coach's note · Cora Coach" in page
    assert "Drop 10 kg and film a set." in page
    assert "Drop 10 kg" in coach_client.get(response.url).text


def test_a_coach_notes_a_piece_of_advice_by_cause_and_region(coach_client, athlete, session):
    coach_client.post(
        note_url(athlete),
        {"body": "Let's get this checked.", "cause": "sharp_acute_pain", "region": "hip_bone"},
    )
    note = Comment.objects.get()
    assert (note.session, note.cause, note.region) == (None, "sharp_acute_pain", "hip_bone")
    advice_page = signed_in(athlete).get(reverse("advice:advice")).text
    headline = advice_page.index("A sudden, sharp pain")
    marked = advice_page.index("Coach's note · Cora Coach")
    assert headline < marked
    assert "Let&#x27;s get this checked." in advice_page
    assert (
        "Let&#x27;s get this checked."
        in coach_client.get(reverse("coaching:athlete_advice", args=[athlete.pk])).text
    )


@pytest.mark.parametrize(
    "data",
    [
        {"body": ""},
        {"body": "x" * 1001, "session": "1"},
        {"body": "both", "session": "1", "cause": "unpadded_bar"},
        {"body": "neither"},
        {"body": "unknown cause", "cause": "bad_luck"},
        {"body": "region on a session", "session": "1", "region": "knee"},
    ],
)
def test_a_malformed_note_is_not_saved(coach_client, athlete, session, data):
    data = {k: (str(session.pk) if k == "session" else v) for k, v in data.items()}
    response = coach_client.post(note_url(athlete), data, follow=True)
    assert "The note was not saved" in response.text
    assert not Comment.objects.exists()


def test_each_coach_sees_only_their_own_notes_the_athlete_sees_all(
    coach_client, coach, athlete, session
):
    other = UserFactory(username="second_coach")
    link(other, athlete)
    CommentFactory(session=session, coach=coach, body="From the first coach")
    CommentFactory(session=session, coach=other, body="From the second coach")
    url = reverse("coaching:athlete_session", args=[athlete.pk, session.pk])
    mine = coach_client.get(url).text
    assert "From the first coach" in mine
    assert "From the second coach" not in mine
    theirs = signed_in(athlete).get(reverse("tracker:session", args=[session.pk])).text
    assert "From the first coach" in theirs
    assert "From the second coach" in theirs


def test_notes_stay_with_the_athlete_after_the_link_ends(coach_link, athlete, session):
    CommentFactory(session=session, coach=coach_link.coach, body="Keep the pad on")
    services.link_end(link=coach_link, by=athlete)
    page = signed_in(athlete).get(reverse("tracker:session", args=[session.pk])).text
    assert "Keep the pad on" in page


def test_an_ended_link_cannot_write_a_note(coach_link, coach, athlete, session):
    services.link_end(link=coach_link, by=athlete)
    with pytest.raises(PermissionError):
        services.comment_add(coach=coach, athlete=athlete, body="late", session=session)


def test_the_advice_page_reads_its_notes_in_queries_that_do_not_grow_with_them(
    coach_link, coach, athlete, session
):
    client = signed_in(athlete)
    CommentFactory(session=None, athlete=athlete, coach=coach, cause="sharp_acute_pain",
                   region="hip_bone")  # fmt: skip
    client.get(reverse("advice:advice"))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("advice:advice"))
        return len(captured)

    one = queries()
    for cause, region in [("sharp_acute_pain", "hip_bone"), ("neurological_symptoms", "")] * 3:
        CommentFactory(session=None, athlete=athlete, coach=coach, cause=cause, region=region)
    CommentFactory(session=None, athlete=athlete, coach=coach, author=athlete,
                   cause="neurological_symptoms", region="", body="It eased off.")  # fmt: skip
    assert queries() == one  # the threads, then all their messages, however many
    assert signed_in(athlete).get(reverse("advice:advice")).text.count("Coach's note") == 7


def test_no_notes_draws_nothing(athlete_client, session):
    assert (
        "Coach's note" not in athlete_client.get(reverse("tracker:session", args=[session.pk])).text
    )


def test_the_coachs_advice_page_reads_the_athletes_profile_once(coach_link, coach, athlete):
    client = signed_in(coach)
    cache.clear()  # cold: the page reads the history and the athlete's calendar
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("coaching:athlete_advice", args=[athlete.pk]))
    assert page.status_code == 200
    athletes_profile = f'"tracker_profile"."user_id" = {athlete.pk}'
    assert sum(athletes_profile in q["sql"] for q in captured.captured_queries) == 1
