"""Benchmark: the daily reminder scan for 100 units × 30 obligations × 3 recipients, with a
reviewer's overdue summary (issue 4; issue 14 goal 2).

    .venv/bin/python bench/bench_reminders.py                 # SQLite (a file under var/, removed)
    .venv/bin/python bench/bench_reminders.py --postgres      # creates and drops pbgdpl_bench_reminders
    .venv/bin/python bench/bench_reminders.py --write         # also append the figure to bench/RESULTS.md

Every one of the 3,000 obligations is due for a reminder on the scan day (4 deliverables due in 14,
7, 3 and 1 days, 26 overdue on a 7-day repeat), so the scan records 9,000 reminders for the 300
leaders and 2,600 overdue-summary items for the reviewer, in 301 emails. The figure is the wall
time of ``reminders_scan`` (read, decide, record), median of 5 runs after a warm-up, each on a
database emptied of the previous run's reminders; its query count is compared with the same scan
for 10 units. A second scan the same day must record nothing (timed too). Target: < 0.5 s.

Left out: writing and sending the emails (``reminders.digest``/``delivery``, one per person, run
by the workers afterwards), the Celery round trip, and the units' successors (none here).
"""

import sys
from datetime import date, timedelta

from common import append_results, arguments, drop_database, print_machine, repeat, setup_django, spread, use_database

PG_NAME = "pbgdpl_bench_reminders"
TARGET_SECONDS = 0.5
DAY = date(2024, 12, 8)
OVERDUE_PER_UNIT = 26


def build(units: int, per_unit: int, recipients: int, prefix: str, reviewers: int):
    """A plan of ``per_unit`` deliverables owed by ``units`` new units, each with ``recipients``
    leaders, and ``reviewers`` reviewers who get the overdue summary."""
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
    people = [
        User(username=f"{u.key}.leader{k}", email=f"{u.key}.leader{k}@example.test", role=User.Role.LEADER, unit=u)
        for u in unit_rows
        for k in range(recipients)
    ]
    people += [
        User(username=f"{prefix}.reviewer{k}", email=f"{prefix}.reviewer{k}@example.test", role=User.Role.REVIEWER)
        for k in range(reviewers)
    ]
    for person in people:
        person.password = "!"
    User.objects.bulk_create(people)


def scan():
    from reminders.scan import reminders_scan

    return reminders_scan(day=DAY, queue=None)


def counted_scan():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = scan()
    return result, len(queries.captured_queries)


def forget():
    from reminders.models import Reminder, ReminderEmail

    Reminder.objects.all().delete()
    ReminderEmail.objects.all().delete()


def main() -> int:
    parser = arguments(__doc__, name=PG_NAME)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--reviewers", type=int, default=1)
    args = parser.parse_args()

    print_machine()
    database = use_database(postgres=args.postgres, name=PG_NAME)
    try:
        setup_django()
        from django.core.management import call_command

        from reminders.models import Reminder, ReminderEmail
        from tasks.models import Obligation

        call_command("migrate", verbosity=0, interactive=False)
        # 10 units first: the query count of the small scan, to compare with the big one
        build(10, 30, 3, "small", args.reviewers)
        _small, small_queries = counted_scan()
        forget()
        Obligation.objects.filter(unit__key__startswith="small-").delete()

        build(args.units, 30, 3, "bench", 0)  # the reviewers made above get the big scan's summary
        cpu = []
        times = repeat(scan, runs=args.runs, before=forget, cpu=cpu)
        leaders = Reminder.objects.filter(kind__in=["upcoming", "overdue"]).count()
        summary_items = Reminder.objects.filter(kind="overdue_summary").count()
        emails = ReminderEmail.objects.count()
        forget()
        result, queries = counted_scan()
        assert leaders == args.units * 30 * 3, leaders
        assert summary_items == args.units * OVERDUE_PER_UNIT * args.reviewers, summary_items
        assert result.item_count == leaders + summary_items
        assert emails == args.units * 3 + args.reviewers
        again = []
        again_times = repeat(lambda: again.append(scan().item_count), runs=args.runs, warmup=0)
        assert set(again) == {0}, again
    finally:
        drop_database(postgres=args.postgres, name=PG_NAME)

    verdict = "under" if sorted(times)[len(times) // 2] < TARGET_SECONDS else "OVER"
    lines = [
        f"- database: {database}",
        f"- data: {args.units} units × 30 obligations × 3 leaders, {args.reviewers} reviewer(s) with the overdue "
        f"summary: {leaders:,} reminders + {summary_items:,} summary items in {emails} emails",
        f"- scan (read, decide, record): **{spread(times)}** — {verdict} the {TARGET_SECONDS} s target; "
        f"{queries} queries ({small_queries} for 10 units); CPU (this process and its database backend): "
        f"{spread(cpu)}",
        f"- second scan of the day (records nothing): {spread(again_times)}",
        "- left out: rendering and sending the emails (the workers' job), Celery, units' successors",
    ]
    print("\n".join(lines))
    if args.write:
        append_results("Reminder scan (bench/bench_reminders.py)", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
