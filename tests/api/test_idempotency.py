"""A POST repeating a client_id answers 200 with the stored object and stores nothing new.

A phone that retries after a lost answer must never produce a duplicate (contract, section 2).
"""

import threading
import uuid

import pytest
from django.db import connection

from tests.conftest import token_client
from tests.factories import TrainingSessionFactory, UserFactory
from tracker.models import PainReport, Set, TrainingSession

SETUP = {
    "foot_distance": "shins_vertical",
    "stance_width": "hip_width",
    "padding": "thick",
    "equipment": "barbell",
}
FAMILIES = {
    "sessions": TrainingSession,
    "sets": Set,
    "pain-reports": PainReport,
}


def body_for(family: str, session: TrainingSession, client_id: str, **overrides) -> dict:
    bodies = {
        "sessions": {"date": "2026-03-02", "notes": "first"},
        "sets": {
            "session": session.pk,
            "load_kg": 100,
            "reps": 8,
            "pain": [{"region": "knee", "score": 2}],
            **SETUP,
        },
        "pain-reports": {"session": session.pk, "region": "knee", "score": 2, "timing": "after"},
    }
    return {**bodies[family], "client_id": client_id, **overrides}


def rows(family: str, athlete) -> int:
    return FAMILIES[family].objects.filter(athlete=athlete).count()


@pytest.mark.django_db
@pytest.mark.parametrize("family", FAMILIES)
def test_a_repeated_client_id_answers_200_with_the_stored_object(athlete_api, athlete, family):
    session = TrainingSessionFactory(athlete=athlete)
    client_id = str(uuid.uuid4())
    before = rows(family, athlete)
    first = athlete_api.post(f"/api/v1/{family}/", body_for(family, session, client_id))
    again = athlete_api.post(f"/api/v1/{family}/", body_for(family, session, client_id))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert first.json()["client_id"] == client_id
    assert rows(family, athlete) == before + 1


@pytest.mark.django_db
def test_a_retried_set_stores_its_pain_once(athlete_api, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    body = body_for("sets", session, str(uuid.uuid4()))
    for _ in range(3):
        athlete_api.post("/api/v1/sets/", body)
    assert Set.objects.count() == 1
    assert PainReport.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("family", FAMILIES)
def test_the_first_object_wins_over_a_changed_retry(athlete_api, athlete, family):
    session = TrainingSessionFactory(athlete=athlete)
    client_id = str(uuid.uuid4())
    first = athlete_api.post(f"/api/v1/{family}/", body_for(family, session, client_id)).json()
    changed = {"sessions": {"notes": "second"}, "sets": {"reps": 3}, "pain-reports": {"score": 9}}
    again = athlete_api.post(
        f"/api/v1/{family}/", body_for(family, session, client_id, **changed[family])
    )
    assert again.status_code == 200
    assert again.json() == first


@pytest.mark.django_db
def test_client_ids_belong_to_their_athlete(athlete_api, outsider_api, athlete, outsider):
    client_id = str(uuid.uuid4())
    mine = athlete_api.post("/api/v1/sessions/", {"date": "2026-03-02", "client_id": client_id})
    theirs = outsider_api.post("/api/v1/sessions/", {"date": "2026-03-02", "client_id": client_id})
    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["id"] != theirs.json()["id"]
    assert TrainingSession.objects.get(pk=theirs.json()["id"]).athlete == outsider


@pytest.mark.django_db
def test_a_bad_retry_is_still_a_400(athlete_api, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    body = body_for("sets", session, str(uuid.uuid4()))
    athlete_api.post("/api/v1/sets/", body)
    response = athlete_api.post("/api/v1/sets/", {**body, "reps": 0})
    assert response.status_code == 400


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("family", FAMILIES)
def test_identical_posts_racing_store_exactly_one_row(family):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite takes one writer at a time, so requests cannot race there; "
            "run the suite with DATABASE_URL=postgres://... to test the race."
        )
    athlete = UserFactory(username="racer")
    session = TrainingSessionFactory(athlete=athlete)
    body = body_for(family, session, str(uuid.uuid4()))
    clients = [token_client(athlete) for _ in range(8)]
    start = threading.Barrier(len(clients))
    answers: list = []

    def post(client) -> None:
        try:
            start.wait()  # all eight leave together, each on its own database connection
            answers.append(client.post(f"/api/v1/{family}/", body))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(a.status_code for a in answers) == [200] * 7 + [201]
    assert len({a.json()["id"] for a in answers}) == 1
    before = 1 if family == "sessions" else 0  # the session the others are logged into
    assert rows(family, athlete) == before + 1
    if family == "sets":
        assert PainReport.objects.count() == 1
