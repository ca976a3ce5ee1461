"""Swagger UI at /api/v1/docs/ works in a real browser under the site's Content-Security-Policy."""

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.django_db(transaction=True)


def test_swagger_ui_lists_every_operation_without_a_console_error(
    live_server, page: Page, console_errors: list[str]
):
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/sets/" in [p.replace("\u200b", "") for p in paths]
    assert console_errors == []  # a CSP violation or a missing static file would show here
