"""The service worker shows what a push brings (static/js/sw-push.js): Chromium's DevTools
protocol hands the registered worker a push message, as a push service would, and the page
reads back the notification it showed."""

import json

import pytest

from tests.browser.conftest import NewContext
from tests.browser.phone import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SHOWN = """async () => {
    const registration = await navigator.serviceWorker.ready;
    const shown = await registration.getNotifications({ tag: "thread-7" });
    return shown.length
      ? { title: shown[0].title, body: shown[0].body, url: shown[0].data.url }
      : null;
}"""


def test_the_worker_shows_the_notice_a_push_brings(live_server, new_context: NewContext):
    UserFactory(username="bea")
    context = new_context()
    context.grant_permissions(["notifications"], origin=live_server.url)
    page = context.new_page()
    log_in(page, live_server.url, "bea")
    page.wait_for_selector("html[data-offline-ready]", state="attached", timeout=15000)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")

    cdp = context.new_cdp_session(page)
    registrations: list[str] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(r["registrationId"] for r in event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    for _ in range(100):  # the registrations arrive as events: wait up to 10 s for them
        if registrations:
            break
        page.wait_for_timeout(100)
    assert registrations, "the service worker was not registered"
    notice = {"title": "Note from Cora Coach", "body": "Film your top set.",
              "url": "/coach/threads/7/", "tag": "thread-7"}  # fmt: skip
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": live_server.url, "registrationId": registrations[-1],
         "data": json.dumps(notice)},
    )  # fmt: skip

    shown = None
    for _ in range(100):  # the worker shows it when it has handled the push: up to 10 s
        shown = page.evaluate(SHOWN)
        if shown:
            break
        page.wait_for_timeout(100)
    assert shown == {"title": "Note from Cora Coach", "body": "Film your top set.",
                     "url": "/coach/threads/7/"}  # fmt: skip
