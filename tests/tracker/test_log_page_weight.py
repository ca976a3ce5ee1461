"""The log page on a first visit (HTML, CSS and every script it loads), gzipped: under 32 KB.

30 KB until the outbox (queue first, timeouts, the worker's sync) and the pain picker's side
chips came: 31.4 KB with both. What grows past 32 KB must earn its place or go."""

import gzip
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import SetFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

BUDGET = 32 * 1024
STATIC = Path(settings.BASE_DIR) / "static"


def _imports(path: Path) -> set[Path]:
    """A module and every module it imports, relative to it."""
    found = {path}
    for name in re.findall(r'from "(\.[^"]+)"', path.read_text()):
        found |= _imports((path.parent / name).resolve())
    return found


def test_the_log_page_weighs_under_32_kb_gzipped(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    for position in range(1, 6):
        SetFactory(session=session, position=position, load_kg=Decimal("100"))
    html = athlete_client.get(reverse("tracker:session", args=[session.pk])).content.decode()
    assets: set[Path] = set()
    for url in re.findall(r'(?:src|href)="/static/([^"?]+\.(?:js|css))"', html):
        path = STATIC / url
        assets |= _imports(path) if url.endswith(".js") else {path}
    sizes = {p.name: len(gzip.compress(p.read_bytes())) for p in assets}
    total = len(gzip.compress(html.encode())) + sum(sizes.values())
    assert {"app.css", "log.js", "rest.js", "plates.js", "form.js"} <= set(sizes)
    assert total < BUDGET, f"{total} bytes gzipped: {sizes}"
