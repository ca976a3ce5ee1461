"""Settings for the test suite: production settings, less what a test server cannot do."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-" + "k3y-" * 20)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
os.environ.setdefault("DJANGO_HSTS_SECONDS", "0")

from thrustlog.settings import *  # noqa: F403
from thrustlog.settings import STORAGES

# Hashing passwords properly is slow by design; tests make many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The manifest storage needs collectstatic; tests serve the source files.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The benchmarks' floor view (bench/floor) is tested like the app; thrustlog.settings never
# installs it, and thrustlog.urls never routes to it.
INSTALLED_APPS = [*INSTALLED_APPS, "bench.floor"]  # noqa: F405
# Background tasks run inside the request that enqueues them; tests/tasks drive the real
# database backend's worker where the queue itself is what is tested.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Each test process keeps its uploads in a folder of its own (parallel runs never share one).
DATA_DIR = Path(tempfile.mkdtemp(prefix="thrustlog-test-data-"))
# A loaded test machine can take more than the phone's patience to store a set; browser tests
# that follow the server's answer wait for it as long as the send itself may take.
OFFLINE_ANSWER_WAIT_SECONDS = OFFLINE_SEND_TIMEOUT_SECONDS  # noqa: F405
