"""Another athlete's log does not exist for you: 404 on every verb, never 403, never data."""

import pytest

from tests.factories import PainReportFactory, SetFactory, SymptomFactory, TrainingSessionFactory
from tracker.models import PainReport, Set, TrainingSession

pytestmark = pytest.mark.django_db

FAMILIES = ["sessions", "sets", "pain-reports"]
VALID_CHANGE = {
    "sessions": {"notes": "mine now"},
    "sets": {"reps": 1},
    "pain-reports": {"score": 0},
}


@pytest.fixture
def athletes_log(athlete) -> dict:
    session = TrainingSessionFactory(athlete=athlete, notes="private")
    logged = SetFactory(session=session, reps=8)
    report = PainReportFactory(session=session, set=logged, score=6, timing="during")
    SymptomFactory(session=session)
    return {"sessions": session, "sets": logged, "pain-reports": report}


def snapshot() -> tuple:
    return (
        list(TrainingSession.objects.values_list("pk", "notes")),
        list(Set.objects.values_list("pk", "reps")),
        list(PainReport.objects.values_list("pk", "score")),
    )


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_an_outsider_gets_404_for_the_athletes_object(outsider_api, athletes_log, family, method):
    before = snapshot()
    url = f"/api/v1/{family}/{athletes_log[family].pk}/"
    response = getattr(outsider_api, method)(
        url, VALID_CHANGE[family] if method == "patch" else None
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert snapshot() == before


@pytest.mark.parametrize("family", FAMILIES)
def test_an_outsider_lists_nothing_of_the_athletes(outsider_api, athletes_log, family):
    response = outsider_api.get(f"/api/v1/{family}/")
    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize("family", FAMILIES)
def test_the_athlete_sees_their_own(athlete_api, athletes_log, family):
    assert athlete_api.get(f"/api/v1/{family}/{athletes_log[family].pk}/").status_code == 200
    assert athlete_api.get(f"/api/v1/{family}/").json()["count"] == 1


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("method", ["get", "post", "patch", "delete"])
def test_an_anonymous_caller_gets_401_and_nothing(anonymous_api, athletes_log, family, method):
    before = snapshot()
    url = f"/api/v1/{family}/"
    if method in ("patch", "delete"):
        url += f"{athletes_log[family].pk}/"
    response = getattr(anonymous_api, method)(url, {} if method in ("post", "patch") else None)
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert snapshot() == before
