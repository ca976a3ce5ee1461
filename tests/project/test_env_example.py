""".env.example lists every variable the settings read, so a deployment can see them all."""

import re

from django.conf import settings


def test_every_variable_the_settings_read_is_in_env_example():
    source = (settings.BASE_DIR / "thrustlog/settings.py").read_text()
    read = set(re.findall(r'env_\w+\(\s*"([A-Z0-9_]+)"', source))
    listed = set(
        re.findall(r"^([A-Z0-9_]+)=", (settings.BASE_DIR / ".env.example").read_text(), re.M)
    )
    assert read - listed == set()
    assert {"THRUSTLOG_TRUSTED_PROXIES", "SIGN_IN_FAILURES_PER_USERNAME", "API_TOKEN_DAYS"} <= read
