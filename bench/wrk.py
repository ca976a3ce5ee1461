"""Drive wrk (Debian's package) with bench/load.lua and read back its figures.

wrk is a closed loop: each of `clients` connections sends its next request as soon as the
previous answer arrives, so latency includes the wait for a free gunicorn worker. Nothing here
imports Django.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).resolve().with_name("load.lua")
MARK = "WRK_JSON "


class WrkMissing(RuntimeError):
    """wrk is not installed (`make bench` installs it with apt-get)."""


@dataclass(frozen=True)
class Identity:
    """Who sends a request: its headers (token or cookie) and, for writes, its session id."""

    headers: dict[str, str]
    session: str = ""


@dataclass(frozen=True)
class Target:
    """One kind of request. `body` is a format string: %s = the session, %s = a new UUID."""

    name: str
    method: str
    path: str
    expect: int
    identities: tuple[Identity, ...] = (Identity({}),)
    body: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Run:
    """What one bounded wrk run measured; times in milliseconds."""

    clients: int
    seconds: float
    requests: int
    rps: float
    mean_ms: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    unexpected: int  # answers with another status than the target expects
    socket_errors: int  # connect, read, write errors and timeouts

    @property
    def clean(self) -> bool:
        return self.requests > 0 and not self.unexpected and not self.socket_errors


def _lua(value: Any) -> str:
    """A Lua literal for plain JSON-like data (ASCII strings: json quoting is Lua quoting)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{_lua(k)}] = {_lua(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "{" + ", ".join(_lua(v) for v in value) + "}"
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if not text.isascii():
        raise ValueError(f"not ASCII: {text!r}")
    return json.dumps(text)


def lua_config(target: Target, *, seed: int) -> str:
    """The `config = {...}` line bench/load.lua expects above it."""
    identities = [
        {"headers": {**target.headers, **who.headers}, "session": who.session}
        for who in target.identities
    ]
    config = {
        "method": target.method,
        "path": target.path,
        "expect": target.expect,
        "identities": identities,
        "body": target.body,
        "seed": seed,
    }
    return f"config = {_lua(config)}\n"


def parse(output: str, *, clients: int) -> Run:
    """The Run in wrk's output (the line bench/load.lua's done() prints)."""
    for line in output.splitlines():
        if line.startswith(MARK):
            data = json.loads(line[len(MARK) :])
            break
    else:
        raise RuntimeError(f"wrk printed no figures:\n{output[-800:]}")
    seconds = data["duration_us"] / 1e6
    latency = {k: v / 1000 for k, v in data["latency_us"].items()}
    errors = data["errors"]
    return Run(
        clients=clients,
        seconds=round(seconds, 2),
        requests=data["requests"],
        rps=round(data["requests"] / seconds, 1) if seconds else 0.0,
        mean_ms=round(latency["mean"], 2),
        p50_ms=round(latency["p50"], 2),
        p90_ms=round(latency["p90"], 2),
        p95_ms=round(latency["p95"], 2),
        p99_ms=round(latency["p99"], 2),
        max_ms=round(latency["max"], 2),
        unexpected=data["unexpected"],
        socket_errors=sum(errors[k] for k in ("connect", "read", "write", "timeout")),
    )


def run(base_url: str, target: Target, *, clients: int, seconds: float, seed: int) -> Run:
    """Load `target` from `clients` connections for `seconds`; wrk stops by itself."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise WrkMissing("wrk is not installed (apt-get install wrk)")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", prefix="thrustlog-wrk-") as script:
        script.write(lua_config(target, seed=seed) + SCRIPT.read_text())
        script.flush()
        command = [
            wrk, "-t1", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "10s",
            "-s", script.name, base_url.rstrip("/") + target.path,
        ]  # fmt: skip
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 30, check=False
        )
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    return parse(done.stdout, clients=clients)
