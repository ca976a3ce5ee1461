"""A note and its reply, each on a phone (390x844): the athlete sees the coach's new note at
the top of Today and replies there; the coach sees the reply as unread on the roster, reads
it, and the roster no longer asks for a look."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coaching import services
from tests.browser.conftest import NewContext
from tests.browser.phone import check_page, log_in
from tests.coaching.conftest import link
from tests.factories import TrainingSessionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_athlete_replies_to_a_note_from_today_and_the_coach_sees_it_unread(
    live_server, new_context: NewContext
):
    base = live_server.url
    coach = UserFactory(username="coach", first_name="Cora", last_name="Coach")
    athlete = UserFactory(username="bea", first_name="Bea", last_name="Strong")
    link(coach, athlete)
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate())
    services.comment_add(
        coach=coach, athlete=athlete, session=session, body="Film your top set next time."
    )
    coach_page, athlete_page = new_context().new_page(), new_context().new_page()

    # The athlete opens Today: the new note comes first, with a reply box.
    log_in(athlete_page, base, "bea")
    notes = athlete_page.get_by_role("region", name="New from your coach")
    expect(notes).to_contain_text("Film your top set next time.")
    expect(notes).to_contain_text("Coach's note · Cora Coach")
    first_section = athlete_page.locator("main section").first
    expect(first_section).to_contain_text("New from your coach")
    check_page(athlete_page, "today-unread-note")
    notes.get_by_label("Reply to Cora Coach").fill("Will do. The hip felt fine today.")
    notes.get_by_role("button", name="Send reply").click()
    expect(athlete_page.get_by_role("status")).to_contain_text("Sent")
    expect(athlete_page.get_by_role("region", name="New from your coach")).to_have_count(0)

    # The coach's roster: Bea, with an unread reply as her reason to look.
    log_in(coach_page, base, "coach")
    coach_page.goto(f"{base}/coach/")
    row = coach_page.locator("ul.roster > li").filter(has_text="Bea Strong")
    expect(row).to_contain_text("Unread reply")
    expect(coach_page.get_by_role("link", name="Unread reply (1)")).to_be_visible()
    check_page(coach_page, "roster-unread-reply")

    # The coach reads it (the thread marks the new message) and the reason goes.
    coach_page.goto(f"{base}/coach/notes/")
    coach_page.get_by_role("link", name="Bea Strong").click()
    expect(coach_page.locator(".message").last).to_contain_text("The hip felt fine today.")
    expect(coach_page.locator(".message .new")).to_have_count(1)
    check_page(coach_page, "coach-thread")
    coach_page.goto(f"{base}/coach/")
    expect(coach_page.locator("ul.roster > li").filter(has_text="Bea Strong")).not_to_contain_text(
        "Unread reply"
    )


def test_notification_settings_on_a_phone(live_server, page, settings):
    from notifications.push import new_keys

    settings.WEBPUSH_VAPID_PUBLIC_KEY, settings.WEBPUSH_VAPID_PRIVATE_KEY = new_keys()
    UserFactory(username="bea", first_name="Bea")
    log_in(page, live_server.url, "bea")
    page.goto(f"{live_server.url}/settings/")
    page.get_by_role("link", name="Notifications and reminders").click()
    expect(page.get_by_role("heading", name="Notifications", exact=True)).to_be_visible()
    # The browser can subscribe: the page offers it (subscribing needs a real push service).
    expect(page.get_by_role("button", name="Turn on notifications here")).to_be_visible()
    page.get_by_label("Remind me of the next-morning check-in at").fill("07:30")
    check_page(page, "settings-notifications")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Notification settings saved")
    expect(page.get_by_label("Remind me of the next-morning check-in at")).to_have_value("07:30")
