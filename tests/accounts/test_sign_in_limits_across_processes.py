"""Two server processes, one database: a failure counted by one is a failure for the other.

Each gunicorn process has its own memory (and here its own local-memory cache), so the limit
can only hold if the count lives in the shared database, as django-axes keeps it.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "gym-wifi-passphrase"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _post(port: int, path: str, body: dict) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait_until_serving(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server on port {port} stopped: {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no server on port {port} after 60 s")


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[int, int]]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thrustlog.test_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "REDIS_URL": "",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    ports = (_free_port(), _free_port())
    servers = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "--workers", "1", "--no-control-socket"),
                *("--bind", f"127.0.0.1:{port}", "--log-level", "warning", "thrustlog.wsgi"),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port, server in zip(ports, servers, strict=True):
            _wait_until_serving(port, server)
        yield ports
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def test_failures_counted_by_two_processes_add_up_to_one_lock(two_servers):
    first, second = two_servers
    register = {"username": "target", "password": PASSWORD}
    assert _post(first, "/api/v1/auth/register/", register) == 201
    wrong = {"username": "target", "password": "not-the-password"}
    # Five failures on each process: neither alone reaches the limit of ten.
    answers = [_post(port, "/api/v1/auth/token/", wrong) for port in (first, second) * 5]
    assert answers == [400] * 9 + [429]
    right = {"username": "target", "password": PASSWORD}
    assert _post(first, "/api/v1/auth/token/", right) == 429
    assert _post(second, "/api/v1/auth/token/", right) == 429
