"""How Thrustlog is served: `gunicorn -c python:thrustlog.gunicorn thrustlog.wsgi`.

Put it behind a TLS-terminating proxy. Every value can be overridden on the command line or
with GUNICORN_CMD_ARGS; WEB_CONCURRENCY sets the number of workers.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One synchronous worker per core: a request is mostly Python, and the database is local.
workers = int(os.environ.get("WEB_CONCURRENCY") or len(os.sched_getaffinity(0)))
# Let Django answer over-long URLs itself (a JSON 404 under /api/), not gunicorn's HTML 414.
limit_request_line = 0
# Recycle workers now and then, so that a slow leak never grows for weeks; not so often that
# a busy hour pays for it: a new worker imports Django again on a core the others need, and
# its first requests are slow (every 5,000 requests put 100 ms stalls in the p99 under load).
max_requests = 20000
max_requests_jitter = 2000


def post_worker_init(worker: object) -> None:
    """Django and the app are loaded: keep their objects out of the garbage collector's
    full passes. A request that builds thousands of objects (three years of advice) otherwise
    pays for rescanning every module and model of the process, about 40% of its time."""
    import gc

    gc.freeze()
