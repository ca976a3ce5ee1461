#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrustlog.settings")
    # A shell on a developer's machine is development unless told otherwise; deployments set
    # DJANGO_DEBUG=0 (see .env.example) and the served app (wsgi.py) never assumes debug.
    os.environ.setdefault("DJANGO_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
