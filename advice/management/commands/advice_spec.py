"""python manage.py advice_spec [--write]: what triggers each cause, generated from the rules."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from advice.spec import render

SPEC_FILE = Path(__file__).resolve().parents[3] / "docs" / "advice-spec.md"


class Command(BaseCommand):
    help = "Print, for each cause, what triggers it, its severity rule and the section it cites."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--write", action="store_true", help=f"Also write it to {SPEC_FILE.name} in docs/."
        )

    def handle(self, *args: Any, write: bool = False, **options: Any) -> None:
        text = render()
        if write:
            SPEC_FILE.parent.mkdir(exist_ok=True)
            SPEC_FILE.write_text(text + "\n", encoding="utf-8")
        self.stdout.write(text)
