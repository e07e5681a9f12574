"""Benchmark: import 10,000 activities from an XLSX file into a fresh database (issue 3, item 7).

    .venv/bin/python bench/bench_import.py                 # SQLite under var/ (a fresh file)
    .venv/bin/python bench/bench_import.py --postgres      # creates and drops pbgdpl_bench_import
    .venv/bin/python bench/bench_import.py --write         # also append the figure to bench/RESULTS.md

The file is generated with openpyxl from the downloadable template, filled the way a unit types it
(dd/mm/yyyy dates as text, "1.500.000" numbers, Vietnamese labels, several target groups). The
figure is the wall time of ``activities_import`` (read with python-calamine, check every row, bulk
insert with history, target groups, tallies, obligations) on a database holding the unit registry
and Decision 762. Target: < 10 s.
"""

import io
import sys
import time
from datetime import date, timedelta

from common import ROOT, append_results, arguments, drop_database, setup_django, use_database

PG_NAME = "pbgdpl_bench_import"
TARGET_SECONDS = 10.0


def build_workbook(plan, rows: int) -> bytes:
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
    parser = arguments(__doc__, name=PG_NAME)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()

    database = use_database(postgres=args.postgres, name=PG_NAME)
    setup_django()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from accounts.models import Unit, User
    from plans.models import Plan
    from tasks.activities.imports.services import activities_import
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
        drop_database(postgres=args.postgres, name=PG_NAME)

    verdict = "under" if elapsed < TARGET_SECONDS else "OVER"
    summary = (
        f"{args.rows:,} rows ({len(content) / 1024:.0f} KiB XLSX, built in {built:.1f} s) imported in "
        f"{elapsed:.2f} s — {verdict} the {TARGET_SECONDS:.0f} s target; {history:,} history rows, "
        f"{groups:,} target-group rows"
    )
    print(f"{database}: {summary}")
    if args.write:
        append_results("Activity import (bench/bench_import.py)", [f"- database: {database}", f"- result: {summary}"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
