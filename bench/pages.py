"""What a phone downloads and how Lighthouse scores a page, measured on a running server.

Two measurements of one page of an already running Thrustlog, over HTTP (no Django here):

- `page_weight`: the bytes that cross the wire on a first visit (empty cache) and a repeat
  visit (same browser context, HTTP cache warm), as Chrome DevTools' "transferred" column
  counts them: response headers included, bodies as sent (gzipped when the server gzips).
  Debian's Chromium, driven by Playwright, emulates a phone (390x844, scale 3, touch). Bytes
  come from the DevTools protocol (`encodedDataLength` of `Network.loadingFinished`), not
  from Playwright's response sizes, because only the former is what a metered phone pays for.
  Requests are those answered by the network: a repeat visit's memory/disk-cache hits are
  not counted (their bytes are zero anyway).
- `lighthouse`: Lighthouse 12 (pinned in bench/package.json; 13 needs Node 22) with its
  default mobile settings and simulated throttling, since that is what its scores mean. Each
  number is the median of a few runs because single runs wobble by several points; `runs`
  keeps each run's figures and seconds. Failed audits are those of the median run: failing
  accessibility and best-practices audits, then the performance audits that would save the
  most milliseconds (then bytes). Cookies go as a Cookie header on every request.

Service workers are blocked in `page_weight` so every byte shows in the page's own network
events. The app's worker installs nothing up front and serves pages network-first, and static
files have immutable hashed names (the HTTP cache answers them with or without the worker),
so the repeat-visit figure is the same either way. What blocking leaves out is the worker's
own offline preparation after the first load (sw.js itself, and copies of Today and the blank
offline session page that static/js/offline/form.js asks it to keep): that is the cost of
offline support, not of the page.

    .venv/bin/python -m bench.pages http://127.0.0.1:8000 / /charts/ --cookie sessionid=...
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from bench.common import Unavailable

__all__ = ["PageError", "Unavailable", "ensure_lighthouse", "lighthouse", "main", "page_weight"]

BENCH_DIR = Path(__file__).resolve().parent
LIGHTHOUSE_BIN = BENCH_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps trying to reach the internet, which is closed here.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
}
LOGIN_PATH = "/accounts/login/"
CATEGORIES = ("performance", "accessibility", "best-practices")
METRICS = {  # our key -> Lighthouse audit whose numericValue it is
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
}
TOP_OPPORTUNITIES = 5
# Scores that are not pass/fail verdicts on this page: nothing to fix there.
NOT_VERDICTS = {"notApplicable", "manual", "informative", "error"}
RUN_TIMEOUT_S = 90.0
# Lighthouse's own "please run Lighthouse again" failures: a lost trace, not a page fault
# (NO_NAVSTART: once in about 30 runs here, twice in a row on the charts page once). Up to
# three attempts.
RETRIED_ERRORS = {
    "NO_NAVSTART", "NO_TRACING_STARTED", "TRACING_ALREADY_STARTED", "NO_SCREENSHOTS",
    "NO_SPEEDLINE_FRAMES", "SPEEDINDEX_OF_ZERO", "INVALID_SPEEDLINE", "PROTOCOL_TIMEOUT",
}  # fmt: skip
ATTEMPTS = 3
PAGE_TIMEOUT_MS = 30_000
QUIET_S = 0.5  # as Playwright's "networkidle"
SETTLE_TIMEOUT_S = 10.0
MIN_NODE = (18, 16)  # lighthouse 12's "engines"


class PageError(RuntimeError):
    """The server did not show the page asked for (login redirect, error status, no score)."""


class LighthouseError(PageError):
    """Lighthouse itself failed; `code` is its error code (e.g. NO_NAVSTART) when it gave one."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


# --- plumbing ------------------------------------------------------------------------------


def _url(base_url: str, path: str) -> str:
    return urljoin(base_url.rstrip("/") + "/", path.lstrip("/"))


def _is_login(url: str) -> bool:
    return urlsplit(url).path.startswith(LOGIN_PATH)


def cookie_header(cookies: Mapping[str, str] | None) -> str:
    return "; ".join(f"{name}={value}" for name, value in (cookies or {}).items())


def _shown_path(url: str, base_url: str) -> str:
    """Same-origin URLs as path + query (short, stable across ports); others in full."""
    parts, base = urlsplit(url), urlsplit(base_url)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return url
    return parts.path + (f"?{parts.query}" if parts.query else "")


def median(values: Iterable[float]) -> float:
    items = list(values)
    if not items:
        raise ValueError("median of no runs")
    return float(statistics.median(items))


def _kb(n_bytes: float) -> float:
    return round(n_bytes / 1024, 2)


def _require_chromium() -> None:
    if not os.access(CHROMIUM, os.X_OK):
        raise Unavailable(f"{CHROMIUM} is missing: apt-get install -y chromium")


# --- page weight ---------------------------------------------------------------------------


@dataclass
class Transfers:
    """Network events of one visit, as the DevTools protocol reports them."""

    base_url: str
    responses: dict[str, dict[str, Any]] = field(default_factory=dict)
    finished: dict[str, float] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)
    ended: set[str] = field(default_factory=set)
    last_event: float = field(default_factory=time.monotonic)

    def _seen(self) -> None:
        self.last_event = time.monotonic()

    def on_request(self, event: Mapping[str, Any]) -> None:
        self.started.add(event["requestId"])
        self._seen()

    def on_response(self, event: Mapping[str, Any]) -> None:
        response = event.get("response", {})
        self.responses[event["requestId"]] = {
            "url": response.get("url", ""),
            "type": str(event.get("type", "Other")).lower(),
            # A cache hit never touched the network: it is no request of this visit.
            "cached": bool(
                response.get("fromDiskCache")
                or response.get("fromPrefetchCache")
                or response.get("fromMemoryCache")
            ),
        }
        self._seen()

    def on_finished(self, event: Mapping[str, Any]) -> None:
        self.finished[event["requestId"]] = float(event.get("encodedDataLength", 0))
        self.ended.add(event["requestId"])
        self._seen()

    def on_failed(self, event: Mapping[str, Any]) -> None:
        self.ended.add(event["requestId"])
        self._seen()

    def quiet_for(self, seconds: float) -> bool:
        """No request in flight and no network event for `seconds`."""
        idle = not (self.started - self.ended)
        return idle and time.monotonic() - self.last_event >= seconds

    def resources(self) -> list[dict[str, Any]]:
        rows = []
        for request_id, n_bytes in self.finished.items():
            meta = self.responses.get(request_id)
            # data: URLs and the like cost nothing on the wire; no response means no page part.
            if not meta or not meta["url"].startswith(("http://", "https://")) or meta["cached"]:
                continue
            # Served from the HTTP cache without a cache flag (Chromium does this for
            # subresources on a repeat visit): nothing crossed the wire, not even headers.
            if n_bytes == 0:
                continue
            rows.append(
                {
                    "url": _shown_path(meta["url"], self.base_url),
                    "kb": _kb(n_bytes),
                    "type": meta["type"],
                }
            )
        return sorted(rows, key=lambda row: -row["kb"])

    def summary(self) -> tuple[float, int, list[dict[str, Any]]]:
        rows = self.resources()
        return round(sum(row["kb"] for row in rows), 2), len(rows), rows


def _settle(page: Any, transfers: Transfers) -> None:
    """Wait for network idle as the DevTools protocol sees it.

    Playwright's "networkidle" can fire before Chromium asks for the favicon, which it does
    after "load"; that request would then be billed to the next visit.
    """
    # Quiet is counted from "load" on: the last byte may have come long before scripts ran.
    transfers.last_event = max(transfers.last_event, time.monotonic())
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    while not transfers.quiet_for(QUIET_S) and time.monotonic() < deadline:
        page.wait_for_timeout(100)  # lets Playwright deliver the pending events


def _visit(page: Any, url: str, transfers: Transfers) -> None:
    response = page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)
    # Late scripts, fetches and the favicon count too: the page is not done at "load".
    _settle(page, transfers)
    if _is_login(page.url):
        raise PageError(f"{url} redirected to the login page: the session cookie was not accepted")
    if response is None or response.status != 200:
        status = response.status if response else "no response"
        raise PageError(f"{url} answered {status}, not 200")


def _two_visits(
    browser: Any, url: str, base_url: str, cookies: Mapping[str, str]
) -> tuple[Transfers, Transfers]:
    """A first and a repeat visit to `url` in one fresh phone context."""
    context = browser.new_context(**PHONE, service_workers="block")
    origin = _url(base_url, "/")
    context.add_cookies([{"name": k, "value": v, "url": origin} for k, v in cookies.items()])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    visits = [Transfers(base_url), Transfers(base_url)]
    # The handlers read `current` when an event arrives: each visit gets its own.
    current = visits[0]
    cdp.on("Network.requestWillBeSent", lambda event: current.on_request(event))
    cdp.on("Network.responseReceived", lambda event: current.on_response(event))
    cdp.on("Network.loadingFinished", lambda event: current.on_finished(event))
    cdp.on("Network.loadingFailed", lambda event: current.on_failed(event))
    _visit(page, url, current)
    current = visits[1]
    _visit(page, url, current)
    context.close()
    return visits[0], visits[1]


def page_weight(
    base_url: str, path: str, cookies: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Transferred KB and requests of a first and a repeat visit to `path`, as a phone."""
    _require_chromium()
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise Unavailable("playwright is not installed: pip install -e '.[test]'") from error

    url = _url(base_url, path)
    with sync_playwright() as playwright:
        # Playwright gives each launch a fresh temporary profile: nothing carries over.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            first, repeat = _two_visits(browser, url, base_url, cookies or {})
        except PlaywrightError as error:  # e.g. no server: one line says it, not a traceback
            raise PageError(f"{url}: {error.message.splitlines()[0]}") from error
        finally:
            browser.close()
    first_kb, first_requests, resources = first.summary()
    repeat_kb, repeat_requests, _ = repeat.summary()
    return {
        "first_kb": first_kb,
        "repeat_kb": repeat_kb,
        "first_requests": first_requests,
        "repeat_requests": repeat_requests,
        "resources": resources,
    }


# --- lighthouse ----------------------------------------------------------------------------


def _node_version() -> tuple[int, int]:
    out = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True)
    found = re.match(r"v(\d+)\.(\d+)", out.stdout.strip())
    return (int(found[1]), int(found[2])) if found else (0, 0)


def ensure_lighthouse() -> Path:
    """The Lighthouse binary, installed from bench/package-lock.json if it is missing."""
    for tool in ("node", "npm"):
        if not shutil.which(tool):
            raise Unavailable(f"{tool} is not installed: Lighthouse needs Node.js and npm")
    if _node_version() < MIN_NODE:
        raise Unavailable(f"Lighthouse 12 needs Node >= {'.'.join(map(str, MIN_NODE))}")
    _require_chromium()
    if not LIGHTHOUSE_BIN.exists():
        npm_ci = ["npm", "ci", "--prefix", str(BENCH_DIR), "--no-audit", "--no-fund"]
        done = subprocess.run([*npm_ci, "--loglevel=error"], capture_output=True, text=True)
        if done.returncode != 0 or not LIGHTHOUSE_BIN.exists():
            raise Unavailable(f"npm ci --prefix bench failed: {done.stderr.strip()[-800:]}")
    return LIGHTHOUSE_BIN


def _lighthouse_command(url: str, cookies: Mapping[str, str] | None, profile: str) -> list[str]:
    chrome_flags = " ".join(["--headless=new", *CHROMIUM_ARGS, f"--user-data-dir={profile}"])
    command = [
        str(LIGHTHOUSE_BIN),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--form-factor=mobile",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={chrome_flags}",
    ]
    if cookies:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie_header(cookies)}))
    return command


def _stop(process: subprocess.Popen, profile: str) -> None:
    """End a Lighthouse run that overran, and the Chromium it started.

    SIGINT first: chrome-launcher then closes Chromium itself. Chromium runs in a process
    group of its own (chrome-launcher starts it detached), so what survives is found by the
    profile directory that only this run uses.
    """
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if f"--user-data-dir={profile}".encode() in cmdline.read_bytes():
                os.kill(int(cmdline.parent.name), signal.SIGKILL)
        except OSError:  # gone meanwhile, or not ours to read
            continue


def _run_lighthouse(url: str, cookies: Mapping[str, str] | None, timeout_s: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="lighthouse-profile-") as profile:
        process = subprocess.Popen(
            _lighthouse_command(url, cookies, profile),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            start_new_session=True,  # see _stop
        )
        try:
            out, err = process.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired as error:
            _stop(process, profile)
            raise PageError(f"Lighthouse on {url} took over {timeout_s:.0f} s") from error
    if process.returncode != 0:
        code = re.search(r"\(([A-Z_]+)\)\s*$", err.strip())
        message = f"Lighthouse on {url} failed: {err.strip()[-800:]}"
        raise LighthouseError(message, code[1] if code else None)
    return json.loads(out)


def _attempt_lighthouse(url: str, cookies: Mapping[str, str] | None, timeout_s: float) -> dict:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _run_lighthouse(url, cookies, timeout_s)
        except LighthouseError as error:
            if error.code not in RETRIED_ERRORS or attempt == ATTEMPTS:
                raise
            print(f"bench.pages: {error.code} on {url}, running Lighthouse again", file=sys.stderr)
    raise AssertionError("unreachable")


def _score(category: Mapping[str, Any]) -> int:
    return round(category["score"] * 100)


def _failing(audit: Mapping[str, Any]) -> bool:
    score = audit.get("score")
    return score is not None and score < 1 and audit.get("scoreDisplayMode") not in NOT_VERDICTS


def _gain(audit: Mapping[str, Any]) -> tuple[float, float, float]:
    """Sort key, biggest win first: milliseconds saved on the metric it helps most, then bytes.

    `metricSavings` rather than `details.overallSavingsMs`, because only the former covers
    diagnostics such as main-thread work, which is where Total Blocking Time comes from.
    """
    saved_ms = [v for k, v in (audit.get("metricSavings") or {}).items() if k != "CLS"]
    saved_bytes = (audit.get("details") or {}).get("overallSavingsBytes", 0)
    return -max(saved_ms, default=0), -saved_bytes, audit["score"]


def _failed_audits(report: Mapping[str, Any]) -> list[str]:
    """Failing accessibility and best-practices audits, then the biggest performance wins."""
    audits, categories = report["audits"], report["categories"]
    failed = [
        ref["id"]
        for name in ("accessibility", "best-practices")
        for ref in categories[name]["auditRefs"]
        if ref.get("group") != "hidden" and _failing(audits[ref["id"]])
    ]
    # Metrics are the score itself, hidden ones duplicate visible ones (the new "insights").
    wins = [
        audits[ref["id"]]
        for ref in categories["performance"]["auditRefs"]
        if ref.get("group") not in ("metrics", "hidden") and _failing(audits[ref["id"]])
    ]
    wins.sort(key=_gain)
    return failed + [audit["id"] for audit in wins[:TOP_OPPORTUNITIES]]


def check_final_url(report: Mapping[str, Any], url: str) -> None:
    """Raise if Lighthouse did not end up scoring the page asked for."""
    final = report.get("finalDisplayedUrl") or report.get("finalUrl") or ""
    if _is_login(final):
        raise PageError(f"{url} redirected Lighthouse to {final}: the Cookie header was refused")
    if error := report.get("runtimeError"):
        raise PageError(f"Lighthouse on {url}: {error.get('code')}: {error.get('message')}")


def scores_of(report: Mapping[str, Any]) -> dict[str, Any]:
    """One Lighthouse JSON report as the numbers this benchmark keeps."""
    categories, audits = report["categories"], report["audits"]
    missing = [name for name in CATEGORIES if categories.get(name, {}).get("score") is None]
    if missing:
        raise PageError(f"Lighthouse gave no score for {', '.join(missing)}")
    result: dict[str, Any] = {name: _score(categories[name]) for name in CATEGORIES}
    result["total_byte_weight_kb"] = _kb(audits["total-byte-weight"]["numericValue"])
    for key, audit_id in METRICS.items():
        result[key] = round(float(audits[audit_id]["numericValue"]), 3)
    result["failed_audits"] = _failed_audits(report)
    return result


def median_run(runs: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The run whose performance score is the median (the lower one of an even count)."""
    ordered = sorted(runs, key=lambda run: run["performance"])
    return ordered[(len(ordered) - 1) // 2]


def summarize(runs: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Medians of every number over the runs; audits as the median run failed them."""
    result: dict[str, Any] = {name: round(median(r[name] for r in runs)) for name in CATEGORIES}
    result["runs"] = list(runs)
    for key in ("total_byte_weight_kb", *METRICS):
        result[key] = round(median(r[key] for r in runs), 3)
    result["failed_audits"] = list(median_run(runs)["failed_audits"])
    return result


def lighthouse(
    base_url: str,
    path: str,
    cookies: Mapping[str, str] | None = None,
    runs: int = 3,
    timeout_s: float = RUN_TIMEOUT_S,
) -> dict[str, Any]:
    """Lighthouse scores and metrics of `path`, medians of `runs` mobile runs."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    ensure_lighthouse()
    url = _url(base_url, path)
    results = []
    for _ in range(runs):
        started = time.monotonic()
        report = _attempt_lighthouse(url, cookies, timeout_s)
        check_final_url(report, url)
        results.append({**scores_of(report), "seconds": round(time.monotonic() - started, 1)})
    return summarize(results)


# --- command line --------------------------------------------------------------------------


def _cookie(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", help="e.g. http://127.0.0.1:8000")
    parser.add_argument("paths", nargs="+", help="pages to measure, e.g. / /charts/")
    parser.add_argument("--cookie", type=_cookie, action="append", default=[], metavar="N=V")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--only", choices=("weight", "lighthouse"), help="skip the other one")
    args = parser.parse_args(argv)
    cookies = dict(args.cookie)
    try:
        if args.only != "weight":
            ensure_lighthouse()
        results: dict[str, Any] = {}
        for path in args.paths:
            results[path] = {}
            if args.only != "lighthouse":
                results[path]["weight"] = page_weight(args.base_url, path, cookies)
            if args.only != "weight":
                results[path]["lighthouse"] = lighthouse(args.base_url, path, cookies, args.runs)
    except (Unavailable, PageError) as error:
        print(f"bench.pages: {error}", file=sys.stderr)
        return 1
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
