"""Recompute coached athletes' roster rows that were computed on an earlier day, now.

The periodic job `refresh_stale_roster_rows` (thrustlog/periodic.py) does this every day
through the task runner; this command is for doing it at once (after a deploy, say).
"""

from typing import Any

from django.core.management.base import BaseCommand

from coaching.summaries import refresh
from coaching.tasks import stale_athletes


class Command(BaseCommand):
    help = "Refresh the roster rows of coached athletes computed before today (or --all)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--all", action="store_true", help="Refresh every coached athlete.")

    def handle(self, *args: Any, **options: Any) -> None:
        athletes = stale_athletes(everyone=options["all"])
        for athlete_id in athletes:
            refresh(athlete_id)
        self.stdout.write(f"Refreshed {len(athletes)} roster row(s).")
