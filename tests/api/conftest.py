"""API fixtures: token-authenticated clients for the cast (athlete, outsider).

The cache (sign-in failure counts) is emptied around every test by tests/conftest.py.
"""

import pytest
from _pytest.nodes import Node
from rest_framework.test import APIClient

from accounts.services import token_issue

if not hasattr(Node, "_nodeid"):
    # schemathesis 4.32 names each operation's subtest by rewriting Node._nodeid, which pytest
    # 9.2 replaced with Node._id (a NodeId). Map the old name onto the new one until
    # schemathesis catches up (or pin pytest<9.2); without it every schema test errors out.
    from _pytest.nodeid import coerce_node_id

    Node._nodeid = property(
        lambda node: node.nodeid,
        lambda node, value: setattr(node, "_id", coerce_node_id(value)),
    )


def token_client(user) -> APIClient:
    client = APIClient()
    _, key = token_issue(user=user, device="test client")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def anonymous_api() -> APIClient:
    return APIClient()


@pytest.fixture
def athlete_api(athlete) -> APIClient:
    return token_client(athlete)


@pytest.fixture
def outsider_api(outsider) -> APIClient:
    return token_client(outsider)
