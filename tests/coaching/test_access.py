"""Security: a coach sees an athlete only through an active link, and never changes their log.

The cast: the athlete (owner), their coach (linked), an outsider (no link), and a second coach
whose invitation the athlete has not accepted. Every coaching page and endpoint about an
athlete is tried by each of them.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from coaching import services
from coaching.models import Comment
from tests.coaching.conftest import api_for, signed_in
from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory, UserFactory
from tracker.models import PainReport, Set, TrainingSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(athlete):
    session = TrainingSessionFactory(athlete=athlete, notes="private notes")
    logged = SetFactory(session=session, reps=8, load_kg=Decimal("90"))
    report = PainReportFactory(session=session, set=logged, score=6, timing="during")
    return {"session": session, "set": logged, "pain": report}


@pytest.fixture
def invited_coach(athlete):
    """Invited, but the athlete has not accepted: must see nothing."""
    other = UserFactory(username="pending_coach")
    services.invitation_create(coach=other)
    return other


def athlete_pages(athlete, log) -> dict[str, str]:
    return {
        "athlete": reverse("coaching:athlete", args=[athlete.pk]),
        "session": reverse("coaching:athlete_session", args=[athlete.pk, log["session"].pk]),
        "advice": reverse("coaching:athlete_advice", args=[athlete.pk]),
    }


@pytest.mark.parametrize("page", ["athlete", "session", "advice"])
def test_the_linked_coach_reads_the_athletes_pages(coach_client, athlete, log, page):
    response = coach_client.get(athlete_pages(athlete, log)[page])
    assert response.status_code == 200
    assert athlete.username in response.text


@pytest.mark.parametrize("viewer", ["outsider", "invited_coach", "athlete"])
@pytest.mark.parametrize("page", ["athlete", "session", "advice"])
def test_anyone_else_gets_404_on_the_coach_pages(request, coach_link, athlete, log, viewer, page):
    # The athlete too: coach pages are for coaches, their own log has its own pages.
    client = signed_in(request.getfixturevalue(viewer))
    assert client.get(athlete_pages(athlete, log)[page]).status_code == 404


@pytest.mark.parametrize("viewer", ["outsider", "invited_coach"])
def test_anyone_else_cannot_leave_a_note(request, coach_link, athlete, log, viewer):
    client = signed_in(request.getfixturevalue(viewer))
    url = reverse("coaching:note_create", args=[athlete.pk])
    response = client.post(url, {"body": "hi", "session": log["session"].pk})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_a_coach_cannot_reach_another_athletes_session_through_a_linked_one(
    coach_client, athlete, outsider
):
    theirs = TrainingSessionFactory(athlete=outsider)
    url = reverse("coaching:athlete_session", args=[athlete.pk, theirs.pk])
    assert coach_client.get(url).status_code == 404
    note = coach_client.post(
        reverse("coaching:note_create", args=[athlete.pk]), {"body": "x", "session": theirs.pk}
    )
    assert note.status_code == 404


def test_nothing_is_visible_before_the_athlete_accepts(invited_coach, athlete, log):
    client, api = signed_in(invited_coach), api_for(invited_coach)
    roster = client.get(reverse("coaching:roster"))
    assert roster.context["rows"] == []
    assert reverse("coaching:athlete", args=[athlete.pk]) not in roster.text
    assert api.get("/api/v1/athletes/").json()["results"] == []
    assert api.get(f"/api/v1/advice/?athlete={athlete.pk}").status_code == 404


def test_an_athlete_sees_no_other_athlete_through_the_coach_features(
    coach_link, athlete, outsider, log
):
    # The outsider is an athlete too, with the same coach: they still see nothing of `athlete`.
    services.invitation_accept(
        athlete=outsider, code=services.invitation_create(coach=coach_link.coach).code
    )
    client, api = signed_in(outsider), api_for(outsider)
    assert client.get(reverse("coaching:roster")).status_code == 200
    assert "athlete" not in [r["username"] for r in api.get("/api/v1/athletes/").json()["results"]]
    assert api.get(f"/api/v1/advice/?athlete={athlete.pk}").status_code == 404
    coaches = client.get(reverse("coaching:coaches")).text
    assert "private notes" not in coaches
    assert f"/coach/athletes/{athlete.pk}/" not in coaches


def snapshot() -> tuple:
    return (
        list(TrainingSession.objects.values_list("pk", "notes", "date")),
        list(Set.objects.values_list("pk", "reps", "load_kg")),
        list(PainReport.objects.values_list("pk", "score")),
    )


def tracker_writes(log) -> dict[str, tuple[str, dict]]:
    s, st, p = log["session"], log["set"], log["pain"]
    return {
        "log a set": (reverse("tracker:set_create", args=[s.pk]), {"load": "200", "reps": "1"}),
        "finish": (reverse("tracker:session_finish", args=[s.pk]), {"notes": "mine"}),
        "next morning": (reverse("tracker:next_morning", args=[s.pk]), {"score_knee": "9"}),
        "edit a set": (reverse("tracker:set_edit", args=[st.pk]), {"load": "1", "reps": "1"}),
        "delete a set": (reverse("tracker:set_delete", args=[st.pk]), {}),
        "delete pain": (reverse("tracker:pain_delete", args=[p.pk]), {}),
    }


@pytest.mark.parametrize(
    "write", ["log a set", "finish", "next morning", "edit a set", "delete a set", "delete pain"]
)
def test_a_coach_cannot_change_the_athletes_log_through_the_log_pages(coach_client, log, write):
    before = snapshot()
    url, data = tracker_writes(log)[write]
    assert coach_client.post(url, data).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(
    ("method", "family", "key", "body"),
    [
        ("patch", "sessions", "session", {"notes": "mine"}),
        ("delete", "sessions", "session", None),
        ("patch", "sets", "set", {"reps": 1}),
        ("delete", "sets", "set", None),
        ("patch", "pain-reports", "pain", {"score": 0}),
        ("delete", "pain-reports", "pain", None),
    ],
)
def test_a_coach_cannot_change_the_athletes_log_through_the_api(
    coach_api, log, method, family, key, body
):
    before = snapshot()
    response = getattr(coach_api, method)(f"/api/v1/{family}/{log[key].pk}/", body, format="json")
    assert response.status_code == 404
    assert snapshot() == before


def test_a_coach_cannot_log_into_the_athletes_session_through_the_api(coach_api, log):
    before = snapshot()
    body = {"session": log["session"].pk, "load_kg": 100, "reps": 5, "foot_distance":
            "shins_vertical", "stance_width": "hip_width", "padding": "thick",
            "equipment": "barbell"}  # fmt: skip
    assert coach_api.post("/api/v1/sets/", body, format="json").status_code == 400
    assert snapshot() == before


def test_the_coachs_pages_have_no_form_that_changes_the_log(coach_client, athlete, log):
    for url in athlete_pages(athlete, log).values():
        text = coach_client.get(url).text
        for action in ("/sets/", "/finish/", "/edit/", "/delete/", "/next-morning/"):
            assert f'action="{action}' not in text
        assert "/edit/" not in text
        assert "/delete/" not in text


@pytest.mark.parametrize(
    "url",
    [
        "/coach/athletes/99999999999999999999999/",
        "/coach/athletes/9223372036854775808/advice/",
        "/coach/links/99999999999999999999999/end/",
        "/coach/invitations/99999999999999999999999/",
    ],
)
def test_an_id_that_cannot_exist_is_not_found(coach_client, url):
    assert coach_client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["coaching:roster", "coaching:coaches", "coaching:join"])
def test_coaching_pages_send_an_anonymous_visitor_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_athletes_api_needs_authentication(client):
    assert client.get("/api/v1/athletes/").status_code in (401, 403)
