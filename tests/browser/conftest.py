"""Browser tests: Debian's Chromium driven by Playwright, as a phone (390x844, touch)."""

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = "/usr/bin/chromium"
NewContext = Callable[..., BrowserContext]
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
# no error in the page. Such a test runs once more, shown as R in the summary; one that hangs
# is ended after WEDGED_AFTER seconds (pytest-timeout, see pyproject) and run once more too.
# The slowest browser test takes about 40 s on this machine with the suite around it. The fault
# run sets its own (a wedge is ended and run again, a failed check never is: a rare failure
# there is what it exists to find).
OWN_RERUNS = ("test_offline_faults.py",)
WEDGED_AFTER = 180


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if item.fspath.basename not in OWN_RERUNS:
                item.add_marker(pytest.mark.flaky(reruns=1))
                item.add_marker(pytest.mark.timeout(WEDGED_AFTER))
            if not shutil.which(CHROMIUM):
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


def leave_then_close(context: BrowserContext) -> None:
    """Take the context's pages to a blank page, then close it.

    Closed while a page had just sent a set (its service worker woken by Background Sync, the
    page on its way to the server's copy of itself), Chromium's context close hung for good
    in about one run in 25 of such a test (seen in CI, repeated locally); with the pages left
    first, none hung in 90 runs. A page that cannot leave in time is closed as is.
    """
    for page in context.pages:
        with contextlib.suppress(PlaywrightError):
            page.goto("about:blank", timeout=5_000)
    context.close()


@pytest.fixture
def new_context(browser: Browser, browser_context_args: dict) -> Iterator[NewContext]:
    """Open contexts for this test: a phone unless told otherwise (`new_context(locale=...)`),
    each left and closed when the test ends, passed or not.

    Replaces pytest-playwright's, which refuses a setting the phone already has (viewport, say)
    and closes without leaving; its `context` and `page` fixtures use this one.
    """
    opened: list[BrowserContext] = []

    def open_context(**settings: object) -> BrowserContext:
        context = browser.new_context(**{**browser_context_args, **settings})
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        leave_then_close(context)


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors
