"""Services of its own for a test that stops, kills and restarts them: a PostgreSQL cluster (initdb
under a temporary folder, on a free port) and a redis-server on a free port. Nobody else uses them,
so other agents' and CI's tests on the machine's PostgreSQL and Redis are not disturbed.

On CI (CI=true) missing server binaries fail the test; elsewhere it is skipped.
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.services import reachable, unavailable
from tests.workers import free_port


def _postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parents[1].name))
    if not found:
        unavailable("PostgreSQL's server binaries (initdb, pg_ctl) are not installed (Debian package postgresql)")
    return found[-1].parent


class PrivatePostgres:
    """A PostgreSQL cluster for one test module: ``start``, ``stop(mode)``, ``restart(mode)``, ``url(db)``.

    As root, the cluster belongs to the ``postgres`` user (PostgreSQL refuses to run as root)."""

    def __init__(self):
        self.bin = _postgres_bin()
        self.root = Path(tempfile.mkdtemp(prefix="pbgdpl-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [*self.as_user, str(self.bin / tool), *args], capture_output=True, text=True, timeout=120, check=False
        )
        if check and result.returncode != 0:
            raise AssertionError(f"{tool} failed: {result.stdout}\n{result.stderr}\n{self.tail()}")
        return result

    def tail(self) -> str:
        return self.log.read_text()[-2000:] if self.log.exists() else ""

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start")
        assert reachable("127.0.0.1", self.port)

    def stop(self, mode: str = "fast") -> None:
        """``fast``: sessions are ended and their transactions rolled back; ``immediate``: a crash."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def url(self, db: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{db}"

    def createdb(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)


class PrivateRedis:
    """A redis-server of its own (no persistence: a restart loses its queues, as a crash would)."""

    def __init__(self, folder: Path):
        self.exe = shutil.which("redis-server")
        if not self.exe:
            unavailable("redis-server is not installed (Debian package redis-server)")
        self.folder = folder
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = (self.folder / f"redis-{self.port}.log").open("a")
        self.proc = subprocess.Popen(
            [self.exe, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while not reachable("127.0.0.1", self.port, timeout=0.5):
            assert self.proc.poll() is None and time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None
