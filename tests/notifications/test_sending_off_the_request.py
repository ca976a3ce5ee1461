"""Sending runs in the task runner, never in a request (issue 18).

The rest of the suite runs tasks at once (ImmediateBackend), where a notice sent inside the
request and one handed to the runner look the same. Here the runner only queues
(django-tasks' DummyBackend), and the database commits for real (transaction=True), so the
service's on_commit hand-off runs inside the request as it does in production: after the
response, nothing may have reached the push service or the mail outbox, and one `deliver`
per message must wait in the queue.
"""

import base64

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks import default_task_backend

from coaching.models import Thread
from notifications.models import PushSubscription
from notifications.tasks import deliver
from tests.coaching.conftest import link, signed_in
from tests.factories import TrainingSessionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue_only(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return default_task_backend


def _subscribe(user, push_service, push_keys) -> None:
    PushSubscription.objects.create(
        user=user,
        endpoint=f"{push_service.url}/push/{user.username}",
        p256dh=push_keys.p256dh,
        auth=base64.urlsafe_b64encode(push_keys.auth).rstrip(b"=").decode(),
    )


@pytest.fixture
def pair(vapid, push_service, push_keys):
    """A coach and an athlete, linked, each with an e-mail address and a subscribed phone."""
    coach = UserFactory(username="cora", first_name="Cora", email="cora@example.com")
    athlete = UserFactory(username="ada", email="ada@example.com")
    link(coach, athlete)
    for user in (coach, athlete):
        _subscribe(user, push_service, push_keys)
    return coach, athlete


def _queued(backend) -> list:
    return [r for r in backend.results if r.task.module_path == deliver.module_path]


def _post_note(coach, athlete) -> None:
    session = TrainingSessionFactory(athlete=athlete)
    response = signed_in(coach).post(
        reverse("coaching:note_create", args=[athlete.pk]),
        {"body": "Drop 10 kg.", "session": session.pk},
    )
    assert response.status_code == 302


def test_a_coachs_note_is_queued_and_nothing_is_sent_in_the_request(queue_only, pair, push_service):
    coach, athlete = pair
    _post_note(coach, athlete)

    assert push_service.received == []
    assert mail.outbox == []
    [queued] = _queued(queue_only)
    user_id, notice = queued.args
    assert user_id == athlete.pk
    assert (notice["kind"], notice["title"]) == ("message", "Note from Cora")


def test_an_athletes_reply_is_queued_and_nothing_is_sent_in_the_request(
    queue_only, pair, push_service
):
    coach, athlete = pair
    _post_note(coach, athlete)
    queue_only.clear()
    thread = Thread.objects.get()

    response = signed_in(athlete).post(
        reverse("coaching:thread", args=[thread.pk]), {"body": "Will do."}
    )

    assert response.status_code == 302
    assert push_service.received == []
    assert mail.outbox == []
    [queued] = _queued(queue_only)
    assert queued.args[0] == coach.pk
    assert queued.args[1]["title"] == "Reply from ada"


def test_the_queued_task_is_what_sends_the_push(queue_only, pair, push_service):
    coach, athlete = pair
    _post_note(coach, athlete)
    [queued] = _queued(queue_only)

    counts = deliver.call(*queued.args, **queued.kwargs)  # what the worker does

    assert counts["sent"] == 1
    assert [r.path for r in push_service.received] == ["/push/ada"]
