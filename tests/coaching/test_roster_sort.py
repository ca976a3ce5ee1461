"""The roster's orders: one tap each (links, no script), keeping the search and the filter;
most urgent first unless the coach picks another."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from coaching.models import AthleteSummary
from tests.coaching.builders import roster_of
from tests.coaching.conftest import signed_in

pytestmark = pytest.mark.django_db

URGENCY = ["r000-referral", "r001-caution", "r003-rising", "r002-spike", "r004-stopped",
           "r005-quiet"]  # fmt: skip


@pytest.fixture
def client(coach):
    roster_of(coach, 6)
    return signed_in(coach)


def shown(client, **query) -> list[str]:
    response = client.get(reverse("coaching:roster"), query)
    assert response.status_code == 200
    return [row.username for row in response.context["rows"]]


def sort_links(client, **query) -> dict[str, tuple[str, bool]]:
    """label -> (href, current) of the sort chips."""
    return {
        label: (href, current)
        for label, href, current in client.get(reverse("coaching:roster"), query).context["sorts"]
    }


def _last_session(username: str, days_ago: int | None) -> None:
    day = None if days_ago is None else timezone.localdate() - timedelta(days=days_ago)
    AthleteSummary.objects.filter(athlete__username=username).update(last_session_date=day)


def test_the_roster_is_most_urgent_first_by_default(client):
    assert shown(client) == URGENCY
    assert sort_links(client)["Urgency"] == ("?", True)


def test_sorting_by_name_is_alphabetical_whatever_the_urgency(client):
    assert shown(client, sort="name") == sorted(URGENCY)


def test_sorting_by_name_ignores_case(client):
    User.objects.filter(username="r004-stopped").update(first_name="aardvark")
    assert shown(client, sort="name")[0] == "r004-stopped"


def test_sorting_by_last_session_puts_the_latest_first_and_never_logged_last(client):
    for username, days_ago in [("r005-quiet", 0), ("r002-spike", 3), ("r001-caution", None)]:
        _last_session(username, days_ago)
    # r000 and r003 trained yesterday (a tie, by name); r004 stopped a month ago.
    assert shown(client, sort="last_session") == [
        "r005-quiet", "r000-referral", "r003-rising", "r002-spike", "r004-stopped",
        "r001-caution",
    ]  # fmt: skip


def test_an_unknown_order_is_most_urgent_first_and_keeps_the_search(client):
    assert shown(client, sort="nope") == URGENCY
    assert shown(client, sort="nope", q="r00") == URGENCY


def test_the_sort_links_keep_the_search_and_the_filter(client):
    links = sort_links(client, q="r0", flag="referral", sort="name")
    assert links == {
        "Urgency": ("?q=r0&flag=referral", False),
        "Name": ("?q=r0&flag=referral&sort=name", True),
        "Last session": ("?q=r0&flag=referral&sort=last_session", False),
    }


def test_a_sorted_and_filtered_roster_shows_only_the_filtered_in_that_order(client):
    assert shown(client, flag="load_spike", sort="name") == ["r002-spike"]
    assert shown(client, q="r00", sort="name") == sorted(URGENCY)


def test_the_filter_chips_the_search_and_the_pages_keep_the_order(coach, client):
    page = client.get(reverse("coaching:roster"), {"sort": "name"})
    assert [href for _, href, _ in page.context["chips"]][:2] == [
        "?sort=name",
        "?flag=referral&sort=name",
    ]
    assert '<input type="hidden" name="sort" value="name">' in page.text
    roster_of(coach, 60, start=6)
    page = client.get(reverse("coaching:roster"), {"sort": "last_session"})
    assert 'href="?sort=last_session&amp;page=2"' in page.text


def test_the_sort_chips_are_links_drawn_as_chips(client):
    text = client.get(reverse("coaching:roster"), {"sort": "name"}).text
    assert '<a class="chip" href="?sort=name" aria-current="true">Name</a>' in text
    assert '<a class="chip" href="?">Urgency</a>' in text
