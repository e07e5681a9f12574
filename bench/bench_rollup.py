"""Benchmark: the roll-up of 100 units and 1,000,000 activities on PostgreSQL (issue 5, "Speed").

    .venv/bin/python bench/bench_rollup.py            # creates pbgdpl_bench, measures, drops it
    .venv/bin/python bench/bench_rollup.py --write    # also append the figures to bench/RESULTS.md
    .venv/bin/python bench/bench_rollup.py --keep     # keep the database afterwards

It makes a dedicated database, migrates it, loads the unit registry plus 28 extra provincial units
(100 implementing units) and Decision 762, then fills it server-side with large INSERT … SELECT
generate_series batches: 100 annual reports (70 accepted, 15 submitted, 10 returned, 5 drafts),
1,000,000 activities spread over the tasks, units, forms and a little more than the reporting
window, 1-2 target groups each, 300 pilot models, 500 training courses. Rows written with SQL
send no signals, so the activity tallies are then recounted (``manage.py tallies_rebuild``), as
an operator would after such a load. Then, in the same run:

- the roll-up JSON: GET /api/v1/plans/{id}/rollup/ as a reviewer (Django test client, JSON
  rendered), over the whole reporting window and narrowed to whole months (read from the
  monthly tallies), and narrowed to part months (their days read from the activities);
- two hand-written SQL statements over the same rows, for comparison:
  (a) ``plain``: one GROUP BY per task over the counted activities (counts and sums only);
  (b) ``same figures``: one statement computing what the roll-up needs from activities — the
      (unit, task, form) groups and the target-group breakdown — over the same rows;
- the ministry PDF: GET /api/v1/plans/{id}/rollup.pdf;
- what the tallies cost a writer: adding one activity through the service (median of 20).

- the plain GROUP BY again over the part-month window's rows, to compare the part-month roll-up
  with (issue 14 goal 6);
- a unit's own printed report (GET /api/v1/annual-reports/{id}/print.pdf) of a unit holding
  10,000 of these activities.

The roll-up read from the tallies is checked against the one read from the activities. Each
figure is the median of 5 timed runs after one warm-up, with min and max. Targets: roll-up < 2 s
and at most 1.5 × the plain GROUP BY, for the whole window and the part-month one; the Ministry's
PDF < 1 s; a unit's PDF < 0.2 s.

Left out: the TLS proxy and gunicorn (the Django test client calls the view in-process, so the
figures hold the view, the serializer and the renderer but no HTTP parsing), and PostgreSQL tuning
(default settings).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date

from common import ROOT, append_results, drop_database, print_machine, repeat, setup_django, spread, use_database

PG_NAME = "pbgdpl_bench"
ACTIVITIES = 1_000_000
UNITS = 100
RUNS = 5
WINDOW = ("2024-03-01", "2024-09-30")  # whole months: from the tallies
WINDOW_PART = ("2024-03-10", "2024-09-20")  # part months either side: their days from the activities


def fill() -> dict:
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import Unit
    from plans.models import Plan

    call_command("migrate", verbosity=0)
    call_command("load_units", verbosity=0)
    plan_file = str(ROOT / "plans/data/762-QD-BCA-V03-2024.yaml")
    call_command("load_plan", plan_file, verbosity=0)
    plan = Plan.objects.get(number="762/QĐ-BCA-V03")

    def expected():
        units = Unit.objects.filter(obligations__deliverable__plan=plan).distinct().order_by("pk")
        return list(units.values_list("pk", flat=True))

    if len(expected()) < UNITS:  # the registry of the day has fewer: add provinces until the plan expects 100
        areas = ["bac", "trung", "nam"]
        for i in range(UNITS - len(expected())):
            Unit.objects.create(
                key=f"bench{i:02d}",
                kind=Unit.Kind.PROVINCE,
                code=f"B{i:02d}",
                name=f"Công an tỉnh Thử nghiệm {i + 1}",
                province_name=f"Thử nghiệm {i + 1}",
                area=areas[i % 3],
                valid_to=date(2025, 6, 30),
            )
        call_command("load_plan", plan_file, verbosity=0)
    units = expected()[:UNITS]  # the units that get the activities and the reports
    assert len(units) == UNITS, len(units)
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO reports_annualreport (unit_id, plan_id, status, difficulties, proposals, review_comment,
                first_submitted_at, submitted_at, created_at, updated_at, revision)
            SELECT u, %(plan)s,
                   CASE WHEN n <= 70 THEN 'accepted' WHEN n <= 85 THEN 'submitted'
                        WHEN n <= 95 THEN 'returned' ELSE 'draft' END,
                   'Khó khăn về kinh phí', 'Đề nghị bổ sung tài liệu', '',
                   CASE WHEN n <= 95 THEN timestamptz '2024-12-10 09:00+07' + (n || ' hours')::interval END,
                   CASE WHEN n <= 95 THEN timestamptz '2024-12-10 09:00+07' + (n || ' hours')::interval END,
                   now(), now(), 1
            FROM unnest(%(units)s::bigint[]) WITH ORDINALITY AS x(u, n)
            """,
            {"plan": plan.pk, "units": units},
        )
        cur.execute(
            "SELECT array_agg(t.id ORDER BY t.id) FROM plans_task t JOIN plans_taskgroup g ON g.id = "
            "t.group_id WHERE g.plan_id = %s",
            [plan.pk],
        )
        tasks = cur.fetchone()[0]
        forms = [
            "direct",
            "consultation",
            "contest",
            "community",
            "mass_media",
            "online",
            "leaflets",
            "bookcase",
            "training",
            "other",
        ]
        batch = 250_000
        for start in range(0, ACTIVITIES, batch):
            cur.execute(
                """
                INSERT INTO tasks_activity (start_date, title, description, form, topics, commune, district,
                    sessions, participants, copies, online_reach, budget_vnd, created_at, updated_at, revision,
                    task_id, unit_id)
                SELECT date '2023-12-01' + (g * 7919 %% 400)::int, 'Tuyên truyền, phổ biến pháp luật tại khu dân cư '
                       || g, '', (%(forms)s::text[])[1 + g %% 10], '[]', 'Phường Hàng Bạc', 'Quận Hoàn Kiếm',
                       g %% 5, g * 31 %% 400, g * 17 %% 1000, g * 13 %% 20000, (g %% 40) * 250000, now(), now(), 1,
                       (%(tasks)s::bigint[])[1 + g %% array_length(%(tasks)s::bigint[], 1)],
                       (%(units)s::bigint[])[1 + (g / 7) %% 100]
                FROM generate_series(%(first)s::bigint, %(last)s::bigint) AS g
                """,
                {"forms": forms, "tasks": tasks, "units": units, "first": start + 1, "last": start + batch},
            )
        groups = [
            "children",
            "street_youth",
            "workers",
            "ethnic_minorities",
            "mountain",
            "reintegrating",
            "public",
            "officers",
        ]
        cur.execute(
            """
            INSERT INTO tasks_activitytargetgroup (activity_id, target_group)
            SELECT id, (%(groups)s::text[])[1 + id %% 8] FROM tasks_activity
            UNION ALL
            SELECT id, (%(groups)s::text[])[1 + (id + 3) %% 8] FROM tasks_activity WHERE id %% 2 = 0
            """,
            {"groups": groups},
        )
        cur.execute(
            """
            INSERT INTO tasks_pilotmodel (unit_id, plan_id, name, place, target_group, start_date, status,
                evaluation, replicated_to, created_at, revision)
            SELECT (%(units)s::bigint[])[1 + g %% 100], %(plan)s, 'Mô hình điểm số ' || g, 'Xã An Bình', 'public',
                   date '2024-02-01' + g, (ARRAY['running','evaluated','proposed','replicated'])[1 + g %% 4],
                   '', '', now(), 1
            FROM generate_series(1, 300) AS g
            """,
            {"units": units, "plan": plan.pk},
        )
        cur.execute(
            """
            INSERT INTO tasks_trainingcourse (unit_id, task_id, title, region, start_date, place, participants,
                created_at, revision)
            SELECT (%(units)s::bigint[])[1 + g %% 100],
                   (SELECT t.id FROM plans_task t JOIN plans_taskgroup gr ON gr.id = t.group_id
                    WHERE gr.plan_id = %(plan)s AND t.code = CASE WHEN g %% 2 = 0 THEN '8.2a' ELSE '8.2b' END),
                   'Lớp tập huấn ' || g, (ARRAY['bac','trung','nam'])[1 + g %% 3], date '2024-03-01' + g %% 200,
                   'Hà Nội', 50 + g %% 150, now(), 1
            FROM generate_series(1, 500) AS g
            """,
            {"units": units, "plan": plan.pk},
        )
    started = time.perf_counter()
    call_command("tallies_rebuild", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    tallies_seconds = time.perf_counter() - started
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
        cur.execute("SELECT count(*) FROM tasks_activity")
        activities = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM tasks_activitytargetgroup")
        target_groups = cur.fetchone()[0]
    return {
        "plan": plan,
        "units": len(units),
        "activities": activities,
        "target_groups": target_groups,
        "tallies_seconds": tallies_seconds,
    }


PLAIN_SQL = """
SELECT a.task_id, count(*), sum(a.sessions), sum(a.participants), sum(a.copies), sum(a.online_reach),
       sum(a.budget_vnd)
FROM tasks_activity a
JOIN reports_annualreport r ON r.unit_id = a.unit_id AND r.plan_id = %(plan)s AND r.status = 'accepted'
WHERE a.start_date BETWEEN %(start)s AND %(end)s
GROUP BY a.task_id
"""

SAME_FIGURES_SQL = """
WITH counted AS NOT MATERIALIZED (  -- inlined: each branch scans with its own best plan
    SELECT a.id, a.unit_id, a.task_id, a.form, a.sessions, a.participants, a.copies, a.online_reach, a.budget_vnd
    FROM tasks_activity a
    JOIN reports_annualreport r ON r.unit_id = a.unit_id AND r.plan_id = %(plan)s AND r.status = 'accepted'
    WHERE a.start_date BETWEEN %(start)s AND %(end)s
)
SELECT NULL::text, unit_id, task_id, form, count(*), sum(sessions), sum(participants), sum(copies),
       sum(online_reach), sum(budget_vnd)
FROM counted GROUP BY unit_id, task_id, form
UNION ALL
SELECT t.target_group, NULL, NULL, NULL, count(*), sum(c.sessions), sum(c.participants), sum(c.copies),
       sum(c.online_reach), sum(c.budget_vnd)
FROM counted c JOIN tasks_activitytargetgroup t ON t.activity_id = c.id
GROUP BY t.target_group
"""


def timed(fn) -> list[float]:
    return repeat(fn, runs=RUNS)


def measure(plan) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from accounts.models import Unit, User
    from reports.annual.models import AnnualReport
    from reports.rollup import RollupFilters, plan_rollup
    from tasks.models import Activity

    setup_test_environment()
    reviewer = User.objects.create_user("bench.reviewer", role=User.Role.REVIEWER, unit=Unit.objects.get(key="v03"))
    client = Client()
    client.force_login(reviewer)
    params = {"plan": plan.pk, "start": plan.report_window_start, "end": plan.report_window_end}

    part = {**params, "start": WINDOW_PART[0], "end": WINDOW_PART[1]}

    def sql(statement, values=params):
        def run():
            with connection.cursor() as cur:
                cur.execute(statement, values)
                cur.fetchall()

        return run

    def get(url):
        def run():
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        return run

    rollup_url = f"/api/v1/plans/{plan.pk}/rollup/"
    body = get(rollup_url)().json()
    # The tallies agree with the activities they count, at this size too.
    now = timezone.now()
    for window in (None, WINDOW_PART):
        days = {"date_from": date.fromisoformat(window[0]), "date_to": date.fromisoformat(window[1])} if window else {}
        same = RollupFilters(at=now, **days)
        assert plan_rollup(plan=plan, filters=same) == plan_rollup(plan=plan, filters=same, read_activities=True), (
            f"the tallies differ from the activities ({window or 'whole window'})"
        )
    report = AnnualReport.objects.filter(plan=plan, status="accepted").order_by("pk").first()
    report_activities = Activity.objects.filter(unit_id=report.unit_id).count()
    return {
        "plain": timed(sql(PLAIN_SQL)),
        "plain_part": timed(sql(PLAIN_SQL, part)),
        "same": timed(sql(SAME_FIGURES_SQL)),
        "rollup": timed(get(rollup_url)),
        "rollup_window": timed(get(f"{rollup_url}?date_from={WINDOW[0]}&date_to={WINDOW[1]}")),
        "rollup_part": timed(get(f"{rollup_url}?date_from={WINDOW_PART[0]}&date_to={WINDOW_PART[1]}")),
        "pdf": timed(get(f"/api/v1/plans/{plan.pk}/rollup.pdf")),
        "pdf_bytes": len(get(f"/api/v1/plans/{plan.pk}/rollup.pdf")().content),
        "unit_pdf": timed(get(f"/api/v1/annual-reports/{report.pk}/print.pdf")),
        "unit_activities": report_activities,
        "write": write_cost(plan),
        "counted_units": body["units"]["counted"],
        "counted_activities": body["totals"]["activities"],
    }


def write_cost(plan) -> float:
    """Adding one activity through the service, tallies recounted (median of 20, rolled back)."""
    from django.db import transaction

    from accounts.models import User
    from plans.models import Task
    from reports.annual.models import AnnualReport
    from tasks.activities.services import activity_create

    unit_id = AnnualReport.objects.filter(plan=plan, status="accepted").order_by("pk").values_list("unit_id")[0][0]
    reporter = User.objects.create_user("bench.reporter", role=User.Role.REPORTER, unit_id=unit_id)
    task = Task.objects.get(group__plan=plan, code="3.1")
    values = {"task": task, "start_date": date(2024, 5, 10), "title": "Tuyên truyền", "form": "direct"}
    runs = []
    with transaction.atomic():
        for _ in range(20):
            started = time.perf_counter()
            activity_create(by=reporter, values={**values, "participants": 100}, target_groups=["public", "workers"])
            runs.append(time.perf_counter() - started)
        transaction.set_rollback(True)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="append the figures to bench/RESULTS.md")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()

    print_machine()
    # The reviewer signs in with force_login, which has no client address for django-axes to log.
    os.environ.setdefault("AXES_ENABLED", "false")
    use_database(postgres=True, name=PG_NAME)
    try:
        setup_django()
        started = time.perf_counter()
        data = fill()
        fill_seconds = time.perf_counter() - started
        print(
            f"filled in {fill_seconds:.1f} s: {data['units']} units, {data['activities']:,} activities, "
            f"{data['target_groups']:,} target-group rows"
        )
        m = measure(data["plan"])
        from django.db import connection

        pg_version = connection.cursor().connection.info.server_version
        connection.close()
    finally:
        if not args.keep:
            drop_database(postgres=True, name=PG_NAME)

    med = {k: statistics.median(v) for k, v in m.items() if isinstance(v, list)}
    ratio_same = med["rollup"] / med["same"]
    ratio_plain = med["rollup"] / med["plain"]
    ratio_part = med["rollup_part"] / med["plain_part"]
    ok = (
        max(med["rollup"], med["rollup_window"], med["rollup_part"]) < 2
        and ratio_plain <= 1.5
        and med["pdf"] < 1
        and med["unit_pdf"] < 0.2
    )
    lines = [
        f"- database: PostgreSQL {pg_version // 10000}.{pg_version % 10000} on loopback, default settings; a "
        "dedicated database created and dropped by the run",
        f"- data: {data['units']} units, {data['activities']:,} activities ({data['target_groups']:,} target-group "
        f"rows), 100 reports (70 accepted); filled with SQL in {fill_seconds:.0f} s, of which "
        f"`tallies_rebuild` {data['tallies_seconds']:.1f} s; the default roll-up counts "
        f"{m['counted_activities']:,} activities of {m['counted_units']} units, and equals the roll-up read "
        "from the activities (and so does the part-month window's)",
        f"- roll-up JSON over the reporting window (GET …/rollup/, from the tallies): **{spread(m['rollup'])}** "
        "(target < 2 s)",
        f"- plain hand-written GROUP BY per task over the same activity rows (counts and sums only): "
        f"{spread(m['plain'])} → roll-up = **{ratio_plain:.2f} ×** (target ≤ 1.5 ×)",
        f"- one hand-written statement computing all the activity figures ((unit, task, form) groups + "
        f"target-group breakdown): {spread(m['same'])} → roll-up = {ratio_same:.2f} ×",
        f"- roll-up JSON narrowed to {WINDOW[0]} – {WINDOW[1]} (whole months, from the tallies): "
        f"**{spread(m['rollup_window'])}**",
        f"- roll-up JSON narrowed to {WINDOW_PART[0]} – {WINDOW_PART[1]} (the part months' days read from the "
        f"activities): **{spread(m['rollup_part'])}** (target < 2 s); the plain GROUP BY over that window's rows: "
        f"{spread(m['plain_part'])} → **{ratio_part:.2f} ×** (target ≤ 1.5 ×)",
        f"- Ministry's PDF (GET …/rollup.pdf, {m['pdf_bytes'] // 1024} KiB): **{spread(m['pdf'])}** (target < 1 s)",
        f"- a unit's own printed report (GET /api/v1/annual-reports/{{id}}/print.pdf, a unit with "
        f"{m['unit_activities']:,} activities): **{spread(m['unit_pdf'])}** (target < 0.2 s)",
        f"- the tallies' cost to a writer: one activity added through the service, tallies recounted: "
        f"{m['write'] * 1000:.0f} ms (median of 20)",
        "- left out: gunicorn and the TLS proxy (Django's test client, in-process), PostgreSQL tuning",
        f"- verdict: {'targets met' if ok else 'TARGET MISSED'}",
    ]
    print("\n".join(lines))
    if args.write:
        append_results("Roll-up of 100 units × 1,000,000 activities (bench/bench_rollup.py)", lines)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
