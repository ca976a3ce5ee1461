"""The advice engine stays pure: none of its modules imports Django."""

import ast
from pathlib import Path

import advice

ROOT = Path(advice.__file__).parent
# The engine proper; services.py (the ORM bridge), views and apps.py may use Django.
ENGINE = [
    *(
        ROOT / name
        for name in (
            "causes.py",
            "history.py",
            "items.py",
            "trends.py",
            "wording.py",
            "timeline.py",
        )
    ),
    *(ROOT / "rules").glob("*.py"),
]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_engine_module_imports_django():
    assert ENGINE
    for path in ENGINE:
        assert not any(
            name.split(".")[0] in {"django", "rest_framework"} for name in _imports(path)
        ), path
