from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from tracker import rollups
from tracker.models import TrainingSession


class Command(BaseCommand):
    help = (
        "Sum every week of the log again into its roll-up (tracker/rollups.py): after a bulk "
        "write that sent no signals, or to check nothing drifted. Safe to run at any time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("usernames", nargs="*", help="only these athletes (default: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model().objects.all()
        if options["usernames"]:
            users = users.filter(username__in=options["usernames"])
        else:  # athletes without sessions have nothing to sum, but may have stale rows
            logged = TrainingSession.objects.values_list("athlete_id", flat=True)
            users = users.filter(pk__in=logged) | users.filter(week_rollups__isnull=False)
        weeks = 0
        ids = sorted(set(users.values_list("pk", flat=True)))
        for athlete_id in ids:
            weeks += rollups.rebuild(athlete_id)
        self.stdout.write(f"Summed {weeks} weeks of {len(ids)} athletes.")
