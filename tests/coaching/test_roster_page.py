"""The roster page: one row per athlete, most urgent first, filter and search, fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coaching import services
from tests.coaching.builders import roster_of
from tests.coaching.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach_client(coach):
    client = signed_in(coach)
    client.get(reverse("coaching:roster"))  # first-request work (session, caches) is not the page's
    return client


def names(response) -> list[str]:
    return [row.username for row in response.context["rows"]]


def test_the_roster_orders_by_who_needs_attention(coach, coach_client):
    roster_of(coach, 6)
    response = coach_client.get(reverse("coaching:roster"))
    assert names(response) == [
        "r000-referral", "r001-caution", "r003-rising", "r002-spike", "r004-stopped", "r005-quiet",
    ]  # fmt: skip
    text = response.text
    assert text.index("See a professional: A sudden, sharp pain") < text.index("Pad the bar")
    assert "Volume up: ×1.5 the usual week" in text  # the load change's badge


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        ("referral", ["r000-referral"]),
        ("red_flags", ["r000-referral"]),
        ("caution", ["r001-caution"]),
        ("load_spike", ["r002-spike"]),
        ("rising_pain", ["r000-referral", "r003-rising"]),  # the referral's pain rose too
        ("stopped_logging", ["r004-stopped"]),
        ("", None),
    ],
)
def test_the_roster_filters_by_flag(coach, coach_client, flag, expected):
    roster_of(coach, 6)
    response = coach_client.get(reverse("coaching:roster"), {"flag": flag})
    assert names(response) == (expected or names(coach_client.get(reverse("coaching:roster"))))


def test_an_unknown_flag_filters_nothing_out(coach, coach_client):
    roster_of(coach, 3)
    assert len(names(coach_client.get(reverse("coaching:roster"), {"flag": "nope"}))) == 3


def test_the_roster_searches_by_username_or_name(coach, coach_client):
    roster_of(coach, 6)
    assert names(coach_client.get(reverse("coaching:roster"), {"q": "CAUT"})) == ["r001-caution"]
    assert names(coach_client.get(reverse("coaching:roster"), {"q": "athlete004"})) == [
        "r004-stopped"
    ]
    nobody = coach_client.get(reverse("coaching:roster"), {"q": "zzz"})
    assert names(nobody) == []
    assert "Nobody matches" in nobody.text


def test_a_new_coach_sees_how_to_start(coach_client):
    text = coach_client.get(reverse("coaching:roster")).text
    assert "Coach other athletes" in text
    assert "New invitation" in text


def test_the_roster_shows_only_this_coachs_athletes(coach, coach_client, outsider):
    roster_of(outsider, 2)  # another coach's roster
    roster_of(coach, 1, start=10)
    assert names(coach_client.get(reverse("coaching:roster"))) == ["r010-stopped"]


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url", ["/coach/", "/coach/?flag=referral&q=r0&sort=name", "/api/v1/athletes/"]
)
def test_the_roster_costs_the_same_queries_for_3_and_60_athletes(
    coach, coach_client, django_assert_num_queries, url
):
    services.invitation_create(coach=coach)  # an open invitation is drawn too
    roster_of(coach, 3)
    small = count_queries(coach_client, url)
    roster_of(coach, 57, start=3)
    with django_assert_num_queries(small):
        response = coach_client.get(url)
    if url == "/coach/":
        assert response.context["page"].paginator.count == 60
        assert len(response.context["rows"]) == 50  # a page of them; the chips count all
    elif url.startswith("/api/"):
        assert response.json()["count"] == 60


def test_the_roster_is_read_from_stored_summaries_not_the_log(coach, coach_client, monkeypatch):
    roster_of(coach, 3)

    def forbidden(*args, **kwargs):
        raise AssertionError("the roster computed advice from the log")

    monkeypatch.setattr("advice.services.history_of", forbidden)
    monkeypatch.setattr("coaching.summaries.history_of", forbidden)
    assert coach_client.get(reverse("coaching:roster")).status_code == 200
    assert coach_client.get("/api/v1/athletes/").status_code == 200


def test_a_large_roster_is_drawn_fifty_rows_a_page_and_the_chips_count_everyone(
    coach, coach_client
):
    roster_of(coach, 120)
    pages = [coach_client.get(reverse("coaching:roster"), {"page": n}) for n in (1, 2, 3)]
    shown = [name for page in pages for name in names(page)]
    assert [len(names(page)) for page in pages] == [50, 50, 20]
    assert len(set(shown)) == 120  # every athlete once, in the roster's order
    assert shown[0] == "r000-referral"
    assert "Everyone (120)" in pages[1].text
    assert "Athletes 51-100 of 120" in pages[1].text


def test_the_pages_keep_the_search_and_the_filter(coach, coach_client):
    roster_of(coach, 130)
    page = coach_client.get(reverse("coaching:roster"), {"q": "r"}).text
    assert 'href="?q=r&amp;page=2"' in page
    page = coach_client.get(reverse("coaching:roster"), {"flag": "referral"}).text
    assert "Athletes 1-" not in page  # 22 referrals fit one page: no pager
