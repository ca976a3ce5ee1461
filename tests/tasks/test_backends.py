"""The task runner's backend is chosen by TASKS_BACKEND: the database (the default, one
machine or several sharing the database) or Redis through RQ (workers on many machines)."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from uuid import uuid4

import pytest
import redis
from django.contrib.sessions.models import Session
from django.utils import timezone

from tracker import tasks

REDIS_URL = "redis://127.0.0.1:6379/11"  # db 0 is other programs'


CHOICES = {
    "": "django_tasks_db.DatabaseBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "cron": "TASKS_BACKEND must be one of database, rq, immediate, not 'cron'.",
}
# One fresh interpreter reads the settings once per value of TASKS_BACKEND.
READ_SETTINGS = """
import importlib, json, os, sys
from django.core.exceptions import ImproperlyConfigured
os.environ["DJANGO_DEBUG"] = "1"
found = {}
for value in json.loads(sys.argv[1]):
    os.environ["TASKS_BACKEND"] = value
    try:
        import thrustlog.settings as s
        s = importlib.reload(s)
        found[value] = s.TASKS["default"]["BACKEND"]
    except ImproperlyConfigured as error:
        found[value] = str(error)
print(json.dumps(found))
"""


def test_the_environment_chooses_the_backend():
    done = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS, json.dumps(list(CHOICES))],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == CHOICES


@pytest.fixture
def redis_queue(settings):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    name = f"test-{uuid4().hex}"  # a queue of this test's own: parallel runs never share one
    # "default" is where the RQ backend looks results up; the tasks go to `name`.
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}, name: {"URL": REDIS_URL}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [name]}}
    import django_rq

    queue = django_rq.get_queue(name)
    yield name
    queue.empty()
    queue.delete(delete_jobs=True)


@pytest.mark.django_db
def test_a_task_goes_through_redis_to_an_rq_worker(redis_queue):
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=timezone.now() - timedelta(days=1)
    )
    result = tasks.clear_expired_sessions.using(queue_name=redis_queue).enqueue()
    assert result.status == "READY"
    queue = django_rq.get_queue(redis_queue, job_class=Job)
    assert queue.count == 1
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    result.refresh()
    assert (result.status, result.return_value) == ("SUCCESSFUL", 1)
    assert not Session.objects.exists()
