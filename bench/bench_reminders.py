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

import sys
import time
from datetime import date, timedelta

from common import append_results, arguments, drop_database, setup_django, use_database

PG_NAME = "pbgdpl_bench_reminders"
TARGET_SECONDS = 2.0
DAY = date(2024, 12, 8)


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

    from reminders.scan import reminders_scan

    with CaptureQueriesContext(connection) as queries:
        t0 = time.perf_counter()
        result = reminders_scan(day=DAY, queue=False)
        elapsed = time.perf_counter() - t0
    return result, elapsed, len(queries.captured_queries)


def main() -> int:
    parser = arguments(__doc__, name=PG_NAME)
    parser.add_argument("--units", type=int, default=100)
    args = parser.parse_args()

    database = use_database(postgres=args.postgres, name=PG_NAME)
    setup_django()
    from django.core.management import call_command

    from reminders.models import Reminder, ReminderEmail
    from tasks.models import Obligation

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
        drop_database(postgres=args.postgres, name=PG_NAME)

    verdict = "under" if elapsed < TARGET_SECONDS else "OVER"
    summary = (
        f"{args.units} units × 30 obligations × 3 recipients: scan in **{elapsed:.2f} s** ({verdict} the "
        f"{TARGET_SECONDS:.0f} s target), {reminders:,} reminders in {emails} emails, {queries} queries "
        f"({small_queries} for 10 units); the second run of the day records nothing in {elapsed_again:.2f} s"
    )
    print(f"{database}: {summary}")
    if args.write:
        append_results("Reminder scan (bench/bench_reminders.py)", [f"- database: {database}", f"- result: {summary}"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
