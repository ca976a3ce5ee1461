"""Conversations over the API: threads, messages with client ids, read state; another
user's thread is a 404."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import Comment
from tests.factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(athlete):
    return TrainingSessionFactory(athlete=athlete, date=timezone.localdate())


@pytest.fixture
def note(coach, coach_link, athlete, session):
    return services.comment_add(coach=coach, athlete=athlete, session=session, body="Chin down.")


def messages_url(thread_id) -> str:
    return reverse("api-thread-messages", args=[thread_id])


def test_the_athlete_lists_the_thread_with_one_unread(athlete_api, note):
    answer = athlete_api.get(reverse("api-threads")).json()
    [thread] = answer["results"]
    assert (thread["id"], thread["role"], thread["unread"]) == (note.thread_id, "athlete", 1)
    assert thread["session"] == note.session_id
    assert thread["open"] is True


def test_only_unread_threads_on_request(athlete_api, note):
    athlete_api.post(reverse("api-thread-read", args=[note.thread_id]), {}, format="json")
    assert athlete_api.get(reverse("api-threads"), {"unread": "true"}).json()["count"] == 0
    assert athlete_api.get(reverse("api-threads")).json()["count"] == 1


def test_a_reply_with_a_client_id_is_stored_once(athlete_api, note):
    body = {"body": "Got it.", "client_id": str(uuid.uuid4())}
    first = athlete_api.post(messages_url(note.thread_id), body, format="json")
    again = athlete_api.post(messages_url(note.thread_id), body, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["from_coach"] is False
    assert Comment.messages.filter(author=note.athlete).count() == 1


def test_the_thread_shows_its_messages_in_order(athlete_api, note):
    athlete_api.post(messages_url(note.thread_id), {"body": "Got it."}, format="json")
    detail = athlete_api.get(reverse("api-thread", args=[note.thread_id])).json()
    assert [m["body"] for m in detail["messages"]] == ["Chin down.", "Got it."]
    assert detail["read_up_to"] == detail["messages"][-1]["id"]  # writing reads the thread


def test_read_state_moves_forward_only(athlete_api, note, coach):
    later = services.comment_add(
        coach=coach, athlete=note.athlete, session=note.session, body="And breathe."
    )
    url = reverse("api-thread-read", args=[note.thread_id])
    assert athlete_api.post(url, {"up_to": later.pk}, format="json").json()["unread"] == 0
    back = athlete_api.post(url, {"up_to": note.pk}, format="json").json()
    assert back["read_up_to"] == later.pk


def test_a_coach_opens_a_thread_on_an_advice_item(coach_api, athlete, coach):
    body = {"athlete": athlete.pk, "cause": "unpadded_bar", "region": "hip_bone",
            "body": "Try the thick pad.", "client_id": str(uuid.uuid4())}  # fmt: skip
    answer = coach_api.post(reverse("api-notes"), body, format="json")
    assert answer.status_code == 201
    stored = Comment.objects.get()
    assert (stored.cause, stored.region, stored.thread.coach) == ("unpadded_bar", "hip_bone", coach)


def test_a_note_needs_one_subject(coach_api, athlete, session):
    body = {"athlete": athlete.pk, "session": session.pk, "cause": "unpadded_bar", "body": "x"}
    answer = coach_api.post(reverse("api-notes"), body, format="json")
    assert answer.status_code == 400
    assert not Comment.messages.exists()


def test_a_note_on_someone_one_does_not_coach_is_404(outsider_api, athlete, session):
    body = {"athlete": athlete.pk, "session": session.pk, "body": "Hello"}
    assert outsider_api.post(reverse("api-notes"), body, format="json").status_code == 404
    assert not Comment.messages.exists()


def test_another_users_thread_is_404_everywhere(outsider_api, note):
    assert outsider_api.get(reverse("api-thread", args=[note.thread_id])).status_code == 404
    read = reverse("api-thread-read", args=[note.thread_id])
    assert outsider_api.post(read, {}, format="json").status_code == 404
    post = outsider_api.post(messages_url(note.thread_id), {"body": "hi"}, format="json")
    assert post.status_code == 404
    assert outsider_api.get(reverse("api-threads")).json()["count"] == 0


def test_an_ended_link_closes_the_thread_for_replies(athlete_api, athlete, coach_link, note):
    services.link_end(link=coach_link, by=athlete)
    answer = athlete_api.post(messages_url(note.thread_id), {"body": "hi"}, format="json")
    assert answer.status_code == 403
    assert athlete_api.get(reverse("api-thread", args=[note.thread_id])).json()["open"] is False


def test_a_malformed_thread_id_is_404(athlete_api):
    assert athlete_api.get("/api/v1/threads/abc/").status_code == 404
    assert athlete_api.get(f"/api/v1/threads/{2**64}/").status_code == 404


def test_the_api_lists_the_unread_reply_for_the_coach(coach_api, athlete_api, note):
    athlete_api.post(messages_url(note.thread_id), {"body": "Done."}, format="json")
    [row] = coach_api.get(reverse("api-athletes")).json()["results"]
    assert "unread_reply" in row["flags"]
    assert {"code": "unread_reply", "text": "Unread reply"} in row["reasons"]
