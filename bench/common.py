"""What every benchmark needs: the machine's description, a database of its own (a fresh SQLite
file or a PostgreSQL database created and dropped), Django set up on it, and RESULTS.md."""

import os
import platform
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
RESULTS = ROOT / "bench" / "RESULTS.md"


def arguments(doc: str, *, name: str):
    """The options every benchmark takes: --postgres (a database ``name``, created and dropped) and
    --write (append the figures to RESULTS.md). Add more to the returned parser."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true", help=f"use PostgreSQL database {name} (created, dropped)")
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
    return f"nproc {len(os.sched_getaffinity(0))}, {model}, Python {platform.python_version()}"


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def use_database(*, postgres: bool, name: str) -> str:
    """Point DATABASE_URL at a fresh database for this run; returns how to describe it."""
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    if postgres:
        pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        pg_admin(f"CREATE DATABASE {name}")
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{name}"
        return f"PostgreSQL ({name}, created for the run and dropped)"
    db_file = ROOT / "var" / f"{name}.sqlite3"
    db_file.parent.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    return "SQLite (fresh file under var/)"


def drop_database(*, postgres: bool, name: str) -> None:
    from django.db import connections

    connections.close_all()
    if postgres:
        pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()


def append_results(title: str, lines: list[str]) -> None:
    """Add a section to bench/RESULTS.md, dated, with the machine."""
    existing = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    section = [f"## {title}, {date.today():%Y-%m-%d}", "", f"- machine: {machine()}", *lines, ""]
    RESULTS.write_text(existing.rstrip("\n") + "\n\n" + "\n".join(section), encoding="utf-8")
