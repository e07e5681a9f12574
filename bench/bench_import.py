"""Benchmark: import 10,000 activities from an XLSX file into a fresh database (issue 3, item 7).

    .venv/bin/python bench/bench_import.py                 # SQLite under var/ (a fresh file)
    .venv/bin/python bench/bench_import.py --postgres      # creates and drops pbgdpl_bench_import
    .venv/bin/python bench/bench_import.py --write         # also append the figure to bench/RESULTS.md

The file is generated with openpyxl from the downloadable template, filled the way a unit types it
(dd/mm/yyyy dates as text, "1.500.000" numbers, Vietnamese labels, several target groups). The
figure is the wall time of ``activities_import`` (read, check every row, bulk insert with history,
target groups, obligations) on a database holding the unit registry and Decision 762. Target: < 10 s.
"""

import argparse
import io
import os
import platform
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = "pbgdpl_bench_import"
TARGET_SECONDS = 10.0


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPU (nproc {len(os.sched_getaffinity(0))}), {model}, Python {platform.python_version()}"


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def build_workbook(plan, rows: int) -> bytes:
    from django.utils import translation
    from openpyxl import load_workbook

    from tasks.imports import activities_template
    from tasks.models import DisseminationForm, TargetGroup, Topic

    with translation.override("vi"):
        forms = [str(label) for _value, label in DisseminationForm.choices]
        groups = [str(label) for _value, label in TargetGroup.choices]
        topics = [str(label) for _value, label in Topic.choices]
    codes = ["2", "3.1", "3.2", "5", "6.1", "7", "9"]
    workbook = load_workbook(io.BytesIO(activities_template(plan=plan)))
    sheet = workbook.worksheets[0]
    start = date(2024, 1, 2)
    for i in range(rows):
        day = start + timedelta(days=i % 340)
        sheet.append(
            [
                codes[i % len(codes)],
                day.strftime("%d/%m/%Y"),
                (day + timedelta(days=i % 3)).strftime("%d/%m/%Y") if i % 2 else None,
                f"Tuyên truyền pháp luật số {i + 1} tại phường Hàng Bạc",
                "Buổi nói chuyện chuyên đề về Luật Căn cước và Luật Phòng, chống ma túy",
                forms[i % len(forms)],
                "; ".join(groups[(i + k) % len(groups)] for k in range(1 + i % 3)),
                topics[i % len(topics)],
                "Phường Hàng Bạc",
                "Quận Hoàn Kiếm",
                str(1 + i % 4),
                f"{(i * 37) % 5000:,}".replace(",", "."),
                str(i % 900),
                i * 11,
                f"{(i % 200) * 250_000:,}".replace(",", "."),
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--postgres", action="store_true", help=f"use PostgreSQL database {PG_NAME} (created, dropped)")
    parser.add_argument("--write", action="store_true", help="append the result to bench/RESULTS.md")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    if args.postgres:
        pg_admin(f"DROP DATABASE IF EXISTS {PG_NAME}")
        pg_admin(f"CREATE DATABASE {PG_NAME}")
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_NAME}"
        database = f"PostgreSQL ({PG_NAME}, created for the run and dropped)"
    else:
        db_file = ROOT / "var" / "bench-import.sqlite3"
        db_file.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
        database = "SQLite (fresh file under var/)"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connections

    from accounts.models import Unit, User
    from plans.models import Plan
    from tasks.imports import activities_import
    from tasks.models import Activity, ActivityTargetGroup

    try:
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_units", verbosity=0)
        call_command("load_plan", str(ROOT / "plans/data/762-QD-BCA-V03-2024.yaml"), verbosity=0)
        plan = Plan.objects.get(number="762/QĐ-BCA-V03")
        user = User.objects.create_user(
            "bench.reporter", password="bench-Only-1", role=User.Role.REPORTER, unit=Unit.objects.get(key="ca01")
        )
        t0 = time.perf_counter()
        content = build_workbook(plan, args.rows)
        built = time.perf_counter() - t0
        upload = SimpleUploadedFile("hoat-dong.xlsx", content)

        t0 = time.perf_counter()
        result = activities_import(by=user, plan=plan, upload=upload)
        elapsed = time.perf_counter() - t0

        if not result.ok:
            print("import refused:", [e.as_dict() for e in result.errors[:5]], file=sys.stderr)
            return 1
        history = Activity.history.count()
        assert result.created == args.rows == Activity.objects.count() == history, (result.created, history)
        groups = ActivityTargetGroup.objects.count()
    finally:
        connections.close_all()
        if args.postgres:
            pg_admin(f"DROP DATABASE IF EXISTS {PG_NAME}")
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_file}{suffix}").unlink(missing_ok=True)

    verdict = "under" if elapsed < TARGET_SECONDS else "OVER"
    summary = (
        f"{args.rows:,} rows ({len(content) / 1024:.0f} KiB XLSX, built in {built:.1f} s) imported in "
        f"{elapsed:.2f} s — {verdict} the {TARGET_SECONDS:.0f} s target; {history:,} history rows, "
        f"{groups:,} target-group rows"
    )
    print(f"{database}: {summary}")
    if args.write:
        results = ROOT / "bench" / "RESULTS.md"
        with results.open("a", encoding="utf-8") as out:
            if results.stat().st_size == 0:
                out.write("# Benchmark results\n")
            out.write(
                f"\n## Activity import (bench/bench_import.py), {date.today():%Y-%m-%d}\n\n"
                f"- machine: {machine()}\n- database: {database}\n- result: {summary}\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
