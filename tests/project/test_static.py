"""Static files as deployed: the project's files get hashed names (module imports included)
and compressed copies."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.conftest import OWN_STATIC_FILES as OWN_FILES
from thrustlog.settings import STORAGES


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=STORAGES, STATICFILES_FINDERS=OWN_FILES):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


def test_es_module_imports_point_at_hashed_files(collected):
    (form,) = [p for p in (collected / "js" / "offline").glob("form.*.js") if p.suffix == ".js"]

    imports = re.findall(r'from "([^"]+)"', form.read_text())

    assert imports
    assert all(re.fullmatch(r"\./\w+\.[0-9a-f]{12}\.js", name) for name in imports), imports


def test_static_files_are_precompressed(collected):
    assert list((collected / "css").glob("app.*.css.gz"))
