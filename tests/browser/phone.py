"""What every page must pass on a phone: no sideways scroll, thumb-sized targets, axe."""

import re

from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import ARTIFACTS, TAP_TARGETS
from tests.factories import PASSWORD

MIN_TAP = 44
_axe = Axe()


def small_targets(page: Page) -> list[str]:
    """Controls a thumb taps that are drawn under 44x44 px (one round trip for the page)."""
    return page.evaluate(
        """([selector, least]) => [...document.querySelectorAll(selector)].flatMap((el) => {
            const box = el.getBoundingClientRect();
            const drawn = box.width && box.height && getComputedStyle(el).visibility !== "hidden";
            if (!drawn || (box.width >= least && box.height >= least)) return [];
            const label = el.getAttribute("aria-label") || el.innerText.slice(0, 30);
            return [`'${label}' ${Math.round(box.width)}x${Math.round(box.height)}`];
        })""",
        [TAP_TARGETS, MIN_TAP - 0.5],
    )


def serious_axe_violations(page: Page) -> list[str]:
    violations = _axe.run(page).response["violations"]
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def check_page(page: Page, name: str) -> None:
    """Screenshot the page for a person to look at, then hold it to the phone standards."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= page.viewport_size["width"], f"{name} scrolls sideways"
    small = small_targets(page)
    assert not small, f"{name} has tap targets under {MIN_TAP}px: {small}"
    violations = serious_axe_violations(page)
    assert not violations, f"{name} has accessibility violations: {violations}"
    body_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body_size >= 16


def signed_in(context: BrowserContext, base: str, user: AbstractBaseUser) -> None:
    """Give the phone a session cookie for `user`, as if they had signed in earlier."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": base}])


def log_in(page: Page, base: str, username: str) -> None:
    """Sign in through the log-in page (factory users share one password) and land on Today,
    or on the roster for a coach with athletes."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("Today|Your athletes"))


def choose(page: Page, group: str, option: str, role: str = "radio") -> None:
    """Tap one chip of a labelled group of chips."""
    page.get_by_role("group", name=group).get_by_role(role, name=option, exact=True).tap()
