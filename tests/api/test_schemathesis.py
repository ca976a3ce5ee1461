"""Property-based tests of the whole API against its own OpenAPI schema (schemathesis).

Every operation of /api/v1/schema/ is called in-process through the WSGI app with generated
valid and invalid input, as an athlete with a token and a log of their own, and every built-in
check runs on every answer: no 500, status codes, headers and bodies as documented, bad input
refused, valid input accepted, nothing answered without credentials, undocumented methods 405.
"""

import re
from datetime import date, timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from accounts.services import token_issue
from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory, UserFactory
from thrustlog.wsgi import application
from tracker import queries
from tracker.models import PainReport, Set, TrainingSession
from tracker.validators import EARLIEST_SESSION_DATE

# Valid input that is still refused, by design, because its validity is not in the schema:
# - register: whether a name is taken, or a password common, depends on the database and
#   Django's password list; those answers are 400s (contract section 2).
# - token: a schema-valid username and password almost never name an account; that is a 400.
# Every other check still runs on these operations, and on the others every check runs.
STATEFUL_VALIDITY = {
    "POST /api/v1/auth/register/",
    "POST /api/v1/auth/token/",
    # A schema-valid file is almost never a Strong or Hevy export: that is a 400 naming the line.
    "POST /api/v1/imports/",
}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Seeded and deterministic: the same requests every run, so a failure reproduces and a pass
# means something. (Hypothesis' derandomize alone leaves schemathesis' own seed random.)
CONFIG = SchemathesisConfig.from_dict(
    {"seed": 42, "generation": {"deterministic": True, "database": "none"}}
)


class Fuzzer:
    """The athlete schemathesis acts as, with a log to point generated ids at.

    A generated id (an integer anywhere in a body or path) is replaced by one of the athlete's
    own, and a generated date outside 1900-01-01..tomorrow by the nearest bound (the schema's
    "date" format cannot carry the bounds): a valid value for another valid value,
    so a valid request stays valid, an invalid one stays invalid, and both reach the code
    behind the lookups. 404s and another athlete's ids have their own tests
    (test_isolation.py).
    """

    def __init__(self, athlete) -> None:
        self.athlete = athlete
        self.token = token_issue(user=athlete, device="schemathesis")[1]

    def session(self) -> TrainingSession:
        # The run deletes what it points at; make more as needed.
        found = TrainingSession.objects.filter(athlete=self.athlete).first()
        return found or TrainingSessionFactory(athlete=self.athlete)

    def set_in(self, session_id: int) -> Set:
        found = Set.objects.filter(session_id=session_id).first()
        return found or SetFactory(session=TrainingSession.objects.get(pk=session_id))

    def pain_report(self) -> PainReport:
        found = PainReport.objects.filter(athlete=self.athlete).first()
        return found or PainReportFactory(session=self.session())

    def own_id(self, path: str) -> int:
        if path.startswith("/api/v1/sessions/"):
            return self.session().pk
        if path.startswith("/api/v1/sets/"):
            return self.set_in(self.session().pk).pk
        return self.pain_report().pk

    def point_at_own_rows(self, case) -> None:
        if _is_int(case.path_parameters.get("id")):
            case.path_parameters["id"] = self.own_id(case.operation.path)
        body = case.body
        if not isinstance(body, dict):
            return
        if _is_int(body.get("session")):
            body["session"] = self.session().pk
        if _is_int(body.get("set")):
            session_id = body["session"] if _is_int(body.get("session")) else self.session().pk
            body["set"] = self.set_in(session_id).pk
        latest = queries.today_for(self.athlete)
        if not case.operation.path.startswith("/api/v1/red-flags/"):
            latest += timedelta(days=1)  # a session may be dated tomorrow; a red flag's end not
        clamped = _clamped(body.get("date"), EARLIEST_SESSION_DATE, latest)
        if clamped is not None:
            body["date"] = clamped.isoformat()


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _clamped(value: object, earliest: date, latest: date) -> date | None:
    """The nearest bound for a valid ISO date outside them; None for anything else."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    if day < earliest:
        return earliest
    return latest if day > latest else None


@pytest.fixture
def api_schema(db):
    # Loaded lazily, inside a test with the test database: the schema is served by Django.
    # The bare WSGI handler closes "old" connections after each request, which on PostgreSQL
    # closes the test's own transaction; Django's test client switches that off, so do we.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/", application, config=CONFIG)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzzer(db) -> Fuzzer:
    athlete = UserFactory(username="fuzzer")
    for _ in range(2):
        session = TrainingSessionFactory(athlete=athlete)
        PainReportFactory(session=session, set=SetFactory(session=session), timing="during")
        PainReportFactory(session=session, timing="next_day")
    return Fuzzer(athlete)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_keeps_its_schema(case, fuzzer):
    fuzzer.point_at_own_rows(case)
    excluded = [positive_data_acceptance] if case.operation.label in STATEFUL_VALIDITY else []
    # In process nothing unzips answers the way an HTTP client does: ask for them plain.
    headers = {"Authorization": f"Token {fuzzer.token}", "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers, excluded_checks=excluded)
