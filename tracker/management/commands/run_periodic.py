"""The scheduler of periodic jobs (thrustlog/periodic.py): enqueues each when it is due."""

import signal
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from thrustlog import periodic


class Command(BaseCommand):
    help = "Every PERIODIC_TICK_SECONDS, hand the periodic jobs that are due to the task runner."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="One tick, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        running = [True]

        def stop(*_: object) -> None:
            running[0] = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while running[0]:
            for name in periodic.tick():
                self.stdout.write(f"enqueued {name}")
            if options["once"]:
                return
            # A long-running process: drop a connection the database has closed meanwhile.
            close_old_connections()
            deadline = time.monotonic() + settings.PERIODIC_TICK_SECONDS
            while running[0] and time.monotonic() < deadline:
                time.sleep(0.5)
