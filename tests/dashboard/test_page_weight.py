"""What the charts page costs to download, gzipped: under 150 KB on a first visit (the charts
arrive drawn as SVG; plotly.js comes only when the athlete explores one), under 40 KB on a repeat
visit (static files have hashed names in production and stay cached).

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
FIRST_VISIT = 150_000
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


def test_the_first_visit_stays_under_150_kb_without_plotly(athlete_client, three_years):
    first, _, files = weigh(athlete_client)
    assert not [f.name for f in files if f.name.startswith("plotly")]
    assert first < FIRST_VISIT, f"{first:,} bytes"


def test_exploring_a_chart_fetches_the_partial_bundle(athlete_client, three_years):
    html = athlete_client.get(reverse("tracker:dashboard")).content.decode()
    (bundle,) = re.findall(r'data-plotly="/static/([^"]+)"', html)
    assert Path(finders.find(bundle)).name == "plotly-partial.min.js"


@pytest.mark.parametrize("range_id", ["12w", "1y", "all"])
def test_a_repeat_visit_downloads_only_the_page_under_40_kb(athlete_client, three_years, range_id):
    _, page, _ = weigh(athlete_client, range=range_id)
    assert page < REPEAT_VISIT, f"{page:,} bytes for {range_id}"


def test_the_bundle_is_plotly_js_new_enough_for_plotly_py_typed_arrays():
    bundle = Path(finders.find("vendor/plotly/plotly-partial.min.js")).read_text()[:300]
    major, minor = map(int, re.search(r"plotly\.js v(\d+)\.(\d+)", bundle).groups())
    assert (major, minor) >= (2, 28)
