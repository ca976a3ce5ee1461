"""Static files as deployed: minified, hashed names, precompressed copies (WhiteNoise)."""

import logging
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)

MINIFIED = (".js", ".css")


def esbuild() -> Path | None:
    """The esbuild binary the project's package.json pins, if it is installed."""
    path = Path(settings.ESBUILD)
    return path if path.is_file() else None


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Minifies the project's own scripts and styles, then hashes and compresses them.

    The source files are written for people (the comments say why); a phone on a weak signal
    pays for every byte of them on a first visit. esbuild minifies each file alone (no bundle),
    so module imports stay as written for the manifest to rewrite. Third-party files (admin,
    the API docs) come minified or are never on a phone, and are left alone.

    Also rewrites `import ... from "./queue.js"` in ES modules to the hashed names: Django
    leaves module imports alone unless asked; unhashed modules would be fetched again on every
    visit, and after a deploy a phone could run a new module with an old one.
    """

    support_js_module_import_aggregation = True

    def post_process(
        self, paths: dict[str, tuple[Any, str]], dry_run: bool = False, **options: Any
    ) -> Iterator[tuple[str, str | None, Any]]:
        if not dry_run:
            paths = self._minify(paths)
        yield from super().post_process(paths, dry_run, **options)

    def _minify(self, paths: dict[str, tuple[Any, str]]) -> dict[str, tuple[Any, str]]:
        own = [name for name, (source, _) in paths.items() if _is_own(name, source)]
        if not own:
            return paths
        binary = esbuild()
        if binary is None:
            logger.warning(
                "esbuild is not installed (npm ci): static files are deployed unminified."
            )
            return paths
        # The collected copies are minified in place; hashing then reads those, not the sources.
        subprocess.run(
            [
                binary, *own, "--minify", "--charset=utf8", "--legal-comments=none",
                "--log-level=warning", f"--outdir={self.location}", f"--outbase={self.location}",
                "--allow-overwrite",
            ],
            cwd=self.location, check=True,
        )  # fmt: skip
        return {**paths, **{name: (self, name) for name in own}}


def _is_own(name: str, source: Any) -> bool:
    """A script or style of the project's own (its static folder or an app of its own)."""
    if not name.endswith(MINIFIED) or not hasattr(source, "location"):
        return False
    location = Path(source.location).resolve()
    base = Path(settings.BASE_DIR).resolve()
    return location.is_relative_to(base) and ".venv" not in location.relative_to(base).parts
