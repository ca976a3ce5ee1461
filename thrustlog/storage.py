"""Static files as deployed: hashed names, precompressed copies (WhiteNoise)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Also rewrites `import ... from "./queue.js"` in ES modules to the hashed names.

    Django leaves module imports alone unless asked; unhashed modules would be fetched again
    on every visit, and after a deploy a phone could run a new module with an old one.
    """

    support_js_module_import_aggregation = True
