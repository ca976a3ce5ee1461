"""Thrustlog's deployed settings plus the floor view (bench.floor), for bench/load.py's server."""

from thrustlog.settings import *  # noqa: F403
from thrustlog.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.floor"]
ROOT_URLCONF = "bench.floor.urls"
