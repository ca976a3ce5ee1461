"""bench.pages' pure parts: Lighthouse reports to scores, medians, network events to bytes."""

import pytest

from bench import pages


def _audit(
    audit_id: str, score: float | None, mode: str = "binary", saves: dict | None = None, **details
) -> dict:
    return {
        "id": audit_id,
        "score": score,
        "scoreDisplayMode": mode,
        "metricSavings": saves,
        "details": details or None,
    }


def _report(
    performance: float = 0.9,
    lcp: float = 1500.0,
    final_url: str = "http://127.0.0.1:8000/",
) -> dict:
    audits = [
        _audit("largest-contentful-paint", 0.9, "numeric"),
        _audit("total-blocking-time", 1, "numeric"),
        _audit("cumulative-layout-shift", 1, "numeric"),
        _audit("total-byte-weight", 1, "numeric"),
        _audit("color-contrast", 0),
        _audit("image-alt", None, "notApplicable"),
        _audit("hidden-a11y", 0),
        _audit("errors-in-console", 0),
        _audit("inspector-issues", 1),
        _audit("unused-javascript", 0.5, "metricSavings", {"LCP": 300}, overallSavingsBytes=9),
        _audit("render-blocking-resources", 0.5, "metricSavings", {"FCP": 900, "LCP": 150}),
        _audit("uses-text-compression", 0.5, "metricSavings", {"FCP": 0}, overallSavingsBytes=9),
        _audit("bootup-time", 0, "metricSavings", {"TBT": 1350}),
        _audit("layout-shifts", 0, "metricSavings", {"CLS": 0.2}),
        _audit("font-display-insight", 0, "metricSavings"),
        _audit("network-requests", None, "informative"),
    ]
    by_id = {audit["id"]: audit for audit in audits}
    by_id["largest-contentful-paint"]["numericValue"] = lcp
    by_id["total-blocking-time"]["numericValue"] = 120.0
    by_id["cumulative-layout-shift"]["numericValue"] = 0.01
    by_id["total-byte-weight"]["numericValue"] = 40_960
    refs = {
        "performance": [
            ("largest-contentful-paint", "metrics"),
            ("unused-javascript", "diagnostics"),
            ("render-blocking-resources", "diagnostics"),
            ("uses-text-compression", "diagnostics"),
            ("bootup-time", "diagnostics"),
            ("layout-shifts", "diagnostics"),
            ("font-display-insight", "hidden"),
            ("network-requests", "diagnostics"),
        ],
        "accessibility": [
            ("color-contrast", "a11y-color-contrast"),
            ("image-alt", "a11y-names-labels"),
            ("hidden-a11y", "hidden"),
        ],
        "best-practices": [
            ("errors-in-console", "best-practices-general"),
            ("inspector-issues", "best-practices-general"),
        ],
    }
    scores = {"performance": performance, "accessibility": 0.93, "best-practices": 0.96}
    return {
        "finalDisplayedUrl": final_url,
        "audits": by_id,
        "categories": {
            name: {"score": scores[name], "auditRefs": [{"id": i, "group": g} for i, g in group]}
            for name, group in refs.items()
        },
    }


def test_a_report_becomes_scores_metrics_and_what_to_fix():
    scores = pages.scores_of(_report())

    assert scores["performance"] == 90
    assert scores["accessibility"] == 93
    assert scores["best-practices"] == 96
    assert scores["total_byte_weight_kb"] == 40.0
    assert (scores["lcp_ms"], scores["tbt_ms"], scores["cls"]) == (1500.0, 120.0, 0.01)
    # Failing verdicts first, then the top performance wins by time saved, then bytes saved;
    # not-applicable, informative and hidden audits are nothing to fix.
    assert scores["failed_audits"] == [
        "color-contrast",
        "errors-in-console",
        "bootup-time",
        "render-blocking-resources",
        "unused-javascript",
        "uses-text-compression",
        "layout-shifts",
    ]


def test_a_category_without_a_score_is_an_error():
    report = _report()
    report["categories"]["performance"]["score"] = None
    with pytest.raises(pages.PageError, match="performance"):
        pages.scores_of(report)


def test_a_report_that_ended_on_the_login_page_is_refused():
    report = _report(final_url="http://127.0.0.1:8000/accounts/login/?next=/")
    with pytest.raises(pages.PageError, match="Cookie header was refused"):
        pages.check_final_url(report, "http://127.0.0.1:8000/")
    pages.check_final_url(_report(), "http://127.0.0.1:8000/")


def test_every_number_is_the_median_of_the_runs():
    runs = [
        pages.scores_of(_report(performance=p, lcp=lcp))
        for p, lcp in [(0.71, 1700.0), (0.55, 2500.0), (0.80, 1400.0)]
    ]
    runs[1]["failed_audits"] = ["only-in-the-slow-run"]
    runs[0]["failed_audits"] = ["only-in-the-median-run"]

    summary = pages.summarize(runs)

    assert summary["performance"] == 71
    assert summary["lcp_ms"] == 1700.0
    assert summary["accessibility"] == 93
    assert summary["failed_audits"] == ["only-in-the-median-run"]
    assert summary["runs"] == runs


def test_the_median_of_an_even_count_is_halfway_and_its_run_the_lower():
    assert pages.median([1, 4]) == 2.5
    assert pages.median_run([{"performance": 90}, {"performance": 70}])["performance"] == 70
    with pytest.raises(ValueError, match="no runs"):
        pages.median([])


def test_transferred_bytes_skip_cache_hits_and_data_urls():
    visit = pages.Transfers("http://127.0.0.1:8000")
    events = [
        ("1", "http://127.0.0.1:8000/?a=1", "Document", {}, 2048),
        ("2", "http://127.0.0.1:8000/static/app.js", "Script", {}, 10_240),
        ("3", "http://127.0.0.1:8000/static/app.css", "Stylesheet", {"fromDiskCache": True}, 0),
        ("4", "data:image/png;base64,AAAA", "Image", {}, 0),
        ("5", "http://cdn.example/x.js", "Script", {}, 1024),
        # A repeat visit's cache hit that Chromium reports with no cache flag: zero bytes.
        ("6", "http://127.0.0.1:8000/static/form.js", "Script", {}, 0),
    ]
    for request_id, url, kind, cache, n_bytes in events:
        response = {"url": url, **cache}
        visit.on_request({"requestId": request_id})
        visit.on_response({"requestId": request_id, "type": kind, "response": response})
        visit.on_finished({"requestId": request_id, "encodedDataLength": n_bytes})

    kb, requests, rows = visit.summary()

    assert (kb, requests) == (13.0, 3)
    assert rows == [
        {"url": "/static/app.js", "kb": 10.0, "type": "script"},
        {"url": "/?a=1", "kb": 2.0, "type": "document"},
        {"url": "http://cdn.example/x.js", "kb": 1.0, "type": "script"},
    ]


def test_a_visit_is_not_quiet_while_a_request_is_in_flight():
    visit = pages.Transfers("http://127.0.0.1:8000")
    visit.on_request({"requestId": "1"})
    assert not visit.quiet_for(0)
    visit.on_failed({"requestId": "1"})
    assert visit.quiet_for(0)
    assert not visit.quiet_for(60)


def test_lighthouse_gets_the_cookie_and_a_profile_of_its_own():
    cookies = {"sessionid": "s1", "csrftoken": "t"}
    command = pages._lighthouse_command("http://h/", cookies, "/tmp/p")
    assert command[1] == "http://h/"
    assert '--extra-headers={"Cookie": "sessionid=s1; csrftoken=t"}' in command
    flags = next(arg for arg in command if arg.startswith("--chrome-flags="))
    assert "--user-data-dir=/tmp/p" in flags
    assert "--disable-background-networking" in flags
    anonymous = pages._lighthouse_command("http://h/", {}, "/tmp/p")
    assert not any(arg.startswith("--extra-headers") for arg in anonymous)


def test_missing_node_makes_lighthouse_unavailable(monkeypatch):
    monkeypatch.setattr(pages.shutil, "which", lambda tool: None)
    with pytest.raises(pages.Unavailable, match="node is not installed"):
        pages.ensure_lighthouse()


def test_a_lost_trace_is_run_again_up_to_three_times_and_a_page_fault_never(monkeypatch):
    failures = [pages.LighthouseError("lost", "NO_NAVSTART")] * 2

    def run(url, cookies, timeout_s):
        if failures:
            raise failures.pop()
        return {"ok": True}

    monkeypatch.setattr(pages, "_run_lighthouse", run)
    assert pages._attempt_lighthouse("http://h/", {}, 1) == {"ok": True}

    failures.extend([pages.LighthouseError("lost", "NO_NAVSTART")] * 3)
    with pytest.raises(pages.LighthouseError, match="lost"):
        pages._attempt_lighthouse("http://h/", {}, 1)

    failures[:] = [pages.LighthouseError("bad page", "ERRORED_DOCUMENT_REQUEST")]
    with pytest.raises(pages.LighthouseError, match="bad page"):
        pages._attempt_lighthouse("http://h/", {}, 1)
