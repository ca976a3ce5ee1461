"""What the charts page costs to download, gzipped: under 500 KB on a first visit, under 40 KB
on a repeat visit (static files have hashed names in production and stay cached).

Static files are measured as whitenoise serves them (gzip level 9, made by collectstatic);
the page itself at level 6, a typical proxy's setting.
"""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from tests.dashboard.history import add_weeks

pytestmark = pytest.mark.django_db
FIRST_VISIT = 500_000
REPEAT_VISIT = 40_000


def gzipped(data: bytes, level: int) -> int:
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def static_files(html: str) -> list[Path]:
    paths = re.findall(r'(?:href|src)="/static/([^"]+)"', html)
    return [Path(finders.find(path)) for path in paths]


def weigh(client, **query) -> tuple[int, int, list[Path]]:
    html = client.get(reverse("tracker:dashboard"), query).content
    files = static_files(html.decode())
    page = gzipped(html, 6)
    return page + sum(gzipped(f.read_bytes(), 9) for f in files), page, files


@pytest.fixture
def three_years(athlete):
    add_weeks(athlete, 156, today=timezone.localdate(), sessions_per_week=3)
    return athlete


def test_the_first_visit_stays_under_500_kb_and_ships_the_partial_bundle(
    athlete_client, three_years
):
    first, _, files = weigh(athlete_client)
    names = {f.name for f in files}
    assert "plotly-partial.min.js" in names
    assert not any(name in ("plotly.min.js", "plotly-cartesian.min.js") for name in names)
    assert first < FIRST_VISIT, f"{first:,} bytes"


@pytest.mark.parametrize("range_id", ["12w", "1y", "all"])
def test_a_repeat_visit_downloads_only_the_page_under_40_kb(athlete_client, three_years, range_id):
    _, page, _ = weigh(athlete_client, range=range_id)
    assert page < REPEAT_VISIT, f"{page:,} bytes for {range_id}"


def test_the_bundle_is_plotly_js_new_enough_for_plotly_py_typed_arrays():
    bundle = Path(finders.find("vendor/plotly/plotly-partial.min.js")).read_text()[:300]
    major, minor = map(int, re.search(r"plotly\.js v(\d+)\.(\d+)", bundle).groups())
    assert (major, minor) >= (2, 28)
