"""The cast of the task tests: the athlete (with an API client) and a coach."""

from tests.coaching.conftest import coach
from tests.portability.conftest import athlete_api

__all__ = ["athlete_api", "coach"]
