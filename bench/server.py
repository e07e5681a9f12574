"""A live web server for the benchmarks that go through the door a user uses: gunicorn on
127.0.0.1 with the benchmark's database, and what its workers cost (CPU seconds and peak memory,
read from /proc)."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from common import ROOT

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """``gunicorn config.wsgi`` with ``workers`` sync workers on a free loopback port, started with
    this process's environment (DATABASE_URL, MEDIA_ROOT…) plus ``env``."""

    def __init__(
        self,
        *,
        workers: int = 1,
        settings: str = "config.settings.test",
        env: dict | None = None,
        timeout: int = 300,
        log: Path | None = None,
        extra: list[str] | None = None,
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, **(env or {})}
        out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                str(timeout),
                "--graceful-timeout",
                "5",
                *(extra or []),
            ],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=out,
        )
        self.wait_ready(workers)

    def wait_ready(self, workers: int, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode} (log: {self.log})")
            try:
                urllib.request.urlopen(f"{self.url}/api/v1/", timeout=5)  # noqa: S310 - loopback
            except urllib.error.HTTPError:
                pass  # 401/403: it answers
            except OSError:
                time.sleep(0.3)
                continue
            if len(self.workers()) >= workers:
                return
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer in time")

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def cpu_seconds(self) -> float:
        """User + system CPU of the workers so far (a worker that was replaced loses its count)."""
        return sum(cpu_seconds(pid) for pid in self.workers())

    def cpu_by_worker(self) -> dict[int, float]:
        return {pid: cpu_seconds(pid) for pid in self.workers()}

    def peak_rss_mb(self) -> float:
        """The largest peak resident memory (VmHWM) among the workers."""
        return max((status_kb(pid, "VmHWM") / 1024 for pid in self.workers()), default=0.0)

    def rss_mb(self) -> float:
        return max((status_kb(pid, "VmRSS") / 1024 for pid in self.workers()), default=0.0)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14 and 15)


def status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
