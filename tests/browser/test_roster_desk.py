"""The roster on a desk-sized screen (1280x800): a table, one line per athlete under column
headings (athlete, last session, why look now, the last weeks)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, NewContext
from tests.browser.phone import log_in
from tests.coaching.builders import roster_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_on_a_desk_the_roster_is_a_table_of_one_line_rows(live_server, new_context: NewContext):
    coach = UserFactory(username="coach")
    roster_of(coach, 20)
    page = new_context(
        viewport={"width": 1280, "height": 800}, is_mobile=False, has_touch=False
    ).new_page()
    log_in(page, live_server.url, "coach")
    page.goto(f"{live_server.url}/coach/")

    head = page.locator(".roster-head")
    expect(head).to_be_visible()
    expect(head).to_contain_text("Why look now")
    rows = page.locator("ul.roster > li")
    expect(rows).to_have_count(20)
    heights = [rows.nth(i).bounding_box()["height"] for i in range(20)]
    assert max(heights) < 50, heights  # one line each (a phone row takes two)
    columns = [page.locator(f".roster-row >> nth=0 >> .{c}").bounding_box()["x"]
               for c in ("roster-name", "roster-last", "roster-badge", "roster-spark")]  # fmt: skip
    assert columns == sorted(columns)  # side by side, in the headings' order
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "roster-desk.png")
