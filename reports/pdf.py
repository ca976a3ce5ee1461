"""The report as a PDF, laid out on the server by WeasyPrint from the page's own HTML and
print stylesheet (static/css/report.css), in A4.

WeasyPrint fetches nothing over the network here: `StaticFetcher` answers the stylesheet (and
any other static file) from the static files on disk, and refuses every other address, so a
note that names a URL can make the server fetch nothing.
"""

import mimetypes
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation

BASE_URL = "https://thrustlog.invalid/"  # never fetched: only a base for relative links


def static_path(url: str) -> str | None:
    """The file on disk behind a static URL (hashed name after collectstatic, or the source)."""
    path = unquote(urlsplit(url).path)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not path.startswith(prefix):
        return None
    name = path[len(prefix) :]
    try:
        if staticfiles_storage.exists(name):
            return staticfiles_storage.path(name)
        found = finders.find(name)
    except (SuspiciousFileOperation, NotImplementedError, ValueError):
        return None
    return found if isinstance(found, str) else None


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            found = static_path(url)
            if found is None:
                raise ValueError(f"Not fetched for a report: {url}")
            with open(found, "rb") as handle:
                body = handle.read()
            mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    return StaticFetcher()


def render_pdf(html: str) -> bytes:
    """The PDF of a report page's HTML (WeasyPrint imported here: it loads Pango)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
    return document.write_pdf()
