"""The cast every app's tests share: the athlete (owner) and an outsider (no access), signed
in on the web (`*_client`) or with an API token (`*_api`)."""

import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.http.response import HttpResponseBase
from django.test import Client, override_settings
from rest_framework.test import APIClient

from accounts.services import token_issue
from tests.factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; Django would refuse ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The tests that take minutes (the seeded fault run, schemathesis over the whole API) start
# first: pytest-xdist deals tests out in collection order, and one of them dealt last would keep
# its worker busy long after the other has finished everything else.
LONG_FIRST = ("tests/browser/test_offline_faults.py", "tests/api/test_schemathesis.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_FIRST))  # stable: else as found


@pytest.fixture(autouse=True)
def _empty_cache():
    """Sign-in failure counts live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def athlete(db):
    return UserFactory(username="athlete")


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider")


@pytest.fixture
def athlete_client(athlete) -> Client:
    client = Client()
    client.force_login(athlete)
    return client


@pytest.fixture
def outsider_client(outsider) -> Client:
    client = Client()
    client.force_login(outsider)
    return client


def token_client(user) -> APIClient:
    """An API client signed in with a fresh device token of `user`."""
    client = APIClient()
    _, key = token_issue(user=user, device="test client")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def streamed_json(response: HttpResponseBase) -> Any:
    """The JSON body of a streamed answer (the export), read to its end as a client would."""
    assert response.streaming, "expected a streamed answer"
    return json.loads(b"".join(response.streaming_content))


@pytest.fixture
def anonymous_api() -> APIClient:
    return APIClient()


@pytest.fixture
def athlete_api(athlete) -> APIClient:
    return token_client(athlete)


@pytest.fixture
def outsider_api(outsider) -> APIClient:
    return token_client(outsider)


# The project's own static files, for tests of the deployed storage (collectstatic). The apps'
# files (the API docs' bundles and their source maps, the admin) would add half a minute of
# compression to each such test, and what they hold is their authors' to test.
OWN_STATIC_FILES = ["django.contrib.staticfiles.finders.FileSystemFinder"]


@pytest.fixture(scope="session")
def deployed_static(tmp_path_factory) -> Path:
    """The project's static files as collectstatic leaves them for the server (minified,
    hashed, compressed): collected once per test process, since each run takes seconds and
    the tests only read what it wrote."""
    from thrustlog.settings import STORAGES
    from thrustlog.storage import esbuild

    if esbuild() is None:
        pytest.fail("esbuild is not installed: run `make js-deps` (npm ci)")
    root = tmp_path_factory.mktemp("static")
    with override_settings(
        STATIC_ROOT=root, STORAGES=STORAGES, STATICFILES_FINDERS=OWN_STATIC_FILES
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root
