"""What every benchmark needs: the machine's description, a database of its own (a fresh SQLite
file or a PostgreSQL database created and dropped, removed again afterwards with any files the run
wrote), Django set up on it, repeated timings with min/median/max, and RESULTS.md."""

import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
RESULTS = ROOT / "bench" / "RESULTS.md"
RUNS = 5  # timed runs of every figure, after one warm-up where the code path has one


def arguments(doc: str, *, name: str):
    """The options every benchmark takes: --postgres (a database ``name``, created and dropped),
    --runs and --write (append the figures to RESULTS.md). Add more to the returned parser."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true", help=f"use PostgreSQL database {name} (created, dropped)")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"timed runs of each figure (default {RUNS})")
    parser.add_argument("--write", action="store_true", help="append the result to bench/RESULTS.md")
    return parser


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"nproc {len(os.sched_getaffinity(0))}, {model}, Python {platform.python_version()}; load average {load}"


def print_machine() -> None:
    """Every benchmark starts by saying where it runs (the load average says how shared it was)."""
    print(f"machine: {machine()}", flush=True)


def spread(values: list[float], *, unit: str = "s", scale: float = 1.0, digits: int = 3) -> str:
    """'0.412 s (min 0.398, max 0.455; 5 runs)': the median first, then the extremes and the count."""
    med, low, high = (scale * statistics.median(values), scale * min(values), scale * max(values))
    return f"{med:.{digits}f} {unit} (min {low:.{digits}f}, max {high:.{digits}f}; {len(values)} runs)"


def repeat(fn, *, runs: int = RUNS, warmup: int = 1, before=None, cpu: list | None = None) -> list[float]:
    """Wall time of ``fn()`` over ``runs`` runs after ``warmup`` untimed ones; ``before()`` (untimed)
    runs ahead of each, to put the database back as the run expects it. With ``cpu`` (a list), the
    CPU seconds of each run are appended to it: this process's and its PostgreSQL backend's, which
    say what the work costs when the shared machine's load stretches the wall time."""
    times = []
    for i in range(warmup + runs):
        if before:
            before()
        cpu_before = cpu_seconds_used() if cpu is not None else 0.0
        started = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - started
        if i >= warmup:
            times.append(elapsed)
            if cpu is not None:
                cpu.append(cpu_seconds_used() - cpu_before)
    return times


def cpu_seconds_used() -> float:
    """CPU seconds used so far by this process and, on PostgreSQL, by its connection's backend."""
    used = time.process_time()
    if "django" in sys.modules:
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                used += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except OSError:
                pass
    return used


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


_scratch: list[Path] = []


def use_database(*, postgres: bool, name: str) -> str:
    """Point DATABASE_URL at a fresh database for this run (and the uploaded files at a scratch
    folder); ``drop_database`` removes both. Returns how to describe it."""
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    media = Path(tempfile.mkdtemp(prefix=f"{name}-media-"))
    _scratch.append(media)
    os.environ["TEST_MEDIA_ROOT"] = os.environ["MEDIA_ROOT"] = str(media)
    if postgres:
        pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        pg_admin(f"CREATE DATABASE {name}")
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{name}"
        return f"PostgreSQL ({name}, created for the run and dropped)"
    db_file = sqlite_file(name)
    db_file.parent.mkdir(exist_ok=True)
    remove_sqlite(db_file)
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    return "SQLite (a file under var/, created for the run and removed)"


def sqlite_file(name: str) -> Path:
    return ROOT / "var" / f"{name}.sqlite3"


def remove_sqlite(db_file: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)


def drop_database(*, postgres: bool, name: str) -> None:
    """Drop what ``use_database`` made: the PostgreSQL database or the SQLite file, and the files."""
    if "django" in sys.modules:
        from django.db import connections

        connections.close_all()
    if postgres:
        pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    else:
        remove_sqlite(sqlite_file(name))
    while _scratch:
        shutil.rmtree(_scratch.pop(), ignore_errors=True)


def setup_django(settings: str = "config.settings.test") -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    import django

    django.setup()


def append_results(title: str, lines: list[str]) -> None:
    """Add a section to bench/RESULTS.md, dated, with the machine."""
    existing = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    section = [f"## {title}, {date.today():%Y-%m-%d}", "", f"- machine: {machine()}", *lines, ""]
    RESULTS.write_text(existing.rstrip("\n") + "\n\n" + "\n".join(section), encoding="utf-8")
