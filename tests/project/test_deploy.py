"""Production settings are safe, and the models match their migrations."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "thrustlog.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x7Rk2pQ9vLm4Tz8Wc1Yb6Nh3Jd5Gf0Sa-e_QuVoXiPlKjHgFdSaZxCvBnMq" * 2,
    "DJANGO_ALLOWED_HOSTS": "thrustlog.example.com",
    "DATABASE_URL": "sqlite:///:memory:",
    "REDIS_URL": "redis://127.0.0.1:6379/0",  # the check reads the setting, it never connects
}
# What the test run itself sets must not leak into "production".
CLEARED = (
    "DJANGO_SECURE_SSL_REDIRECT",
    "DJANGO_SECURE_COOKIES",
    "DJANGO_HSTS_SECONDS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in CLEARED}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_deploy_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_that_a_per_process_cache_is_not_shared_by_workers():
    result = manage("check", "--deploy", "--fail-level", "WARNING", REDIS_URL="")
    assert result.returncode != 0
    assert "tracker.W001" in result.stderr + result.stdout


def test_the_deploy_check_warns_that_scripts_would_ship_unminified_without_esbuild():
    result = manage("check", "--deploy", "--fail-level", "WARNING", ESBUILD="/nowhere/esbuild")
    assert result.returncode != 0
    assert "tracker.W002" in result.stderr + result.stdout


def test_the_app_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_the_app_refuses_a_short_secret_key():
    result = manage("check", DJANGO_SECRET_KEY="secret")
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_a_malformed_boolean_setting_names_the_variable():
    result = manage("check", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


@pytest.mark.django_db
def test_the_models_match_the_migrations():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
