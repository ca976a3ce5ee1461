"""A calm session page: pain on the set it was felt in, the setup only where it changed,
reps in reserve asked anew for every set."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory
from tracker.choices import Padding, PainTiming

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(athlete):
    return TrainingSessionFactory(athlete=athlete)


def session_html(client, session) -> str:
    return client.get(reverse("tracker:session", args=[session.pk])).content.decode()


def set_items(html: str) -> list[str]:
    return re.findall(r'<li class="set with-action">(.*?)</li>', html, re.S)


def test_reps_in_reserve_are_not_copied_from_the_previous_set(athlete_client, session):
    SetFactory(session=session, position=1, rir=3)
    form = athlete_client.get(reverse("tracker:session", args=[session.pk])).context["form"]
    assert form["rir"].value() in (None, "")
    html = session_html(athlete_client, session)
    assert re.search(r'<input type="radio" name="rir" value=""[^>]*checked', html)
    assert not re.search(r'<input type="radio" name="rir" value="3"[^>]*checked', html)


def test_editing_a_set_shows_its_own_reps_in_reserve(athlete_client, session):
    logged = SetFactory(session=session, position=1, rir=3)
    form = athlete_client.get(reverse("tracker:set_edit", args=[logged.pk])).context["form"]
    assert form["rir"].value() == 3


def test_pain_is_shown_on_the_set_it_was_felt_in(athlete_client, session):
    SetFactory(session=session, position=1)
    second = SetFactory(session=session, position=2)
    PainReportFactory(session=session, set=second, region="lower_back", score=4, timing="during")
    first_item, second_item = set_items(session_html(athlete_client, session))
    assert "Hurt" not in first_item
    assert "lower back <strong>4/10</strong>" in second_item


def test_the_pain_section_lists_only_pain_after_the_session(athlete_client, session):
    logged = SetFactory(session=session, position=1)
    PainReportFactory(session=session, set=logged, region="lower_back", score=4)
    PainReportFactory(session=session, region="knee", score=2, timing=PainTiming.AFTER)
    html = session_html(athlete_client, session)
    section = html[html.index('id="pain-title"') :]
    assert "Knee" in section
    assert "Lower back" not in section


def test_the_setup_line_is_shown_once_and_again_where_it_changed(athlete_client, session):
    for position, padding in [(1, Padding.THICK), (2, Padding.THICK), (3, Padding.MAT)]:
        SetFactory(session=session, position=position, padding=padding, load_kg=Decimal(60))
    items = set_items(session_html(athlete_client, session))
    setups = [re.search(r'class="row-meta">([^<]*)<', item) for item in items]
    assert "Thick pad" in setups[0].group(1)
    assert setups[1] is None
    assert "Folded mat" in setups[2].group(1)
