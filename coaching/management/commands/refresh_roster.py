"""Recompute coached athletes' roster rows that were computed on an earlier day.

A roster row changes by itself as days pass (advice counts "recent" weeks from today), even
when the log does not. Run this once a day (cron, a scheduled job); log changes refresh rows
as they happen.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from coaching.models import AthleteSummary, CoachLink
from coaching.summaries import refresh


class Command(BaseCommand):
    help = "Refresh the roster rows of coached athletes computed before today (or --all)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--all", action="store_true", help="Refresh every coached athlete.")

    def handle(self, *args: Any, **options: Any) -> None:
        coached = set(
            CoachLink.objects.filter(ended_at__isnull=True).values_list("athlete_id", flat=True)
        )
        if not options["all"]:
            # computed_on is the athlete's date: one far west of the server may be refreshed
            # twice in a day, which costs a little and is never wrong.
            fresh = AthleteSummary.objects.filter(computed_on__gte=timezone.localdate())
            coached -= set(fresh.values_list("athlete_id", flat=True))
        for athlete_id in sorted(coached):
            refresh(athlete_id)
        self.stdout.write(f"Refreshed {len(coached)} roster row(s).")
