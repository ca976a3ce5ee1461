"""The log page on a first visit (HTML, CSS and every script it loads), gzipped: under 30 KB.

Measured as deployed: collectstatic minifies the project's scripts and styles (esbuild), hashes
and precompresses them, and the phone downloads those copies. The outbox (queue first,
timeouts, the worker's sync) must load on the first visit for a set to survive a lost signal;
its source, comments and all, weighs 26 KB gzipped, minified about 15 KB."""

import gzip
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import SetFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

BUDGET = 30 * 1024


def _imports(path: Path) -> set[Path]:
    """A module and every module it imports, relative to it."""
    found = {path}
    for name in re.findall(r'from ?"(\.[^"]+)"', path.read_text()):
        found |= _imports((path.parent / name).resolve())
    return found


def _first_visit(html: str, deployed_static: Path) -> dict[str, int]:
    """Each deployed_static file the page loads, and the gzipped bytes the server sends for it."""
    manifest = json.loads((deployed_static / "staticfiles.json").read_text())["paths"]
    files: set[Path] = set()
    for url in re.findall(r'(?:src|href)="/static/([^"?]+\.(?:js|css))"', html):
        path = deployed_static / manifest[url]
        files |= _imports(path) if url.endswith(".js") else {path}
    return {p.name: Path(f"{p}.gz").stat().st_size for p in files}


def test_the_log_page_weighs_under_30_kb_gzipped_as_deployed(
    athlete_client, athlete, deployed_static
):
    session = TrainingSessionFactory(athlete=athlete)
    for position in range(1, 6):
        SetFactory(session=session, position=position)
    html = athlete_client.get(reverse("tracker:session", args=[session.pk])).content.decode()

    sizes = _first_visit(html, deployed_static)

    names = {re.sub(r"\.[0-9a-f]{12}\.", ".", name) for name in sizes}
    assert {"app.css", "log.js", "rest.js", "plates.js", "form.js", "sync.js"} <= names
    total = len(gzip.compress(html.encode())) + sum(sizes.values())
    assert total < BUDGET, f"{total} bytes gzipped: {sizes}"


def test_deployed_scripts_are_minified_and_keep_their_hashed_imports(deployed_static):
    manifest = json.loads((deployed_static / "staticfiles.json").read_text())["paths"]
    source = Path(__file__).resolve().parents[2] / "static" / "js" / "offline" / "client.js"
    shipped = (deployed_static / manifest["js/offline/client.js"]).read_text()

    assert len(shipped) < len(source.read_text()) * 0.7
    assert "// " not in shipped  # no comments
    imported = re.findall(r'from ?"\./([^"]+)"', shipped)
    assert imported
    assert all(re.fullmatch(r"[a-z]+\.[0-9a-f]{12}\.js", name) for name in imported), imported
