"""Static files as deployed: the project's files get hashed names (module imports included)
and compressed copies."""

import re


def test_es_module_imports_point_at_hashed_files(deployed_static):
    (form,) = [
        p for p in (deployed_static / "js" / "offline").glob("form.*.js") if p.suffix == ".js"
    ]

    imports = re.findall(r'from "([^"]+)"', form.read_text())

    assert imports
    assert all(re.fullmatch(r"\./\w+\.[0-9a-f]{12}\.js", name) for name in imports), imports


def test_static_files_are_precompressed(deployed_static):
    assert list((deployed_static / "css").glob("app.*.css.gz"))
