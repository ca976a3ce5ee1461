"""bench/wrk.py: what wrk is told (the Lua config) and what is read back from it."""

import json

import pytest

from bench import wrk

FIGURES = {
    "requests": 500,
    "duration_us": 5_000_000,
    "bytes": 123_456,
    "unexpected": 0,
    "errors": {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0},
    "latency_us": {
        "mean": 9500.5,
        "p50": 9000,
        "p90": 15000,
        "p95": 18000,
        "p99": 30000,
        "max": 41000,
    },
}


def _output(**changes) -> str:
    return "Running 5s test @ http://127.0.0.1:1/\n" + wrk.MARK + json.dumps(FIGURES | changes)


def test_figures_are_read_from_the_line_the_script_prints():
    run = wrk.parse(_output(), clients=8)

    assert (run.clients, run.requests, run.rps) == (8, 500, 100.0)
    assert (run.p50_ms, run.p95_ms, run.p99_ms, run.max_ms) == (9.0, 18.0, 30.0, 41.0)
    assert run.clean


def test_answers_with_another_status_make_a_run_unclean():
    assert not wrk.parse(_output(unexpected=3), clients=1).clean


def test_socket_errors_and_timeouts_make_a_run_unclean():
    errors = {"connect": 0, "read": 2, "write": 0, "status": 0, "timeout": 1}
    run = wrk.parse(_output(errors=errors), clients=32)

    assert run.socket_errors == 3
    assert not run.clean


def test_output_without_figures_is_an_error_not_a_zero():
    with pytest.raises(RuntimeError, match="no figures"):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused", clients=1)


def test_the_lua_config_carries_each_identity_with_the_shared_headers():
    target = wrk.Target(
        "set", "POST", "/api/v1/sets/", expect=201,
        identities=(wrk.Identity({"Authorization": "Token abc"}, session="7"),),
        body='{"session": %s, "client_id": "%s"}',
        headers={"Content-Type": "application/json"},
    )  # fmt: skip

    config = wrk.lua_config(target, seed=42)

    assert config.startswith("config = {")
    assert '["path"] = "/api/v1/sets/"' in config
    assert '["expect"] = 201' in config
    assert '["Authorization"] = "Token abc"' in config
    assert '["Content-Type"] = "application/json"' in config
    assert '["session"] = "7"' in config
    assert r'["body"] = "{\"session\": %s, \"client_id\": \"%s\"}"' in config
    assert '["seed"] = 42' in config


def test_a_get_has_no_body():
    assert '["body"] = nil' in wrk.lua_config(wrk.Target("today", "GET", "/", 200), seed=1)


def test_non_ascii_never_reaches_the_lua_script():
    target = wrk.Target("x", "GET", "/", 200, identities=(wrk.Identity({"Cookie": "é"}),))
    with pytest.raises(ValueError, match="ASCII"):
        wrk.lua_config(target, seed=1)


def test_the_script_reads_every_config_key_it_is_given():
    script = wrk.SCRIPT.read_text()
    for key in ("method", "path", "expect", "identities", "body", "seed"):
        assert f"config.{key}" in script
    assert "WRK_JSON" in script
