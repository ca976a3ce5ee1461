"""A conversation: the coach's note, the athlete's reply, each side's unread count and read
state. The athlete sees unread notes first on Today and replies there; the coach's roster
shows the reply as a reason to look until the coach has read it."""

import uuid

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import Comment, Thread
from tests.coaching.conftest import link, signed_in
from tests.factories import TrainingSessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(athlete):
    return TrainingSessionFactory(athlete=athlete, date=timezone.localdate())


@pytest.fixture
def note(coach, coach_link, athlete, session):
    return services.comment_add(
        coach=coach, athlete=athlete, session=session, body="Film your next top set."
    )


def thread_url(note) -> str:
    return reverse("coaching:thread", args=[note.thread_id])


def reply(client, note, body="Will do, it felt fine.", client_id=None, **extra):
    data = {"body": body, "client_id": str(client_id or uuid.uuid4()), **extra}
    return client.post(thread_url(note), data)


def roster_badges(coach) -> dict[str, str]:
    rows = signed_in(coach).get(reverse("coaching:roster")).context["rows"]
    return {row.username: row.badge for row in rows}


# --- the athlete's side --------------------------------------------------------------------


def test_today_shows_an_unread_note_first_with_a_reply_box(athlete_client, note):
    page = athlete_client.get(reverse("tracker:today")).text
    assert "New from your coach" in page
    assert page.index("Film your next top set.") < page.index("Recent sessions")
    assert page.index("Film your next top set.") < page.index("Today's session")
    assert f'action="{thread_url(note)}"' in page
    assert 'name="body"' in page


def test_a_reply_from_today_goes_back_to_today_and_marks_the_note_read(athlete_client, note):
    response = reply(athlete_client, note, next="/")
    assert response.status_code == 302
    assert response.url == "/"
    stored = Comment.messages.get(author=note.athlete)
    assert (stored.thread_id, stored.body) == (note.thread_id, "Will do, it felt fine.")
    assert "New from your coach" not in athlete_client.get(reverse("tracker:today")).text


def test_marking_a_note_read_takes_it_off_today(athlete_client, note):
    athlete_client.post(reverse("coaching:thread_read", args=[note.thread_id]), {"next": "/"})
    assert "New from your coach" not in athlete_client.get(reverse("tracker:today")).text
    thread = Thread.objects.get()
    assert thread.athlete_read_up_to == note.pk
    assert thread.athlete_read_at is not None


def test_the_same_reply_posted_twice_is_stored_once(athlete_client, note):
    client_id = uuid.uuid4()
    reply(athlete_client, note, client_id=client_id)
    reply(athlete_client, note, client_id=client_id)
    assert Comment.messages.filter(author=note.athlete).count() == 1


def test_an_empty_reply_is_refused_and_stores_nothing(athlete_client, note):
    response = reply(athlete_client, note, body="   ")
    assert response.status_code == 400
    assert Comment.messages.count() == 1


def test_the_athletes_session_page_shows_the_thread_with_a_reply_box(athlete_client, note):
    page = athlete_client.get(reverse("tracker:session", args=[note.session_id])).text
    assert "Coach's note · Cora Coach" in page
    assert "Reply to Cora Coach" in page


def test_a_reply_is_not_the_coachs_note_in_the_report_or_export(athlete, coach, note):
    services.message_post(thread=note.thread, author=athlete, body="It felt fine.")
    assert list(Comment.objects.all()) == [note]  # the coach's notes: what reports offer
    assert Comment.messages.count() == 2


# --- the coach's side ----------------------------------------------------------------------


def test_the_coach_sees_the_reply_as_unread_on_the_roster(coach, athlete_client, note):
    assert roster_badges(coach)["athlete"] != "Unread reply"
    reply(athlete_client, note)
    assert roster_badges(coach)["athlete"] == "Unread reply"
    page = signed_in(coach).get(reverse("coaching:roster"), {"flag": "unread_reply"})
    assert [row.username for row in page.context["rows"]] == ["athlete"]
    assert "Unread reply (1)" in page.text  # the chip counts it


def test_opening_the_thread_clears_the_unread_reply(coach, athlete_client, note):
    reply(athlete_client, note)
    coach_client = signed_in(coach)
    page = coach_client.get(thread_url(note)).text
    assert "Will do, it felt fine." in page
    assert "New" in page  # marked on the visit that reads it
    assert "Unread reply" not in roster_badges(coach).values()


def test_the_coachs_session_page_reads_the_reply_too(coach, athlete_client, note):
    reply(athlete_client, note)
    signed_in(coach).get(
        reverse("coaching:athlete_session", args=[note.athlete_id, note.session_id])
    )
    assert Thread.objects.get().coach_read_up_to == Comment.messages.latest("pk").pk


def test_the_coach_sees_when_the_athlete_read_the_note(coach, athlete_client, note):
    assert "Seen" not in signed_in(coach).get(thread_url(note)).text
    athlete_client.get(thread_url(note))
    assert "Seen" in signed_in(coach).get(thread_url(note)).text


def test_two_unread_replies_are_counted(coach, athlete_client, note):
    reply(athlete_client, note)
    reply(athlete_client, note, body="And the knee is fine.")
    assert roster_badges(coach)["athlete"] == "2 unread replies"


# --- near misses: what is not an unread reply ----------------------------------------------


def test_a_reply_the_coach_has_read_is_not_a_reason(coach, athlete_client, note):
    reply(athlete_client, note)
    signed_in(coach).get(thread_url(note))
    assert "unread_reply" not in dict(_reasons(coach, "athlete"))


def test_the_coachs_own_unread_note_is_not_a_reply(coach, note):
    assert "unread_reply" not in dict(_reasons(coach, "athlete"))


def test_a_reply_to_another_coach_is_not_this_coachs_unread(coach, athlete, athlete_client, note):
    other = UserFactory(username="other-coach")
    link(other, athlete)
    theirs = services.comment_add(coach=other, athlete=athlete, session=note.session, body="Hi")
    reply(athlete_client, theirs)
    assert "unread_reply" not in dict(_reasons(coach, "athlete"))
    assert "unread_reply" in dict(_reasons(other, "athlete"))


def _reasons(coach, username: str):
    rows = signed_in(coach).get(reverse("coaching:roster")).context["rows"]
    return next(row.reasons for row in rows if row.username == username)


# --- who may see what ----------------------------------------------------------------------


def test_an_outsider_gets_404_for_the_thread(outsider_client, note):
    assert outsider_client.get(thread_url(note)).status_code == 404
    assert reply(outsider_client, note).status_code == 404
    read = reverse("coaching:thread_read", args=[note.thread_id])
    assert outsider_client.post(read).status_code == 404


def test_once_the_link_ends_the_coach_gets_404_and_the_athlete_cannot_reply(
    coach, coach_link, athlete, athlete_client, note
):
    services.link_end(link=coach_link, by=athlete)
    assert signed_in(coach).get(thread_url(note)).status_code == 404
    page = athlete_client.get(thread_url(note)).text
    assert "Film your next top set." in page  # still theirs to read
    assert "Send reply" not in page
    reply(athlete_client, note)
    assert Comment.messages.count() == 1


def test_a_redirect_after_a_reply_stays_on_this_site(athlete_client, note):
    response = reply(athlete_client, note, next="https://evil.example/")
    assert response.url == thread_url(note)


# --- notifications and cost ----------------------------------------------------------------


def test_a_new_note_is_handed_to_the_task_runner_after_the_commit(
    coach, coach_link, athlete, session, django_capture_on_commit_callbacks
):
    athlete.email = "ada@example.com"
    athlete.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(coach=coach, athlete=athlete, session=session, body="Nice work.")
    [sent] = mail.outbox  # no push set up in tests: the e-mail fallback
    assert sent.subject == "Note from Cora Coach"
    assert sent.to == ["ada@example.com"]


def test_a_reply_tells_the_coach(coach, athlete, note, django_capture_on_commit_callbacks):
    coach.email = "cora@example.com"
    coach.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.message_post(thread=note.thread, author=athlete, body="Thanks!")
    assert [m.subject for m in mail.outbox] == [f"Reply from {athlete.get_username()}"]


def test_today_costs_the_same_queries_for_one_unread_note_and_five(
    coach, coach_link, athlete, athlete_client
):
    def today_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            athlete_client.get(reverse("tracker:today"))
        return len(captured)

    sessions = [TrainingSessionFactory(athlete=athlete) for _ in range(5)]
    services.comment_add(coach=coach, athlete=athlete, session=sessions[0], body="One")
    athlete_client.get(reverse("tracker:today"))
    one = today_queries()
    for session in sessions[1:]:
        services.comment_add(coach=coach, athlete=athlete, session=session, body="More")
    assert today_queries() == one


def test_the_athletes_page_lists_the_conversation_with_its_unread_reply(
    coach, athlete_client, note
):
    reply(athlete_client, note)
    page = signed_in(coach).get(reverse("coaching:athlete", args=[note.athlete_id])).text
    assert "Conversations" in page
    assert "1 new" in page
    assert f'href="{thread_url(note)}"' in page
