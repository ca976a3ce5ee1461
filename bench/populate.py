"""Fill the database the settings point at with the benchmark data set.

    DATABASE_URL=postgres://... .venv/bin/python -m bench.populate --cohort 200

The database must be migrated and hold no benchmark users yet.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

import django


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long-years", type=float, default=3, help="the long history's years")
    parser.add_argument("--cohort", type=int, default=200, help="athletes with a shorter history")
    parser.add_argument("--cohort-years", type=float, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrustlog.settings")
    django.setup()
    from bench.data import populate  # needs the app registry

    population = populate(
        long_years=args.long_years,
        cohort=args.cohort,
        cohort_years=args.cohort_years,
        seed=args.seed,
    )
    print(f"{population.counts} in {population.seconds:.1f} s")


if __name__ == "__main__":
    main()
