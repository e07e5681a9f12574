"""Real `celery worker` processes for the integration tests, on Redis, sharing the test database
and the test process's MEDIA_ROOT (settings: tests/worker_settings.py).

Each pool gets a private queue, so that other test runs on the same Redis can't take its tasks; its
processes are killed at the end. The tests using it need a database other processes can open
(PostgreSQL, or SQLite in a file) and ``transactional_db`` (see the ``plan_data`` fixture).
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from tests.services import unavailable

BASE_DIR = Path(__file__).resolve().parents[1]
CELERY = str(Path(sys.executable).parent / "celery")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, interval: float = 0.1, every=None, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if every:
            every()
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def shared_database_url() -> str:
    """The test database, as a URL a worker process can open."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(s["NAME"])
        if "memory" in name or name == ":memory:":
            unavailable("the SQLite test database is in memory: a worker process can't share it")
        return f"sqlite:///{name}"
    if connection.vendor == "postgresql":
        password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
        return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    pytest.fail(f"no worker database URL for {connection.vendor}")


class Workers:
    """Starts `celery worker` processes with the test settings and kills them at the end.

    ``smtp_port``: the workers send mail there (the reminder tests' loopback server); without it
    they keep Django's locmem backend. The workers use the MEDIA_ROOT the test process has when the
    pool is made.
    """

    def __init__(self, tmp_path: Path, broker: str, *, smtp_port: int | None = None):
        self.tmp_path = tmp_path
        self.queue = f"pbgdpl-test-{uuid.uuid4().hex[:12]}"
        self.broker = broker
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
            "DATABASE_URL": shared_database_url(),
            "REDIS_URL": broker,
            "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "TEST_CELERY_QUEUE": self.queue,
            "PYTHONPATH": str(BASE_DIR),
        }
        self.env.pop("TEST_SMTP_PORT", None)
        if smtp_port:
            self.env["TEST_SMTP_PORT"] = str(smtp_port)
        self.procs: list[subprocess.Popen] = []
        self.client = Celery("pbgdpl-test-client", broker=broker, set_as_current=False)
        self.client.conf.broker_connection_retry_on_startup = True

    def start(self, concurrency: int = 2) -> subprocess.Popen:
        log_path = self.tmp_path / f"worker-{len(self.procs)}.log"
        log = log_path.open("w")
        proc = subprocess.Popen(
            [
                CELERY,
                "-A",
                "config",
                "worker",
                "-Q",
                self.queue,
                f"--concurrency={concurrency}",
                "--loglevel=INFO",
                f"--hostname=test-{uuid.uuid4().hex[:8]}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: SIGKILL takes the pool children too
        )
        self.procs.append(proc)
        try:
            wait_for(lambda: " ready." in log_path.read_text() or proc.poll() is not None, 60, what="the worker")
        except AssertionError:
            raise AssertionError(log_path.read_text()[-3000:]) from None
        assert proc.poll() is None, log_path.read_text()[-3000:]
        return proc

    def send(self, name: str, *args):
        """Queue a task by name, as beat or another process would."""
        self.client.send_task(name, args=list(args), queue=self.queue)

    @contextlib.contextmanager
    def taking(self, task):
        """While open, ``task.delay(...)`` in this process (as the app calls it on commit) sends the
        task's own message to these workers' broker and private queue, whatever broker and queue
        the test settings name."""
        apply_async = task.apply_async

        def delay(*args, **kwargs):
            with self.client.producer_or_acquire() as producer:
                return apply_async(args=args, kwargs=kwargs, queue=self.queue, producer=producer)

        task.delay = delay
        try:
            yield
        finally:
            del task.delay

    @staticmethod
    def kill(proc: subprocess.Popen) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=20)

    def logs(self, tail: int | None = 2000) -> str:
        """The end of each worker's log (all of it with ``tail=None``)."""
        return "\n".join(p.read_text()[-tail if tail else 0 :] for p in sorted(self.tmp_path.glob("worker-*.log")))

    def close(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=15)
            self.kill(proc)  # and whatever is left of its process group (pool children)
        try:
            import redis

            redis.Redis.from_url(self.broker, socket_timeout=2).delete(self.queue)
        except Exception:  # noqa: S110 - best effort: the broker may be gone already
            pass
        self.client.close()
