"""A session page costs the same queries however many sets and pain reports it holds.

(Every page against a long history: tests/tracker/test_page_queries.py.)
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def test_a_session_page_query_count_does_not_grow_with_its_sets(athlete_client, athlete):
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
