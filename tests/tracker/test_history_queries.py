"""Pages cost the same number of queries whatever the length of the athlete's history."""

import pytest
from django.urls import reverse

from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def give_history(athlete, sessions: int) -> None:
    for _ in range(sessions):
        session = TrainingSessionFactory(athlete=athlete)
        SetFactory.create_batch(2, session=session)
        PainReportFactory(session=session)


def queries_for(client, url, django_assert_max_num_queries, capture) -> int:
    with capture() as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["tracker:today", "tracker:history"])
def test_the_page_query_count_does_not_grow_with_history(
    athlete_client, athlete, name, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse(name)
    give_history(athlete, 5)
    with CaptureQueriesContext(connection) as small:
        assert athlete_client.get(url).status_code == 200
    give_history(athlete, 195)
    with CaptureQueriesContext(connection) as large:
        assert athlete_client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_session_page_query_count_does_not_grow_with_its_sets(athlete_client, athlete):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    session = TrainingSessionFactory(athlete=athlete)
    SetFactory.create_batch(2, session=session)
    url = reverse("tracker:session", args=[session.pk])
    with CaptureQueriesContext(connection) as small:
        athlete_client.get(url)
    SetFactory.create_batch(20, session=session)
    PainReportFactory.create_batch(10, session=session)
    with CaptureQueriesContext(connection) as large:
        athlete_client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
