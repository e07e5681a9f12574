"""Which settings each environment runs with (config/settings/): two-step sign-in required in
production and not in the demo (`make run`), the proxy trusted in production only."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READ = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps([settings.OTP_REQUIRED_FOR_REVIEWERS, settings.TRUSTED_PROXY_COUNT, "
    "settings.API_TOKEN_LIFETIME_HOURS, settings.SESSION_COOKIE_AGE, settings.SESSION_SAVE_EVERY_REQUEST]))"
)


@pytest.mark.parametrize(
    ("module", "expected"),
    [("config.settings.prod", [True, 1, 12, 3600, True]), ("config.settings.dev", [False, 0, 12, 3600, True])],
)
def test_sign_in_settings_per_environment(module, expected):
    keep = ("PATH", "HOME", "LANG")
    env = {k: v for k, v in os.environ.items() if k in keep} | {
        "DJANGO_SETTINGS_MODULE": module,
        "DJANGO_SECRET_KEY": "settings-test-" + "k" * 50,
        "DATABASE_URL": "sqlite:///:memory:",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    out = subprocess.run([sys.executable, "-c", READ], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == expected


def _read(expression: str, **environment) -> object:
    keep = ("PATH", "HOME", "LANG")
    env = {k: v for k, v in os.environ.items() if k in keep} | {"DATABASE_URL": "sqlite:///:memory:"} | environment
    code = f"import json, django; django.setup(); from django.conf import settings; print(json.dumps({expression}))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_make_run_links_to_the_port_it_serves_on():
    from config.run_dev import child_env

    dev = {"DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    assert _read("settings.SITE_URL", **dev) == "http://127.0.0.1:8000"
    assert _read("settings.SITE_URL", **dev, PORT=child_env("8001")["PORT"]) == "http://127.0.0.1:8001"
    assert (
        _read("settings.SITE_URL", **dev, PORT="8001", SITE_URL="https://pbgdpl.example/") == "https://pbgdpl.example"
    )


def test_the_embedded_broker_writes_under_var_only():
    folders = _read(
        "[v for k, v in settings.CELERY_BROKER_TRANSPORT_OPTIONS.items() if k.endswith('folder') "
        "or k.startswith('data_folder')]",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
    )
    assert len(folders) == 4  # in, out, processed and control (kombu's default control is ./control)
    assert all(Path(folder).is_relative_to(ROOT / "var") for folder in folders)
