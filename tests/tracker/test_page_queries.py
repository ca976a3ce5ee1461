"""Every page costs the same number of queries for 5 sessions of history as for 200."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    PainReportFactory,
    SetFactory,
    SymptomFactory,
    TrainingSessionFactory,
)
from tracker import rollups
from tracker.choices import PainTiming
from tracker.models import PainReport, Set, Symptom, TrainingSession

pytestmark = pytest.mark.django_db


def add_history(athlete, count: int, *, first_day_back: int) -> None:
    """`count` earlier sessions with 3 sets each, pain of every timing, some red flags."""
    today = timezone.localdate()
    sessions = TrainingSession.objects.bulk_create(
        TrainingSessionFactory.build(
            athlete=athlete, date=today - timedelta(days=first_day_back + n)
        )
        for n in range(count)
    )
    sets = Set.objects.bulk_create(
        SetFactory.build(session=session, athlete=athlete, position=p, load_kg=Decimal(60 + p * 10))
        for session in sessions
        for p in (1, 2, 3)
    )
    PainReport.objects.bulk_create(
        [
            *(
                PainReportFactory.build(
                    session_id=s.session_id, athlete=athlete, set=s, timing=PainTiming.DURING
                )
                for s in sets[::3]
            ),
            *(
                PainReportFactory.build(
                    session=session, athlete=athlete, region=region, timing=timing
                )
                for session in sessions
                for region, timing in (("knee", PainTiming.AFTER), ("neck", PainTiming.NEXT_DAY))
            ),
        ]
    )
    Symptom.objects.bulk_create(SymptomFactory.build(session=s) for s in sessions[::10])
    rollups.rebuild(athlete.pk)  # bulk writes send no signals: sum the weeks as an import does


@pytest.fixture
def current(athlete):
    """Yesterday's session, still waiting for its morning check-in: the one the pages show."""
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate() - timedelta(days=1))
    for position in (1, 2):
        logged = SetFactory(session=session, position=position)
        PainReportFactory(session=session, set=logged, region="hip_bone", timing="during")
    PainReportFactory(session=session, region="knee", timing=PainTiming.AFTER)
    SymptomFactory(session=session)
    return session


PAGES = {
    "today": lambda s: reverse("tracker:today"),
    "history": lambda s: reverse("tracker:history"),
    "history page 2": lambda s: reverse("tracker:history") + "?page=2",
    "session detail": lambda s: reverse("tracker:session", args=[s.pk]),
    "finish": lambda s: reverse("tracker:session_finish", args=[s.pk]),
    "next morning": lambda s: reverse("tracker:next_morning", args=[s.pk]),
    "set edit": lambda s: reverse("tracker:set_edit", args=[s.sets.first().pk]),
    "set delete": lambda s: reverse("tracker:set_delete", args=[s.sets.first().pk]),
    "pain delete": lambda s: reverse("tracker:pain_delete", args=[s.pain_reports.first().pk]),
    "settings": lambda s: reverse("tracker:settings"),
}


def queries_for(client, url: str) -> list[str]:
    # Measure the uncached page: cached advice would hide the cost of reading the history.
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("page", PAGES)
def test_a_page_costs_the_same_queries_for_a_long_history(
    athlete_client, athlete, current, page, django_assert_num_queries
):
    url = PAGES[page](current)
    add_history(athlete, 4, first_day_back=2)  # 5 sessions with the current one
    athlete_client.get(url)  # first-request work (session load, caches) is not the page's
    small = queries_for(athlete_client, url)
    add_history(athlete, 195, first_day_back=6)  # 200 sessions
    cache.clear()
    with django_assert_num_queries(len(small)):
        assert athlete_client.get(url).status_code == 200


def test_the_history_builder_makes_200_sessions(athlete, current):
    add_history(athlete, 199, first_day_back=2)
    assert TrainingSession.objects.filter(athlete=athlete).count() == 200
    assert Set.objects.filter(athlete=athlete).count() == 199 * 3 + 2
