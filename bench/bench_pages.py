"""Benchmark: the server time of the pages people wait on (issue 11, "Speed"), at the units the 2024
plan expects (91 with today's registry: the 63 provinces and the ministry's units) and at 600 units.

    .venv/bin/python bench/bench_pages.py               # SQLite, a fresh file, removed afterwards
    .venv/bin/python bench/bench_pages.py --postgres    # PostgreSQL, a database created and dropped
    .venv/bin/python bench/bench_pages.py --write       # also append the figures to bench/RESULTS.md

It loads the unit registry and Decision 762, gives every unit 20 activities (the tallies recounted)
and a results report (40 % accepted, 30 % submitted, 10 % returned, the rest not sent), and times,
through Django's test client (the view, the template, no HTTP parsing), as V03's reviewer: the
overview with its matrix of units × 17 tasks, charts and map; the same as a workbook; the activity
list (first page, filtered); the list of reports; the review queue; and a unit's dashboard as its
reporter. Then it adds provinces until the plan expects 600 units (the plan loaded again makes their
obligations), fills them the same way and times the same pages. The number of queries of every page
is counted at both sizes: it must not grow with the units.
"""

import sys
from datetime import date

from common import ROOT, append_results, drop_database, print_machine, repeat, setup_django, spread, use_database

PG_NAME = "pbgdpl_bench_pages"
ACTIVITIES_PER_UNIT = 20
PAGES = [
    ("reviewer", "/", "overview (matrix, charts, map)"),
    ("reviewer", "/?format=xlsx", "overview as XLSX"),
    ("reviewer", "/hoat-dong/?q=Tuy%C3%AAn&sort=-date", "activity list, searched"),
    ("reviewer", "/bao-cao/danh-sach/?sort=-last_sent", "list of reports"),
    ("reviewer", "/xet-duyet/", "review queue"),
    ("reporter", "/", "a unit's dashboard"),
]


def plan_file() -> str:
    return str(ROOT / "plans/data/762-QD-BCA-V03-2024.yaml")


def setup() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_units", verbosity=0)
    call_command("load_plan", plan_file(), verbosity=0)


def grow_to(total: int) -> None:
    """Add provinces valid in 2024 until the plan expects ``total`` units; load the plan again."""
    from django.core.management import call_command

    from accounts.models import Unit
    from plans.models import Plan
    from tasks.obligations.selectors import plan_units

    plan = Plan.objects.get(number="762/QĐ-BCA-V03")
    missing = total - plan_units(plan=plan).count()
    areas = ["bac", "trung", "nam"]
    Unit.objects.bulk_create(
        Unit(
            key=f"bench{i:03d}",
            kind=Unit.Kind.PROVINCE,
            code=f"B{i:03d}",
            name=f"Công an tỉnh Thử nghiệm {i + 1}",
            province_name=f"Thử nghiệm {i + 1}",
            area=areas[i % 3],
            valid_to=date(2025, 6, 30),
        )
        for i in range(missing)
    )
    call_command("load_plan", plan_file(), verbosity=0)
    assert plan_units(plan=plan).count() == total, plan_units(plan=plan).count()


def fill() -> int:
    """Activities and reports for every unit the plan expects that has none yet; returns the units."""
    from django.core.management import call_command

    from plans.models import Plan, Task
    from reports.annual.models import AnnualReport
    from tasks.activities.models import Activity, ActivityTargetGroup
    from tasks.obligations.selectors import plan_units

    plan = Plan.objects.get(number="762/QĐ-BCA-V03")
    tasks = list(Task.objects.filter(group__plan=plan))
    units = [u for u in plan_units(plan=plan) if not AnnualReport.objects.filter(unit=u, plan=plan).exists()]
    activities = [
        Activity(
            unit=unit,
            task=tasks[(n * 7 + i) % len(tasks)],
            start_date=date(2024, 1 + i % 11, 1 + n % 27),
            title=f"Tuyên truyền pháp luật số {i} tại {unit.province_name or unit.name}",
            form="direct",
            participants=50 + (n * 13 + i) % 400,
            sessions=1,
        )
        for n, unit in enumerate(units)
        for i in range(ACTIVITIES_PER_UNIT)
    ]
    made = Activity.objects.bulk_create(activities, batch_size=2000)
    ActivityTargetGroup.objects.bulk_create(
        [ActivityTargetGroup(activity=a, target_group="public") for a in made], batch_size=2000
    )
    statuses = ["accepted"] * 4 + ["submitted"] * 3 + ["returned"]
    AnnualReport.objects.bulk_create(
        AnnualReport(unit=unit, plan=plan, status=statuses[n % 10], submitted_at=None)
        for n, unit in enumerate(units)
        if n % 10 < len(statuses)
    )
    call_command("tallies_rebuild", verbosity=0)
    return plan_units(plan=plan).count()


def clients():
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # what the test runner would add

    from accounts.models import Unit, User

    password = "Bench-pages-2024"  # a user of the benchmark's own database
    User.objects.create_user(
        "bench.reviewer", password=password, role=User.Role.REVIEWER, unit=Unit.objects.get(key="v03")
    )
    User.objects.create_user(
        "bench.reporter", password=password, role=User.Role.REPORTER, unit=Unit.objects.get(key="ca01")
    )
    made = {}
    for name in ("reviewer", "reporter"):
        made[name] = Client()  # signed in through the sign-in page, as a person is
        response = made[name].post("/dang-nhap/", {"username": f"bench.{name}", "password": password})
        assert response.status_code == 302, response.content.decode()[-3000:]
    return made


def measure(by_role: dict, runs: int) -> dict[str, tuple[list[float], int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    figures = {}
    for role, path, _label in PAGES:
        client = by_role[role]

        def get(client=client, path=path):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        times = repeat(get, runs=runs)
        with CaptureQueriesContext(connection) as ctx:
            get()
        figures[path + role] = (times, len(ctx))
    return figures


def main() -> int:
    parser = __import__("common").arguments(__doc__, name=PG_NAME)
    args = parser.parse_args()
    print_machine()
    described = use_database(postgres=args.postgres, name=PG_NAME)
    try:
        setup_django()
        setup()
        small = fill()
        by_role = clients()
        at_small = measure(by_role, args.runs)
        grow_to(600)
        large = fill()
        at_large = measure(by_role, args.runs)
    finally:
        drop_database(postgres=args.postgres, name=PG_NAME)
    lines = [f"- database: {described}", f"- data: {ACTIVITIES_PER_UNIT} activities and a report per unit"]
    fixed = True
    for role, path, label in PAGES:
        (t1, q1), (t2, q2) = at_small[path + role], at_large[path + role]
        fixed &= q1 == q2
        line = (
            f"- {label} (`{path}` as {role}): {small} units **{spread(t1)}**, {q1} queries; "
            f"{large} units **{spread(t2)}**, {q2} queries"
        )
        print(line)
        lines.append(line)
    verdict = "the number of queries does not grow with the units" if fixed else "QUERIES GROW WITH THE UNITS"
    lines.append(f"- verdict: {verdict}")
    print(lines[-1])
    if args.write:
        append_results(f"Pages at the 2024 plan's {small} units and at {large} (bench/bench_pages.py)", lines)
    return 0 if fixed else 1


if __name__ == "__main__":
    sys.exit(main())
