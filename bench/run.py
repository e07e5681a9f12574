"""Run every benchmark (`make bench`): the import and the reminder scan on SQLite and PostgreSQL,
the hostile spreadsheets' answers and the server's memory for each, the roll-up on PostgreSQL, the
pages, the CPU per request, the first `make run` and the demo's PDFs. Pass --write to append the
figures to bench/RESULTS.md. The load test (bench/load/run.py) is not among them: it takes the
machine for minutes and is run on its own."""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = [
    ["bench_import.py"],
    ["bench_import.py", "--postgres"],
    ["bench_hostile.py"],
    ["bench_reminders.py"],
    ["bench_reminders.py", "--postgres"],
    ["bench_rollup.py"],
    ["bench_pages.py"],
    ["bench_pages.py", "--postgres"],
    ["bench_requests.py"],
    ["bench_first_run.py"],
]


def main() -> int:
    extra = sys.argv[1:]
    failed = 0
    started = time.monotonic()
    for script, *args in RUNS:
        print(f"== {script} {' '.join(args)}", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / script), *args, *extra], check=False).returncode != 0
    print(f"== every benchmark in {(time.monotonic() - started) / 60:.1f} min, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
