"""Make a VAPID key pair for Web Push, printed as environment lines.

    manage.py vapid_keys                      # a new pair, to put in the environment
    manage.py vapid_keys --keep data/vapid.env  # the pair in that file (made on first use)

`make run` uses --keep so a development server keeps its keys (and browsers their
subscriptions) from one run to the next.
"""

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from notifications.push import new_keys


class Command(BaseCommand):
    help = "Print a VAPID key pair for Web Push as WEBPUSH_VAPID_* environment lines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--keep", metavar="FILE", help="reuse the pair in FILE, or write one")

    def handle(self, *args: Any, **options: Any) -> None:
        keep = Path(options["keep"]) if options["keep"] else None
        if keep is not None and keep.exists():
            self.stdout.write(keep.read_text(encoding="utf-8"), ending="")
            return
        public, private = new_keys()
        text = f"WEBPUSH_VAPID_PUBLIC_KEY={public}\nWEBPUSH_VAPID_PRIVATE_KEY={private}\n"
        if keep is not None:
            keep.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(keep, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(text)
        self.stdout.write(text, ending="")
