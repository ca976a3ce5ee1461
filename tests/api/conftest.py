"""API test set-up. The token-authenticated cast (athlete_api, outsider_api, anonymous_api)
lives in tests/conftest.py, shared with every app's tests."""

from _pytest.nodes import Node

if not hasattr(Node, "_nodeid"):
    # schemathesis 4.32 names each operation's subtest by rewriting Node._nodeid, which pytest
    # 9.2 replaced with Node._id (a NodeId). Map the old name onto the new one until
    # schemathesis catches up (or pin pytest<9.2); without it every schema test errors out.
    from _pytest.nodeid import coerce_node_id

    Node._nodeid = property(
        lambda node: node.nodeid,
        lambda node, value: setattr(node, "_id", coerce_node_id(value)),
    )
