import pytest


@pytest.fixture(autouse=True)
def _offline_routes(settings):
    settings.ROOT_URLCONF = "tests.offline.urls"
