"""What the server tells the phone's outbox (static/js/offline/sync.js): the finish and morning
check-in forms answer JSON when asked, the session page confirms a set sent from the outbox,
and the service worker imports the outbox code the pages use."""

import json
import re
from uuid import uuid4

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import OWN_STATIC_FILES as OWN_FILES
from tests.factories import SetFactory, TrainingSessionFactory
from thrustlog.settings import STORAGES
from tracker.models import PainReport
from tracker.views import pwa

pytestmark = pytest.mark.django_db
OUTBOX = {
    "HTTP_ACCEPT": "application/json",
    "HTTP_X_CLIENT_ID": "0b6c8a0e-4a5f-4c43-9d55-1d1b1c1d1e1f",
}


@pytest.fixture
def session(athlete):
    return TrainingSessionFactory(athlete=athlete, date=timezone.localdate())


def finish(client: Client, session, **data):
    body = {"date": timezone.localdate().isoformat(), "bench_stable": "", **data}
    return client.post(reverse("tracker:session_finish", args=[session.pk]), body, **OUTBOX)


def test_a_finish_sent_by_the_outbox_is_answered_for_its_client_id(athlete_client, session):
    response = finish(athlete_client, session, notes="Felt fine.", score_knee="2")

    assert response.status_code == 200
    assert response.json() == {
        "client_id": OUTBOX["HTTP_X_CLIENT_ID"],
        "next": f"/sessions/{session.pk}/#summary",
    }
    session.refresh_from_db()
    assert session.finished_at is not None
    assert session.notes == "Felt fine."


def test_a_finish_sent_twice_by_the_outbox_leaves_one_check(athlete_client, session):
    finish(athlete_client, session, score_knee="2")
    finish(athlete_client, session, score_knee="2")
    assert PainReport.objects.filter(session=session, timing="after").count() == 1


def test_a_refused_finish_answers_400_with_the_reasons_and_stores_nothing(athlete_client, session):
    response = finish(athlete_client, session, date="1800-01-01")

    assert response.status_code == 400
    assert "date" in response.json()
    session.refresh_from_db()
    assert session.finished_at is None


def test_a_plain_finish_still_answers_with_a_page(athlete_client, session):
    response = athlete_client.post(
        reverse("tracker:session_finish", args=[session.pk]),
        {"date": timezone.localdate().isoformat(), "bench_stable": ""},
    )
    assert response.status_code == 302


def test_a_morning_check_in_sent_by_the_outbox_is_answered_in_json(athlete_client, session):
    SetFactory(session=session)
    response = athlete_client.post(
        reverse("tracker:next_morning", args=[session.pk]), {"score_knee": "1"}, **OUTBOX
    )
    assert response.status_code == 200
    assert response.json()["next"] == "/"
    assert PainReport.objects.filter(session=session, timing="next_day").count() == 1


def test_a_signed_out_outbox_post_is_sent_to_the_sign_in_page(session):
    response = finish(Client(), session)
    assert response.status_code == 302  # the phone reads a redirect as "sign in again"
    assert "/accounts/login/" in response["Location"]


def test_an_outsiders_outbox_post_is_404(session, outsider):
    client = Client()
    client.force_login(outsider)
    assert finish(client, session).status_code == 404


def test_the_session_page_confirms_a_set_the_outbox_sent(athlete_client, session):
    logged = SetFactory(session=session, client_id=uuid4(), reps=8)
    html = athlete_client.get(f"/sessions/{session.pk}/?logged={logged.client_id}").content.decode()
    assert f"Set {logged.position} logged:" in html
    assert f"set-logged client-{logged.client_id}" in html  # the rest timer is not restarted


@pytest.mark.parametrize("logged", ["not-a-uuid", "5b0c2a3e-1f4d-4c8e-9a77-2d6f0e1b9c40", ""])
def test_the_session_page_confirms_nothing_it_does_not_have(athlete_client, session, logged):
    html = athlete_client.get(f"/sessions/{session.pk}/?logged={logged}").content.decode()
    assert "logged:" not in html


def test_confirming_a_set_costs_no_query(athlete_client, session, django_assert_num_queries):
    logged = SetFactory(session=session, client_id=uuid4())
    plain = f"/sessions/{session.pk}/"
    athlete_client.get(plain)  # warm whatever is cached per process
    with CaptureQueriesContext(connection) as without:
        athlete_client.get(plain)
    with django_assert_num_queries(len(without)):
        athlete_client.get(f"{plain}?logged={logged.client_id}")


def test_every_page_tells_the_phone_its_send_timeout(athlete_client, settings):
    settings.OFFLINE_SEND_TIMEOUT_SECONDS = 7
    assert 'data-timeout-ms="7000"' in athlete_client.get("/").content.decode()


def test_every_page_tells_the_phone_how_long_a_set_waits_for_its_answer(athlete_client, settings):
    settings.OFFLINE_ANSWER_WAIT_SECONDS = 4
    assert 'data-answer-wait-ms="4000"' in athlete_client.get("/").content.decode()


# The worker's module imports: the Web Push handlers, then the outbox code the pages use.
WORKER_IMPORT = r'(?:from|import) "([^"]+)"'
WORKER_FILES = [
    "/static/js/sw-push.js", "/static/js/offline/store.js", "/static/js/offline/sync.js"
]  # fmt: skip


def test_the_worker_imports_the_outbox_code_from_its_static_files(client: Client):
    body = client.get("/sw.js").content.decode()
    imports = re.findall(WORKER_IMPORT, body)
    assert imports == WORKER_FILES


def test_deployed_the_worker_imports_the_hashed_outbox_files(deployed_static):
    with override_settings(
        STATIC_ROOT=deployed_static, STORAGES=STORAGES, STATICFILES_FINDERS=OWN_FILES
    ):
        pwa._worker_source.cache_clear()
        try:
            body = pwa._worker_source()
        finally:
            pwa._worker_source.cache_clear()
    imports = re.findall(WORKER_IMPORT, body)
    assert [re.sub(r"\.[0-9a-f]{12}\.js$", ".js", i) for i in imports] == WORKER_FILES
    assert all(re.search(r"\.[0-9a-f]{12}\.js$", i) for i in imports), imports
    manifest = json.loads((deployed_static / "staticfiles.json").read_text())["paths"]
    assert all(i.removeprefix("/static/") in manifest.values() for i in imports)
