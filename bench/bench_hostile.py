"""Benchmark: hostile spreadsheets uploaded through the API, and the web worker's peak memory for
each (issue 12 item 1: "the server's peak memory importing the 10,000-row benchmark file and each
hostile file").

    .venv/bin/python bench/bench_hostile.py                # SQLite (a file under var/, removed)
    .venv/bin/python bench/bench_hostile.py --postgres     # creates and drops pbgdpl_bench_hostile
    .venv/bin/python bench/bench_hostile.py --write        # also append the figures to bench/RESULTS.md

The files are built as tests/tasks/activities/imports/test_sheet_bounds.py builds them: one cell at
XFD1048576 (it once made the reader ask for 512 GiB), one at XFD2000 (it grew the server by 1.2 GB),
a zipped sheet of 1,000,000 empty rows (845 MB before the row limit applied), numbered and without
numbers (13 KB zipped), and a cell at XFD2000 in a sheet that declares itself A1:C3; beside them the
benchmark's 10,000-row file (bench_import.build_workbook), imported into an empty unit. A live server
(gunicorn, one sync worker, the test settings) takes each upload (POST /api/v1/activities/import/)
5 times: the answer (status and message), the time as the client sees it, the worker's CPU, and the
worker's peak resident memory (VmHWM, reset before each upload through /proc/PID/clear_refs, so that
each figure is that upload's own). After all of them the same worker (same process id) still
imports a small good file.

Left out: the TLS proxy; uploads at once from several clients (one sync worker takes them in turn).
"""

import io
import re
import statistics
import sys
import time
import zipfile
from pathlib import Path

from bench_import import PASSWORD, XLSX, build_workbook
from common import append_results, arguments, drop_database, print_machine, setup_django, spread, use_database

PG_NAME = "pbgdpl_bench_hostile"
TARGET_MB = 200
UNITS = {"big": "ca01", "hostile": "ca79"}


def with_cell(ref: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active[ref] = "x"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewritten(content: bytes, change) -> bytes:
    """``content`` with its first worksheet's XML passed through ``change``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as hostile:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            hostile.writestr(info, data)
    return out.getvalue()


def of_rows(rows: int, *, numbered: bool = True) -> bytes:
    body = b"".join(b'<row r="%d"/>' % n for n in range(1, rows + 1)) if numbered else b"<row/>" * rows
    return rewritten(
        with_cell("A1"), lambda xml: re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData>" + body + b"</sheetData>", xml)
    )


def lying(ref: str) -> bytes:
    return rewritten(with_cell(ref), lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:C3"/>', xml))


def hostile_files() -> list[tuple[str, bytes]]:
    return [
        ("one cell at XFD1048576", with_cell("XFD1048576")),
        ("one cell at XFD2000", with_cell("XFD2000")),
        ("1,000,000 empty rows", of_rows(1_000_000)),
        ("1,000,000 empty rows without their numbers (<row/>)", of_rows(1_000_000, numbered=False)),
        ("a cell at XFD2000, the sheet declared A1:C3", lying("XFD2000")),
    ]


def reset_peak(pid: int) -> bool:
    """Reset the worker's VmHWM to its current resident size (Linux: 5 > /proc/PID/clear_refs)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def session_for(url: str, key: str):
    import requests

    session = requests.Session()
    signed_in = session.post(f"{url}/api/v1/auth/token/", data={"username": f"bench.{key}", "password": PASSWORD})
    assert signed_in.status_code == 200, signed_in.text
    session.headers["Authorization"] = f"Token {signed_in.json()['token']}"
    return session


def measure(server, session, plan: int, content: bytes, *, runs: int, before=None) -> dict:
    """Upload ``content`` ``runs`` times: the times, the worker's CPU and peak (MB) of each, the answer."""
    from server import status_kb

    (pid,) = server.workers()
    times, cpu, peaks, answers = [], [], [], set()
    for _ in range(runs):
        if before:
            before()
        reset = reset_peak(pid)
        cpu_before, started = server.cpu_seconds(), time.perf_counter()
        response = session.post(
            f"{server.url}/api/v1/activities/import/",
            data={"plan": plan},
            files={"file": ("hoat-dong.xlsx", content, XLSX)},
            timeout=600,
        )
        times.append(time.perf_counter() - started)
        cpu.append(server.cpu_seconds() - cpu_before)
        peaks.append(status_kb(pid, "VmHWM") / 1024)
        body = response.json()
        message = body["errors"][0]["message"] if response.status_code == 400 else f"created {body.get('created')}"
        answers.add((response.status_code, message))
    return {"times": times, "cpu": cpu, "peaks": peaks, "answers": answers, "reset": reset, "pid": pid}


def prepare() -> dict:
    from django.core.management import call_command

    from accounts.models import Unit, User
    from plans.models import Plan

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_units", verbosity=0)
    call_command("load_plan", "plans/data/762-QD-BCA-V03-2024.yaml", verbosity=0)
    plan = Plan.objects.get(number="762/QĐ-BCA-V03")
    for key in UNITS.values():
        User.objects.create_user(
            f"bench.{key}", password=PASSWORD, role=User.Role.REPORTER, unit=Unit.objects.get(key=key)
        )
    return {
        "plan": plan.pk,
        "big": build_workbook(plan, 10_000, "Tuyên truyền"),
        "small": build_workbook(plan, 5, "Nhỏ"),
    }


def empty_unit(key: str):
    """Put the unit back as it was before an upload: its activities, target groups, history and
    tallies deleted in SQL (a delete through the ORM would recount the tallies once per activity)."""

    def run():
        from django.db import connection, transaction

        from accounts.models import Unit
        from tasks.activities.models import Activity, ActivityTally, ActivityTargetGroup, TargetGroupTally

        unit_id = Unit.objects.get(key=key).pk
        tables = {m: connection.ops.quote_name(m._meta.db_table) for m in (Activity, ActivityTargetGroup)}
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {tables[ActivityTargetGroup]} WHERE activity_id IN "
                f"(SELECT id FROM {tables[Activity]} WHERE unit_id = %s)",
                [unit_id],
            )
            for model in (Activity, Activity.history.model, ActivityTally, TargetGroupTally):
                cursor.execute(
                    f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} WHERE unit_id = %s", [unit_id]
                )
        connection.close()  # the server's worker writes next

    return run


def main() -> int:
    args = arguments(__doc__, name=PG_NAME).parse_args()
    print_machine()
    database = use_database(postgres=args.postgres, name=PG_NAME)
    try:
        setup_django()
        from django.db import connections
        from server import Gunicorn

        ready = prepare()
        files = hostile_files()
        connections.close_all()
        server = Gunicorn(workers=1)
        try:
            hostile, big = session_for(server.url, UNITS["hostile"]), session_for(server.url, UNITS["big"])
            assert hostile.post(  # warm-up: the worker has read a workbook once
                f"{server.url}/api/v1/activities/import/",
                data={"plan": ready["plan"]},
                files={"file": ("hoat-dong.xlsx", ready["small"], XLSX)},
            ).status_code in (201, 400)
            idle_mb = server.rss_mb()
            results = [
                (name, len(content), measure(server, hostile, ready["plan"], content, runs=args.runs))
                for name, content in files
            ]
            results.append(
                (
                    "the benchmark's 10,000 rows (into an empty unit; 201)",
                    len(ready["big"]),
                    measure(server, big, ready["plan"], ready["big"], runs=args.runs, before=empty_unit(UNITS["big"])),
                )
            )
            pid_after = server.workers()
            still = hostile.post(
                f"{server.url}/api/v1/activities/import/",
                data={"plan": ready["plan"], "include_duplicates": "true"},
                files={"file": ("hoat-dong.xlsx", ready["small"], XLSX)},
            )
        finally:
            server.stop()
    finally:
        drop_database(postgres=args.postgres, name=PG_NAME)

    lines = [
        f"- database: {database}; gunicorn, 1 sync worker, on 127.0.0.1; worker idle after a warm-up: {idle_mb:.0f} MB"
    ]
    for name, size, r in results:
        answers = "; ".join(f"{status} “{message}”" for status, message in sorted(r["answers"]))
        lines.append(
            f"- {name} ({size / 1024:,.1f} KiB): {answers}; {spread(r['times'])}, worker CPU "
            f"{statistics.median(r['cpu']):.3f} s; worker's peak during the upload **{max(r['peaks']):.0f} MB** "
            f"(median {statistics.median(r['peaks']):.0f}; {'reset before each' if r['reset'] else 'NOT reset'})"
        )
    same = pid_after == [results[0][2]["pid"]]
    lines.append(
        f"- afterwards: the same worker ({'same' if same else 'a NEW'} process) imports a good 5-row file: "
        f"{still.status_code} {still.json().get('created')} created"
    )
    lines.append("- left out: the TLS proxy; several clients at once (one sync worker takes them in turn)")
    print("\n".join(lines))
    if args.write:
        append_results("Hostile spreadsheets through the API (bench/bench_hostile.py)", lines)
    refused = all(status == 400 for _n, _s, r in results[:-1] for status, _m in r["answers"])
    within = all(max(r["peaks"]) < TARGET_MB for _n, _s, r in results)
    return 0 if refused and within and same and still.status_code == 201 else 1


if __name__ == "__main__":
    sys.exit(main())
