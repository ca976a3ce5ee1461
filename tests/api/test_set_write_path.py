"""Logging a set is the app's hot path: four queries at most whatever the history, the set not
read back, nothing recomputed in the request (the roster row waits for the task runner, the
advice for its next reader), and the position right when sets arrive together."""

import threading
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from accounts.models import ApiToken
from coaching.models import AthleteSummary
from tests.coaching.conftest import link
from tests.conftest import token_client
from tests.factories import SetFactory, TrainingSessionFactory, UserFactory
from tracker.models import Set

BODY = {
    "load_kg": 100,
    "reps": 8,
    "foot_distance": "shins_vertical",
    "stance_width": "hip_width",
    "padding": "thick",
    "equipment": "barbell",
}
# Transaction control is not a query: SQLite logs its BEGIN IMMEDIATE and COMMIT, PostgreSQL's
# driver sends them unlogged.
CONTROL = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT")


def statements(captured) -> list[str]:
    return [q["sql"] for q in captured if not q["sql"].startswith(CONTROL)]


def post_set(client, session, **extra):
    body = {**BODY, "session": session.pk, "client_id": str(uuid.uuid4()), **extra}
    return client.post("/api/v1/sets/", body)


def a_long_history(athlete, weeks: int = 30):
    for week in range(weeks):
        session = TrainingSessionFactory(athlete=athlete, date=date.today() - timedelta(weeks=week))
        SetFactory(session=session, load_kg=Decimal(60 + week))
    return TrainingSessionFactory(athlete=athlete, date=date.today())


@pytest.mark.django_db(transaction=True)
def test_a_set_without_pain_costs_four_queries_with_a_token_seen_for_the_first_time():
    athlete = UserFactory(username="lifter")
    session = a_long_history(athlete)
    client = token_client(athlete)
    with CaptureQueriesContext(connection) as captured:
        answer = post_set(client, session)
    assert answer.status_code == 201
    assert len(statements(captured)) == 4, "\n".join(statements(captured))


@pytest.mark.django_db(transaction=True)
def test_a_known_token_is_read_from_the_cache():
    athlete = UserFactory(username="lifter")
    session = a_long_history(athlete, weeks=2)
    client = token_client(athlete)
    post_set(client, session)
    with CaptureQueriesContext(connection) as captured:
        assert post_set(client, session).status_code == 201
    assert not [q for q in statements(captured) if "accounts_apitoken" in q]
    assert len(statements(captured)) <= 4


@pytest.mark.django_db(transaction=True)
def test_the_set_is_not_read_back():
    athlete = UserFactory(username="lifter")
    session = a_long_history(athlete, weeks=2)
    client = token_client(athlete)
    with CaptureQueriesContext(connection) as captured:
        answer = post_set(client, session, pain=[])
    reads_of_sets = [q for q in statements(captured) if q.startswith('SELECT "tracker_set"')]
    assert reads_of_sets == []
    stored = Set.objects.get(pk=answer.json()["id"])
    assert answer.json()["position"] == stored.position == 1
    assert answer.json()["created"].startswith(stored.created.isoformat()[:19])


@pytest.mark.django_db(transaction=True)
def test_a_coached_athletes_set_leaves_the_roster_row_to_the_task_runner(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    athlete = UserFactory(username="coached")
    link(UserFactory(username="their_coach"), athlete)
    session = a_long_history(athlete, weeks=2)
    AthleteSummary.objects.all().delete()
    client = token_client(athlete)
    with CaptureQueriesContext(connection) as captured:
        assert post_set(client, session).status_code == 201
    assert not AthleteSummary.objects.exists()  # not recomputed in the request...
    assert DBTaskResult.objects.filter(task_path="coaching.tasks.refresh_roster_row").exists()
    assert len(statements(captured)) <= 6  # ...only queued: the link looked up, the task stored


@pytest.mark.django_db(transaction=True)
def test_sets_logged_together_into_one_session_take_distinct_positions():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time; run with DATABASE_URL=postgres://...")
    athlete = UserFactory(username="racer")
    session = TrainingSessionFactory(athlete=athlete)
    SetFactory(session=session, position=1)
    clients = [token_client(athlete) for _ in range(8)]
    start = threading.Barrier(len(clients))
    answers: list = []

    def post(client) -> None:
        try:
            start.wait()
            answers.append(post_set(client, session))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(a.status_code for a in answers) == [201] * 8
    positions = sorted(Set.objects.filter(session=session).values_list("position", flat=True))
    assert positions == list(range(1, 10))
    assert sorted(a.json()["position"] for a in answers) == list(range(2, 10))


@pytest.mark.django_db
def test_a_set_into_another_athletes_session_is_a_400_and_stores_nothing(athlete_api, outsider):
    theirs = TrainingSessionFactory(athlete=outsider)
    answer = post_set(athlete_api, theirs)
    assert answer.status_code == 400
    assert answer.json() == {"session": [f'Invalid pk "{theirs.pk}" - object does not exist.']}
    assert not Set.objects.exists()


@pytest.mark.django_db
def test_records_are_marked_by_the_insert_as_records_py_decides(athlete_api, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    SetFactory(session=session, load_kg=Decimal("100"), reps=5)
    heavier = post_set(athlete_api, session, load_kg=110, reps=3).json()
    more_reps = post_set(athlete_api, session, load_kg=100, reps=6).json()
    same = post_set(athlete_api, session, load_kg=100, reps=6).json()
    flags = {
        s.pk: (s.load_record, s.e1rm_record, s.reps_record)
        for s in Set.objects.filter(pk__in=[heavier["id"], more_reps["id"], same["id"]])
    }
    assert flags[heavier["id"]] == (True, True, False)  # 110 x 3: 121 kg beats 116.7 kg
    assert flags[more_reps["id"]] == (False, False, True)  # 120 kg is below 121 kg
    assert flags[same["id"]] == (False, False, False)


@pytest.mark.django_db
def test_a_revoked_token_stops_at_once_even_when_cached(athlete):
    client = token_client(athlete)
    session = TrainingSessionFactory(athlete=athlete)
    assert post_set(client, session).status_code == 201  # cached now
    ApiToken.objects.filter(user=athlete).delete()
    assert post_set(client, session).status_code == 401


@pytest.mark.django_db
def test_a_deactivated_athletes_cached_token_stops_at_once(athlete):
    client = token_client(athlete)
    session = TrainingSessionFactory(athlete=athlete)
    assert post_set(client, session).status_code == 201
    athlete.is_active = False
    athlete.save()
    assert post_set(client, session).status_code == 401


@pytest.mark.django_db
def test_a_password_change_ends_a_cached_token_at_once(athlete):
    client = token_client(athlete)
    session = TrainingSessionFactory(athlete=athlete)
    assert post_set(client, session).status_code == 201
    athlete.set_password("a-different-passphrase")
    athlete.save()
    assert post_set(client, session).status_code == 401
