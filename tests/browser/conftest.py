"""Browser tests: Debian's Chromium driven by Playwright, as a phone (390x844, touch)."""

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
# Without the networking flags Chromium keeps trying to reach the internet, which is closed here.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
# What a thumb taps: every control except links inside running text (WCAG 2.5.8 exempts those);
# the ones drawn count (phone.small_targets).
TAP_TARGETS = (
    "button, select, textarea, summary, .chip, a.button, nav a, "
    "input:not([type=hidden]):not(.chip input)"
)


# Two cores run the server, Chromium and a second test process at once: an answer can take
# seconds. Passing checks return as soon as they hold; only a failure waits this long.
expect.set_options(timeout=15_000)


# Now and then (about one suite run in three on this machine) Chromium wedges one page: a
# navigation or a context close that never ends, with the server idle (seen with py-spy) and
# no error in the page. Such a test runs once more, shown as R in the summary. Not the fault
# run: a rare failure there is what it exists to find.
NO_RERUN = ("test_offline_faults.py",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if item.fspath.basename not in NO_RERUN:
                item.add_marker(pytest.mark.flaky(reruns=1))
            if not shutil.which(CHROMIUM):
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture
def context(new_context: Callable[..., BrowserContext]) -> Iterator[BrowserContext]:
    """pytest-playwright's context, its pages taken to a blank page before it is closed.

    Closed while a page had just sent a set (its service worker woken by Background Sync, the
    page on its way to the server's copy of itself), Chromium's context close hung for good
    in about one run in 25 of such a test (seen in CI, repeated locally); with the pages left
    first, none hung in 90 runs. A page that cannot leave in time is closed as is.
    """
    context = new_context()
    yield context
    for page in context.pages:
        with contextlib.suppress(PlaywrightError):
            page.goto("about:blank", timeout=5_000)


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors
