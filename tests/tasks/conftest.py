"""The cast of the task tests: the athlete (API clients: tests/conftest.py) and a coach."""

from tests.coaching.conftest import coach

__all__ = ["coach"]
