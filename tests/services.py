"""Real services for integration tests: PostgreSQL, Redis, SMTP, Chromium.

On CI (CI=true) a missing service fails the test; elsewhere the test is skipped, so that `make
test` passes on the embedded defaults.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(reason: str):
    if on_ci():
        pytest.fail(f"required on CI: {reason}")
    pytest.skip(reason)


def reachable(host: str, port: int, timeout: float = 2.0) -> bool:
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError:
        return False
    return True


def redis_url() -> str:
    """The Redis to use: REDIS_URL, or the machine's 127.0.0.1:6379 (db 15)."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    parsed = urlparse(url)
    if not reachable(parsed.hostname or "127.0.0.1", parsed.port or 6379):
        unavailable(f"Redis is not reachable at {url}")
    return url


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        unavailable("Chromium is not installed (Debian package chromium)")
    return path
