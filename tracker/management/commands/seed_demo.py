from django.core.management.base import BaseCommand
from django.utils import timezone

from tracker import demo


class Command(BaseCommand):
    help = "Create demo users with twelve weeks of history (safe to run again: adds nothing new)."

    def handle(self, *args: object, **options: object) -> None:
        for username, story, sessions in demo.seed(timezone.localdate()):
            self.stdout.write(
                f"  {username:<6} password {demo.DEMO_PASSWORD}  {story}"
                + (f" ({sessions} sessions)" if sessions else "")
            )
