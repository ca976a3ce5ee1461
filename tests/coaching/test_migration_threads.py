"""Migrations 0005-0006: notes written before conversations existed each join the thread of
their subject, written by their coach, and count as read (the athlete had them on the page)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("coaching", "0004_invitation_name")]
AFTER = [("coaching", "0006_conversation_required")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_notes_join_one_thread_per_subject_and_count_as_read():
    old = _migrate(BEFORE)
    User = old.get_model("auth", "User")
    Session = old.get_model("tracker", "TrainingSession")
    Comment = old.get_model("coaching", "Comment")
    coach = User.objects.create(username="old-coach")
    athlete = User.objects.create(username="old-athlete")
    session = Session.objects.create(athlete=athlete, date=timezone.localdate())
    for body in ("First", "Second"):
        Comment.objects.create(coach=coach, athlete=athlete, session=session, body=body)
    Comment.objects.create(coach=coach, athlete=athlete, cause="unpadded_bar", body="Pad it")

    new = _migrate(AFTER)
    Thread = new.get_model("coaching", "Thread")
    Comment = new.get_model("coaching", "Comment")

    assert Thread.objects.count() == 2
    on_session = Thread.objects.get(session_id=session.pk)
    notes = Comment.objects.filter(thread=on_session).order_by("pk")
    assert [n.body for n in notes] == ["First", "Second"]
    assert {n.author_id for n in Comment.objects.all()} == {coach.pk}
    assert on_session.athlete_read_up_to == notes.last().pk
    assert on_session.last_message_at == notes.last().created
