"""Benchmark: the daily reminder scan for 100 units × 30 obligations × 3 recipients (issue 4).

    .venv/bin/python bench/bench_reminders.py                 # SQLite under var/ (a fresh file)
    .venv/bin/python bench/bench_reminders.py --postgres      # creates and drops pbgdpl_bench_reminders
    .venv/bin/python bench/bench_reminders.py --write         # also append the figure to bench/RESULTS.md

Every one of the 3,000 obligations is due for a reminder on the scan day (4 deliverables due in 14,
7, 3 and 1 days, 26 overdue on a 7-day repeat), so the scan records 9,000 reminders in 300 emails
(one per leader). The figure is the wall time of ``reminders_scan`` (read, decide, record; sending
is not included), with its query count; then the same scan for 10 units, to show the count does not
grow. A second run the same day must record nothing. Target: < 2 s.
"""

import argparse
import os
import platform
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = "pbgdpl_bench_reminders"
TARGET_SECONDS = 2.0
DAY = date(2024, 12, 8)


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


def build(units: int, per_unit: int, recipients: int, prefix: str):
    """A plan of ``per_unit`` deliverables owed by ``units`` new units, each with ``recipients`` leaders."""
    from accounts.models import Unit, User
    from plans.models import Deliverable, Plan, Task, TaskGroup
    from tasks.models import Obligation

    plan = Plan.objects.create(
        number=f"BENCH-{prefix}",
        signed_on=date(2024, 2, 6),
        year=2024,
        title="Kế hoạch thử tải",
        report_window_start=date(2023, 12, 15),
        report_window_end=date(2024, 12, 14),
    )
    group = TaskGroup.objects.create(plan=plan, number="I", title="Nhóm nhiệm vụ")
    due_dates = [DAY + timedelta(days=d) for d in (14, 7, 3, 1)]
    due_dates += [DAY - timedelta(days=7 * k) for k in range(per_unit - len(due_dates))]
    deliverables = []
    for i, due in enumerate(due_dates):
        task = Task.objects.create(group=group, code=f"{i + 1}", title=f"Nhiệm vụ thử số {i + 1}", order=i)
        deliverables.append(
            Deliverable.objects.create(
                plan=plan,
                task=task,
                key=f"d{i}",
                title=f"Sản phẩm thử số {i + 1}",
                deadline_kind=Deliverable.DeadlineKind.BEFORE,
                due_date=due,
                order=i,
            )
        )
    unit_rows = Unit.objects.bulk_create(
        [Unit(key=f"{prefix}-{n:03d}", kind=Unit.Kind.PROVINCE, name=f"Công an tỉnh thử {n}") for n in range(units)]
    )
    Obligation.objects.bulk_create([Obligation(deliverable=d, unit=u) for u in unit_rows for d in deliverables])
    User.objects.bulk_create(
        [
            User(
                username=f"{u.key}.leader{k}",
                email=f"{u.key}.leader{k}@example.test",
                role=User.Role.LEADER,
                unit=u,
                password="!",
            )
            for u in unit_rows
            for k in range(recipients)
        ]
    )


def timed_scan():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tasks.reminders import reminders_scan

    with CaptureQueriesContext(connection) as queries:
        t0 = time.perf_counter()
        result = reminders_scan(day=DAY, queue=False)
        elapsed = time.perf_counter() - t0
    return result, elapsed, len(queries.captured_queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=100)
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
        db_file = ROOT / "var" / "bench-reminders.sqlite3"
        db_file.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
        database = "SQLite (fresh file under var/)"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from tasks.models import Obligation, Reminder, ReminderEmail

    try:
        call_command("migrate", verbosity=0, interactive=False)
        # 10 units first: the query count of the small scan, to compare with the big one
        build(10, 30, 3, "small")
        _small, _t, small_queries = timed_scan()
        Reminder.objects.all().delete()
        ReminderEmail.objects.all().delete()
        Obligation.objects.filter(unit__key__startswith="small-").delete()

        build(args.units, 30, 3, "bench")
        result, elapsed, queries = timed_scan()
        again, elapsed_again, _q = timed_scan()
        reminders, emails = Reminder.objects.count(), ReminderEmail.objects.count()
        assert reminders == args.units * 30 * 3 == result.item_count, (reminders, result.item_count)
        assert emails == args.units * 3
        assert again.item_count == 0
    finally:
        connections.close_all()
        if args.postgres:
            pg_admin(f"DROP DATABASE IF EXISTS {PG_NAME}")
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_file}{suffix}").unlink(missing_ok=True)

    verdict = "under" if elapsed < TARGET_SECONDS else "OVER"
    summary = (
        f"{args.units} units × 30 obligations × 3 recipients: scan in **{elapsed:.2f} s** ({verdict} the "
        f"{TARGET_SECONDS:.0f} s target), {reminders:,} reminders in {emails} emails, {queries} queries "
        f"({small_queries} for 10 units); the second run of the day records nothing in {elapsed_again:.2f} s"
    )
    print(f"{database}: {summary}")
    if args.write:
        results = ROOT / "bench" / "RESULTS.md"
        with results.open("a", encoding="utf-8") as out:
            out.write(
                f"\n## Reminder scan (bench/bench_reminders.py), {date.today():%Y-%m-%d}\n\n"
                f"- machine: {machine()}\n- database: {database}\n- result: {summary}\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
