"""Benchmark: 10,000 activities uploaded through the API into a unit that already has 10,000
(issue 3 item 7; issue 14 goal 1).

    .venv/bin/python bench/bench_import.py                 # SQLite (a file under var/, removed)
    .venv/bin/python bench/bench_import.py --postgres      # creates and drops pbgdpl_bench_import
    .venv/bin/python bench/bench_import.py --write         # also append the figure to bench/RESULTS.md

The files are made with openpyxl from the downloadable template, filled the way a unit types it
(dd/mm/yyyy dates as text, "1.500.000" numbers, Vietnamese labels, several target groups). Each of
5 provincial units first gets 10,000 other activities through the import service (untimed); then a
live server (gunicorn, one sync worker, the test settings on the benchmark's database) takes, for
each unit in turn, the reporter's sign-in (POST /api/v1/auth/token/, untimed, its CPU not counted) and the upload of
the 10,000-row file (POST /api/v1/activities/import/, multipart): the figure is the wall time of
that request as the client sees it, median of 5 (one small upload first warms the worker). Also:
the worker's CPU per upload, on PostgreSQL the database backends' CPU per upload, and the worker's
peak resident memory (VmHWM). Targets: < 2 s, < 200 MB.

Left out: the TLS proxy in front of gunicorn, the browser (the page's form posts the same file to
the same service), and the tallies' recount of other writers waiting on the unit's lock.
"""

import io
import statistics
import sys
import time
from datetime import date, timedelta

from common import ROOT, append_results, arguments, drop_database, print_machine, setup_django, spread, use_database

PG_NAME = "pbgdpl_bench_import"
TARGET_SECONDS = 2.0
TARGET_MB = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PASSWORD = "bench-Only-1"
UNITS = ["ca01", "ca79", "ca48", "ca31", "ca92", "ca46"]  # the last one takes the warm-up upload


def build_workbook(plan, rows: int, label: str) -> bytes:
    from django.utils import translation
    from openpyxl import load_workbook

    from tasks.activities.imports.template import activities_template
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
                f"{label} số {i + 1} tại phường Hàng Bạc",
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


def prepare(rows: int, runs: int) -> dict:
    """Migrate, load the registry and Decision 762, make one reporter per unit and give each of the
    first ``runs`` units ``rows`` activities already; return the plan and the two files."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from accounts.models import Unit, User
    from plans.models import Plan
    from tasks.activities.imports.services import activities_import

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_units", verbosity=0)
    call_command("load_plan", str(ROOT / "plans/data/762-QD-BCA-V03-2024.yaml"), verbosity=0)
    plan = Plan.objects.get(number="762/QĐ-BCA-V03")
    started = time.perf_counter()
    existing = build_workbook(plan, rows, "Hoạt động đã có")
    new = build_workbook(plan, rows, "Tuyên truyền pháp luật mới")
    small = build_workbook(plan, 20, "Làm nóng")
    built = time.perf_counter() - started
    started = time.perf_counter()
    keys = UNITS[:runs] + UNITS[-1:]
    for n, key in enumerate(keys):
        user = User.objects.create_user(
            f"bench.{key}", password=PASSWORD, role=User.Role.REPORTER, unit=Unit.objects.get(key=key)
        )
        if n < runs:
            result = activities_import(by=user, plan=plan, upload=SimpleUploadedFile("co-san.xlsx", existing))
            assert result.ok and result.created == rows, [e.as_dict() for e in result.errors[:3]]
    return {
        "plan": plan.pk,
        "new": new,
        "small": small,
        "built": built,
        "prefill": time.perf_counter() - started,
        "keys": keys,
    }


def signed_in(url: str, key: str):
    """A session of the unit's reporter, signed in with a token (PBKDF2: about 0.25 s of the
    worker's CPU, kept out of the upload's figures)."""
    import requests

    session = requests.Session()
    answer = session.post(f"{url}/api/v1/auth/token/", data={"username": f"bench.{key}", "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    session.headers["Authorization"] = f"Token {answer.json()['token']}"
    return session


def upload(session, url: str, plan: int, content: bytes) -> tuple[float, dict]:
    started = time.perf_counter()
    response = session.post(
        f"{url}/api/v1/activities/import/",
        data={"plan": plan},
        files={"file": ("hoat-dong.xlsx", content, XLSX)},
        timeout=600,
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 201, (response.status_code, response.text[:500])
    return elapsed, response.json()


def postgres_reaped_cpu() -> float:
    """CPU seconds of the PostgreSQL backends that have ended so far (the postmaster's reaped
    children): the test settings open a connection per request, so an upload's backend ends with
    it. Other sessions' backends ending at the same moment count too (an upper bound)."""
    import os
    from pathlib import Path

    import psycopg
    from common import PG_SERVER

    with psycopg.connect(f"{PG_SERVER}/postgres") as conn:
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        postmaster = int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])
    fields = Path(f"/proc/{postmaster}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")  # cutime, cstime


def main() -> int:
    parser = arguments(__doc__, name=PG_NAME)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    runs = min(args.runs, len(UNITS) - 1)

    print_machine()
    database = use_database(postgres=args.postgres, name=PG_NAME)
    try:
        setup_django()
        from django.db import connections
        from server import Gunicorn

        from tasks.models import Activity, ActivityTargetGroup

        ready = prepare(args.rows, runs)
        connections.close_all()
        server = Gunicorn(workers=1)
        try:
            upload(signed_in(server.url, ready["keys"][-1]), server.url, ready["plan"], ready["small"])  # warm-up
            idle_mb = server.rss_mb()
            times, cpu, db_cpu = [], [], []
            for key in ready["keys"][:runs]:
                session = signed_in(server.url, key)
                if args.postgres:
                    time.sleep(0.3)  # the sign-in's backend ends with its connection: reaped before the upload
                before, db_before = server.cpu_seconds(), postgres_reaped_cpu() if args.postgres else 0.0
                elapsed, body = upload(session, server.url, ready["plan"], ready["new"])
                cpu.append(server.cpu_seconds() - before)
                if args.postgres:
                    time.sleep(0.3)  # the request's backend ends with its connection; PostgreSQL reaps it
                    db_cpu.append(postgres_reaped_cpu() - db_before)
                times.append(elapsed)
                assert body["created"] == args.rows, body
            peak_mb = server.peak_rss_mb()
        finally:
            server.stop()
        for key in ready["keys"][:runs]:
            assert Activity.objects.filter(unit__key=key).count() == 2 * args.rows
        history = Activity.history.filter(unit__key=ready["keys"][0]).count()
        assert history == 2 * args.rows, history
        groups = ActivityTargetGroup.objects.filter(activity__unit__key=ready["keys"][0]).count()
    finally:
        drop_database(postgres=args.postgres, name=PG_NAME)

    median = statistics.median(times)
    verdict = "under" if median < TARGET_SECONDS else "OVER"
    lines = [
        f"- database: {database}; gunicorn, 1 sync worker, on 127.0.0.1",
        f"- data: {runs} units each holding {args.rows:,} activities; a {len(ready['new']) / 1024:.0f} KiB XLSX of "
        f"{args.rows:,} rows (files built in {ready['built']:.1f} s; the units filled through the service in "
        f"{ready['prefill']:.0f} s, untimed)",
        f"- upload → 201 (POST /api/v1/activities/import/, as the client sees it): **{spread(times)}** — {verdict} "
        f"the {TARGET_SECONDS:.0f} s target; worker CPU per upload {spread(cpu)}"
        + (f"; PostgreSQL backends' CPU per upload {spread(db_cpu)}" if db_cpu else ""),
        f"- web worker's memory: {idle_mb:.0f} MB after the warm-up, peak (VmHWM) **{peak_mb:.0f} MB** "
        f"({'under' if peak_mb < TARGET_MB else 'OVER'} the {TARGET_MB} MB target)",
        f"- checked: each unit then holds {2 * args.rows:,} activities, {history:,} history rows, "
        f"{groups:,} target-group rows",
        "- left out: TLS proxy, the browser page (same service), other writers queued on the unit's lock",
    ]
    print("\n".join(lines))
    if args.write:
        append_results("Activity import through the API (bench/bench_import.py)", lines)
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
