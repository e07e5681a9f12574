"""`make run`: the web server, a Celery worker and Celery beat, stopped together by Ctrl-C.

python -m config.run_dev [PORT]
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def commands(port: str) -> list[list[str]]:
    return [
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
        [str(BIN / "celery"), "-A", "config", "worker", "--loglevel=INFO", "--concurrency=2", "--hostname=worker@%h"],
        [str(BIN / "celery"), "-A", "config", "beat", "--loglevel=INFO"],
    ]


def child_env(port: str) -> dict[str, str]:
    """The environment of all three: PORT tells the settings (config/settings/dev.py) which port the
    server is on, so that the links in the worker's emails (SITE_URL) lead to it."""
    return {**os.environ, "PORT": port}


def main() -> int:
    port = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PORT", "8000")
    env = child_env(port)
    children = [subprocess.Popen(command, env=env) for command in commands(port)]  # noqa: S603 (fixed commands)
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.5)
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        deadline = time.monotonic() + 20
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
    return 0 if stopping else 1


if __name__ == "__main__":
    sys.exit(main())
