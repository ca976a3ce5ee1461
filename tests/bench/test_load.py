"""bench/load.py's report: ratios to the floor and the issue's targets, from the figures."""

from bench import load


def _run(clients: int, rps: float, p50: float = 5.0, p99: float = 20.0) -> dict:
    return {
        "clients": clients, "seconds": 5.0, "requests": int(rps * 5), "rps": rps, "mean_ms": p50,
        "p50_ms": p50, "p90_ms": p99, "p95_ms": p99, "p99_ms": p99, "max_ms": p99,
        "unexpected": 0, "socket_errors": 0,
    }  # fmt: skip


def _figures(*, set_rps: float, set_p99: float, advice_ms: float = 5.0) -> dict:
    return {
        "database": "PostgreSQL 15.20",
        "cache": "Redis",
        "population": {"users": 202, "sessions": 30000, "sets": 340000, "pain_reports": 200000},
        "prepare_s": 60.0,
        "runs": {
            "floor": [_run(1, 300.0), _run(8, 500.0)],
            "set": [_run(1, 100.0), _run(8, set_rps, p99=set_p99)],
            "advice": [_run(1, 150.0, p50=advice_ms)],
            "roster": [_run(1, 50.0, p50=40.0)],
            "charts": [_run(1, 30.0, p50=120.0)],
        },
    }


def test_a_set_at_four_fifths_of_the_floor_meets_the_throughput_target():
    found = load.targets_met(_figures(set_rps=400.0, set_p99=30.0))

    throughput = next(ok for target, _, ok in found if "throughput" in target)
    assert throughput is True


def test_a_set_slower_than_four_fifths_of_the_floor_misses_it():
    found = load.targets_met(_figures(set_rps=399.0, set_p99=30.0))

    measured, ok = next((m, ok) for target, m, ok in found if "throughput" in target)
    assert ok is False
    assert measured == "399 / 500 = 0.80x"


def test_the_set_tail_is_judged_at_eight_clients():
    found = load.targets_met(_figures(set_rps=450.0, set_p99=51.0))

    assert next(ok for target, _, ok in found if "p99" in target) is False


def test_latency_targets_are_judged_on_the_median_of_one_client():
    found = {
        target.split(":")[0]: ok
        for target, _, ok in load.targets_met(_figures(set_rps=1, set_p99=1))
    }

    assert found["advice"] is True  # 5 ms < 50 ms
    assert found["roster"] is True  # 40 ms < 150 ms
    assert found["charts"] is False  # 120 ms > 100 ms


def test_the_report_gives_each_run_its_ratio_to_the_floor_at_the_same_level():
    report = {
        "machine": {"date": "2026-11-25 16:00 UTC", "commit": "abc1234", "nproc": 2, "cpu": "x",
                    "python": "3.11.7", "django": "5.2.19", "sqlite": "3.40.1"},
        "settings": {"clients": [1, 8], "seconds": 5.0, "warmup_seconds": 2.0, "workers": 2,
                     "writers": 64, "lighthouse_runs": 3},
        "results": {"postgresql": _figures(set_rps=100.0, set_p99=30.0),
                    "sqlite": {"error": "skipped: PostgreSQL only"}},
    }  # fmt: skip

    text = load.markdown(report)

    assert "| set | 8 | 100 | 0.20 |" in text
    assert "| floor | 8 | 500 | 1.00 |" in text
    assert "MISSED" in text
    assert "skipped: PostgreSQL only" in text


def test_a_page_that_could_not_be_measured_is_reported_not_dropped():
    weight = {"first_kb": 20.8, "first_requests": 8, "repeat_kb": 2.1, "repeat_requests": 1}
    table = "\n".join(
        load._pages_table(
            {
                "session": {"path": "/sessions/1/", "weight": weight},
                "charts": {"path": "/charts/", "weight": weight, "error": "Lighthouse failed"},
                "roster": {"path": "/coach/", "error": "redirected to the login page"},
            }
        )
    )

    assert "| 20.8 (8) | 2.1 (1) | - |" in table
    assert "| Lighthouse failed |" in table
    assert "`/coach/` | redirected to the login page |" in table
