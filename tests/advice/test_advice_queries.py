"""Advice for any length of history costs a fixed few queries: the weekly roll-ups, the
resolved red flags, the experiments' notes (and the athlete's calendar for `advice_for`)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advice.services import advice_for, compute_advice
from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db
TODAY = date.today()


def train(athlete, weeks: int) -> None:
    for week in range(weeks):
        session = TrainingSessionFactory(athlete=athlete, date=TODAY - timedelta(weeks=week))
        SetFactory(session=session, load_kg=Decimal(60 + week % 20))
        PainReportFactory(session=session, region="knee", score=week % 7, timing="after")


def queries(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def test_cold_advice_costs_at_most_five_queries_however_long_the_history(athlete):
    train(athlete, 4)
    small = queries(lambda: compute_advice(athlete, TODAY))
    train(athlete, 150)
    assert small == queries(lambda: compute_advice(athlete, TODAY)) <= 5


def test_the_advice_page_reads_at_most_five_queries_when_the_log_changed(athlete):
    train(athlete, 30)
    assert queries(lambda: advice_for(athlete, TODAY)) <= 5
